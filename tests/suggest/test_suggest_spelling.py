from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.suggest import spelling, suggest


def options(text, span, category, lexicon, model=None):
    start = text.index(span)
    found = suggest(text, Issue(start, start + len(span), category, "m"), lexicon, model)
    return [text[: found.start] + s + text[found.end :] for s, _ in found.options]


def test_symspell_finds_words_two_edits_away(lexicon):
    near = {term: distance for term, distance, _ in spelling.near_words(lexicon, "imagniation")}
    assert near["imagination"] == 1  # a transposition is one edit
    assert spelling.near_words(lexicon, "imaginaton", 2)[0][0] == "imagination"
    assert "imagination" in {t for t, _, _ in spelling.near_words(lexicon, "imajinatoin", 2)}


def test_index_is_built_once_per_lexicon_and_not_for_another():
    a = Lexicon({"word": 10})
    b = Lexicon({"word": 10})
    assert spelling.index_for(a) is spelling.index_for(a)
    assert spelling.index_for(a) is not spelling.index_for(b)


def test_rare_words_are_not_offered(lexicon):
    rare = Lexicon({"imagination": 2, "imaginations": 22})
    assert [t for t, _, _ in spelling.near_words(rare, "imagniation")] == ["imaginations"]


def test_respelling_keeps_the_case_of_the_original(lexicon):
    assert options("It rose to my imagniation there.", "imagniation", "spelling", lexicon)[0] == (
        "It rose to my imagination there."
    )
    assert options("Imagniation is all.", "Imagniation", "spelling", lexicon)[0] == "Imagination is all."
    assert options("THOSE ICEY CLIMES", "ICEY", "spelling", lexicon)[0].startswith("THOSE IC")
    assert "THOSE ICY CLIMES" in options("THOSE ICEY CLIMES", "ICEY", "spelling", lexicon)


def test_run_together_words_are_split(lexicon):
    assert options("He walked bythe house.", "bythe", "spelling", lexicon)[0] == "He walked by the house."
    assert [s[:2] for s in spelling.splits(lexicon, "Andthe")] == [("And", "the")]


def test_the_index_waits_for_a_word_that_needs_it():
    from galleyproof.baseline import BaselineDetector

    lex = Lexicon({w: 50 for w in "it was a cold night the".split()})
    detector = BaselineDetector(lex)
    detector.detect("It was a cold night,, the the night.")
    assert id(lex) not in spelling._INDEXES
    detector.detect("It was a cold nigth.")
    assert id(lex) in spelling._INDEXES


def test_the_spelling_index_is_saved_and_a_damaged_save_is_rebuilt(tmp_path, monkeypatch):
    from galleyproof.english.lexicon import Lexicon
    from galleyproof.suggest import spelling

    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path))
    lexicon = Lexicon({"house": 40, "horse": 30, "mouse": 9})
    first = spelling.index_for(lexicon)
    saved = list((tmp_path / "cache").glob("spelling-*.json"))
    assert len(saved) == 1
    again = spelling._saved_index(lexicon)  # a new process would load it
    assert again is not first and again.words == first.words
    assert [t for t, _, _ in spelling.near_words(lexicon, "hous")][0] == "house"
    saved[0].write_bytes(b"not JSON")
    assert spelling._saved_index(lexicon).words == first.words  # rebuilt, not raised
    other = Lexicon({"house": 41, "horse": 30, "mouse": 9})  # other counts: another file
    spelling._saved_index(other)
    assert len(list((tmp_path / "cache").glob("spelling-*.json"))) == 2


def test_a_planted_pickle_in_the_cache_never_runs(tmp_path, monkeypatch):
    import pickle

    from galleyproof.english.lexicon import Lexicon
    from galleyproof.suggest import spelling

    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path))
    lexicon = Lexicon({"house": 40, "horse": 30, "mouse": 9})
    spelling._saved_index(lexicon)
    (saved,) = (tmp_path / "cache").glob("spelling-*")
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for name in (saved, saved.with_suffix(".pickle")):
        name.write_bytes(pickle.dumps(Payload()))
    assert spelling._saved_index(lexicon).words == {"house": 40, "horse": 30, "mouse": 9}
    assert not marker.exists()


def test_a_saved_index_naming_unknown_words_is_rebuilt(tmp_path, monkeypatch):
    import json

    from galleyproof.english.lexicon import Lexicon
    from galleyproof.suggest import spelling

    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path))
    lexicon = Lexicon({"house": 40, "horse": 30, "mouse": 9})
    spelling._saved_index(lexicon)
    (saved,) = (tmp_path / "cache").glob("spelling-*.json")
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["deletes"]["hous"] = ["nonsense"]
    saved.write_text(json.dumps(data), encoding="utf-8")
    assert spelling._saved_index(lexicon)._deletes["hous"] == ["house"]


def test_a_saved_index_of_the_wrong_shape_is_rebuilt(tmp_path, monkeypatch):
    import json

    from galleyproof.english.lexicon import Lexicon
    from galleyproof.suggest import spelling

    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path))
    lexicon = Lexicon({"house": 40, "horse": 30, "mouse": 9})
    spelling._saved_index(lexicon)
    (saved,) = (tmp_path / "cache").glob("spelling-*.json")
    good = json.loads(saved.read_text(encoding="utf-8"))
    for damage in ({"deletes": {**good["deletes"], "hous": [["house"]]}}, {"deletes": {**good["deletes"], "hous": "house"}},
                   {"deletes": {**good["deletes"], "hous": [{"a": 1}]}}, {"words": {**good["words"], "house": True}},
                   {"words": {**good["words"], "house": "40"}}, {"deletes": {**good["deletes"], "hous": [7]}}):
        saved.write_text(json.dumps({**good, **damage}), encoding="utf-8")
        assert spelling._load_index(saved, good["key"]) is None, damage
        index = spelling._saved_index(lexicon)
        assert index.words == {"house": 40, "horse": 30, "mouse": 9} and index._deletes["hous"] == ["house"]
    assert spelling._load_index(saved, good["key"]) is not None
