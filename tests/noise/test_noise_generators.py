"""Invariants of the error generators and of `corrupt`, over seeds and period prose."""

import random
import subprocess
import sys
from pathlib import Path

import pytest

from galleyproof.corpus import Book, Paragraph
from galleyproof.english import verbs as verbs_
from galleyproof.issues import CATEGORIES
from galleyproof.noise import (
    DEFAULT_WEIGHTS,
    GENERATORS,
    KIND_WEIGHTS,
    GoldEdit,
    NoiseConfig,
    capitalization,
    corrupt,
    for_corpus,
    generator,
    grammar,
    inject,
    parse_mix,
    punctuation,
    restore,
)
from galleyproof.noise import words as missing_extra
from galleyproof.noise.valset import VALSET_CATEGORIES, build_valset
from galleyproof.text.words import iter_words

PARAGRAPHS = [p.strip() for p in (Path(__file__).parent / "paragraphs.txt").read_text("utf-8").split("\n\n")]


def _words(text: str) -> list[str]:
    return [m.group() for m in iter_words(text)]


def check_one(original: str, result, name: str) -> GoldEdit:
    new_text, edits = result
    (e,) = edits
    assert new_text[e.start : e.end] == e.wrong
    assert e.wrong and e.wrong != e.correct
    assert restore(new_text, edits) == original
    assert e.category in CATEGORIES
    assert e.category == ("grammar" if name in ("missing_word", "extra_word") else name)
    return e


VOCABULARY = {w.lower() for text in PARAGRAPHS for w in _words(text)}


@pytest.mark.parametrize("name", GENERATORS)
def test_every_kind_of_every_generator_keeps_the_span_invariants(name):
    for kind in KIND_WEIGHTS[name]:
        # A vocabulary lets the real-word slips find real words to land on.
        g = generator(name, NoiseConfig(kinds={name: {kind: 1.0}}, is_word=VOCABULARY.__contains__))
        fired = 0
        for seed in range(5):
            for text in PARAGRAPHS:
                result = g(text, random.Random(seed))
                if result is not None:
                    check_one(text, result, name)
                    fired += 1
        assert fired, f"{name}/{kind} never found a place in the fixture paragraphs"


def test_real_word_slips_land_on_real_words():
    g = generator("word_choice", NoiseConfig(kinds={"word_choice": {"real_word": 1.0}}, is_word=VOCABULARY.__contains__))
    fired = 0
    for seed in range(10):
        for text in PARAGRAPHS:
            result = g(text, random.Random(seed))
            if result is not None:
                e = check_one(text, result, "word_choice")
                assert e.wrong.lower() in VOCABULARY and e.kind == "real_word"
                fired += 1
    assert fired
    assert generator("word_choice", NoiseConfig(kinds={"word_choice": {"real_word": 1.0}}))(PARAGRAPHS[0], random.Random(0)) is None


def test_spelling_changes_one_whole_word_and_respects_is_word():
    vocabulary = {w.lower() for text in PARAGRAPHS for w in text.replace("—", " ").split()}
    g = generator("spelling", NoiseConfig(is_word=lambda w: w.lower() in vocabulary))
    for seed in range(40):
        text = PARAGRAPHS[seed % len(PARAGRAPHS)]
        e = check_one(text, g(text, random.Random(seed)), "spelling")
        assert e.wrong.isalpha() and e.correct.isalpha() and len(e.correct) >= 3
        assert e.wrong.lower() not in vocabulary


def test_common_misspellings_run_backwards():
    text = "I believe it was necessary to separate them until the morning."
    g = generator("spelling", NoiseConfig(kinds={"spelling": {"common": 1.0}}))
    wrongs = {g(text, random.Random(s))[1][0].wrong for s in range(30)}
    assert wrongs <= {"beleive", "belive", "neccessary", "necessery", "seperate", "untill"}
    assert len(wrongs) >= 3


def test_word_choice_keeps_case_and_apostrophe_style():
    g = generator("word_choice", NoiseConfig(kinds={"word_choice": {"confusable": 1.0}}))
    e = check_one("Their house.", g("Their house.", random.Random(0)), "word_choice")
    assert e.wrong in ("There", "They’re", "They're")
    for seed in range(20):
        new, (e,) = g("Its colour, said she, was “dark”.", random.Random(seed))
        if e.correct == "Its":
            assert e.wrong == "It’s"
    could = generator("word_choice", NoiseConfig(kinds={"word_choice": {"could_of": 1.0}}))
    assert could("We could have gone.", random.Random(0))[1][0].wrong == "of"


def test_keyboard_slips_of_marks_and_capitals():
    """The shift key wrong on a mark ("being< but"), a stray keystroke between words ("the
    (same"), the shift key pressed inside a word ("mySelf")."""
    text = "The old man walked slowly, and she said that it was late. Nobody answered him! Was it true?"
    shifted = {"<", ">", "1", "@", "/", ":"}
    for seed in range(20):
        e = check_one(text, punctuation.KINDS["shifted_mark"](text, random.Random(seed)), "punctuation")
        (diff,) = [(a, b) for a, b in zip(e.wrong, e.correct, strict=True) if a != b]
        assert diff[0] in shifted and diff[1] in ",.!?;"
        e = check_one(text, punctuation.KINDS["stray_mark"](text, random.Random(seed)), "punctuation")
        assert e.wrong.replace("-", " ") == e.correct or e.correct in e.wrong
        e = check_one(text, capitalization.KINDS["inner_capital"](text, random.Random(seed)), "capitalization")
        assert e.wrong[0] + e.wrong[1:].lower() == e.correct and sum(c.isupper() for c in e.wrong[1:]) == 1


def test_missing_word_span_covers_both_neighbours():
    g = generator("missing_word")
    for seed in range(40):
        text = PARAGRAPHS[seed % len(PARAGRAPHS)]
        e = check_one(text, g(text, random.Random(seed)), "missing_word")
        assert e.kind == "missing_word"
        wrong, correct = _words(e.wrong), _words(e.correct)
        assert len(wrong) == 2 and len(correct) == 3
        assert (correct[0], correct[-1]) == tuple(wrong)


def test_extra_word_span_covers_it_and_both_neighbours():
    g = generator("extra_word")
    for seed in range(40):
        text = PARAGRAPHS[seed % len(PARAGRAPHS)]
        e = check_one(text, g(text, random.Random(seed)), "extra_word")
        assert e.kind == "extra_word"
        wrong, correct = _words(e.wrong), _words(e.correct)
        assert len(wrong) == 3 and len(correct) == 2
        assert (wrong[0], wrong[-1]) == tuple(correct)


def test_deletions_mark_the_tokens_on_both_sides():
    text = "It was cold, and we went home. The fire was out."
    comma = generator("punctuation", NoiseConfig(kinds={"punctuation": {"drop_comma": 1.0}}))
    assert comma(text, random.Random(0))[1][0].wrong == "cold and"
    period = generator("punctuation", NoiseConfig(kinds={"punctuation": {"drop_period": 1.0}}))
    wrongs = {period(text, random.Random(s))[1][0].wrong for s in range(10)}
    assert wrongs == {"home The", "out"}


def test_grammar_pronoun_i_is_capital_only_where_it_should_be():
    g = generator("grammar", NoiseConfig(kinds={"grammar": {"pronoun_case": 1.0}}))
    new, (e,) = g("and so I went", random.Random(0))
    assert (e.wrong, e.correct) == ("me", "I")
    new, (e,) = g("You gave it me.", random.Random(0))
    assert (e.wrong, e.correct) == ("I", "me")


def test_sentence_starts_are_not_abbreviations():
    g = generator("capitalization", NoiseConfig(kinds={"capitalization": {"lower_sentence_start": 1.0}}))
    text = "So Mr. Darcy came. He sat."
    assert {g(text, random.Random(s))[1][0].wrong for s in range(20)} == {"so", "he"}


@pytest.mark.parametrize("rate", [2.0, 8.0, 20.0])
def test_corrupt_composes_without_overlap_and_restores(rate):
    config = NoiseConfig(errors_per_100_words=rate)
    total = 0
    for seed in range(60):
        text = PARAGRAPHS[seed % len(PARAGRAPHS)]
        new_text, edits = corrupt(text, random.Random(seed), config)
        total += len(edits)
        assert restore(new_text, edits) == text
        for e in edits:
            assert new_text[e.start : e.end] == e.wrong
        for a, b in zip(edits, edits[1:], strict=False):
            assert a.end + config.margin <= b.start
    assert total > 60 * rate * 0.5  # the count is near its Poisson mean over ~85-word paragraphs


def test_corrupt_is_deterministic_for_a_seed():
    config = NoiseConfig(errors_per_100_words=10)
    runs = [[corrupt(t, random.Random(7), config) for t in PARAGRAPHS] for _ in range(2)]
    assert runs[0] == runs[1]
    assert runs[0] != [corrupt(t, random.Random(8), config) for t in PARAGRAPHS]


def test_corrupt_does_not_depend_on_string_hashing():
    code = (
        "import random, sys; from galleyproof.noise import NoiseConfig, corrupt;"
        "text = sys.stdin.read();"
        "print(corrupt(text, random.Random(3), NoiseConfig(errors_per_100_words=15)))"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", code], input=PARAGRAPHS[5], capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_inject_with_one_generator_and_clean_fraction():
    text = PARAGRAPHS[0]
    new_text, edits = inject(text, random.Random(1), 6, NoiseConfig().only("whitespace"))
    assert len(edits) == 6 and {e.category for e in edits} == {"whitespace"}
    assert corrupt(text, random.Random(1), NoiseConfig(clean_fraction=1.0)) == (text, [])
    assert NoiseConfig().with_rate(9.0).errors_per_100_words == 9.0


def test_config_rejects_unknown_names():
    with pytest.raises(ValueError):
        NoiseConfig(weights={"spelin": 1.0})
    with pytest.raises(ValueError):
        generator("spelling", NoiseConfig(kinds={"spelling": {"nope": 1.0}}))(PARAGRAPHS[0], random.Random(0))


def test_build_valset_one_category_per_paragraph():
    long = [a + " " + b for a in PARAGRAPHS for b in PARAGRAPHS if a != b]
    books = [Book(f"book{i}", Path(f"book{i}.txt"), [Paragraph(t) for t in long[i::2]]) for i in range(2)]
    items = build_valset(books, n_paragraphs=16, seed=0)
    assert [i["category"] for i in items] == list(VALSET_CATEGORIES) * 2
    originals = set(long)
    for item in items:
        assert 8 <= len(item["errors"]) <= 10
        assert set(item) == {"id", "category", "source", "chapter", "text", "errors"}
        text = item["text"]
        edits = [GoldEdit(e["start"], e["end"], "x", e["wrong"], e["correct"], e["kind"]) for e in item["errors"]]
        assert all(text[e.start : e.end] == e.wrong for e in edits)
        assert restore(text, edits) in originals
    assert build_valset(books, n_paragraphs=16, seed=0) == items


COUNTS = {
    # a regular verb in all four forms
    "stir": 40, "stirs": 5, "stirred": 30, "stirring": 20,
    # a noun that is seldom a verb
    "doctor": 900, "doctors": 100, "doctored": 3, "doctoring": 3,
    # "hop" or "hope"? both "hopped" and "hoped" are written
    "hop": 10, "hops": 4, "hopped": 6, "hoping": 30, "hopping": 5, "hope": 300, "hoped": 90,
    # a listed verb
    "walk": 50, "walks": 10, "walked": 60, "walking": 40,
    # a form missing
    "glimmer": 9, "glimmers": 1, "glimmered": 4, "glimmering": 8,
}


def test_corpus_verbs_are_regular_verbs_written_in_every_form():
    assert verbs_.corpus_verbs(COUNTS) == (("stir", "stirs", "stirred", "stirring"),)


def test_verb_slot_changes_a_corpus_verb_only_where_the_word_before_makes_it_a_verb():
    verbs = verbs_.VerbForms.of(verbs_.corpus_verbs(COUNTS))
    g = generator("grammar", NoiseConfig(kinds={"grammar": {"verb_slot": 1.0}}, verbs=verbs))
    cases = {
        "She had stirred the fire.": {"stir", "stirs", "stirring"},
        "They could stir it.": {"stirs", "stirred", "stirring"},
        "It was stirring again.": {"stir", "stirs"},
        "He stirred it.": {"stirring"},
        "She went to stir it.": {"stirs", "stirred"},
    }
    for text, expected in cases.items():
        wrongs = set()
        for seed in range(30):
            e = check_one(text, g(text, random.Random(seed)), "grammar")
            assert e.kind == "verb_slot"
            wrongs.add(e.wrong)
        assert wrongs == expected, text
    # "stirs" as a noun, and a verb of the corpus without a slot before it: nothing to change
    assert g("The stirs of the crowd; stirring tales.", random.Random(0)) is None
    # without the corpus's verbs the slot knows only the listed ones
    listed = generator("grammar", NoiseConfig(kinds={"grammar": {"verb_slot": 1.0}}))
    assert listed("She had stirred the fire.", random.Random(0)) is None
    assert listed("She had walked home.", random.Random(0))[1][0].wrong in {"walk", "walks", "walking"}


def test_agreement_reaches_the_corpus_verbs():
    verbs = verbs_.VerbForms.of(verbs_.corpus_verbs(COUNTS))
    g = generator("grammar", NoiseConfig(kinds={"grammar": {"agreement": 1.0}}, verbs=verbs))
    assert g("he stirs the pot", random.Random(0))[1][0].wrong == "stir"
    assert g("they stir the pot", random.Random(0))[1][0].wrong == "stirs"


def test_noise_for_a_corpus_judges_words_and_verbs_by_its_counts():
    config = for_corpus(COUNTS)
    assert config.is_word("Stirred") and config.is_word("doctor") and not config.is_word("glimmers")
    assert config.verbs.by_form["stirring"] == ("stir", "stirs", "stirred", "stirring")
    assert "doctor" not in config.verbs.by_form


def test_a_missing_article_is_marked_by_its_neighbours_and_restores():
    text = "She took the bus to a town by the sea."
    for seed in range(20):
        result = missing_extra.missing_word(text, random.Random(seed), {"article": 1.0})
        new, (edit,) = result
        assert edit.correct.split()[-1] in {"the", "a"} or " the " in f" {edit.correct} " or " a " in f" {edit.correct} "
        assert len(new.split()) == len(text.split()) - 1
        assert restore(new, [edit]) == text


def test_named_and_written_noise_mixtures():
    weights, kinds = parse_mix("real")
    assert weights["missing_word"] > DEFAULT_WEIGHTS["missing_word"] and weights["word_choice"] < 1.0
    assert kinds["missing_word"]["article"] > 0
    weights, kinds = parse_mix("punctuation=2,grammar.noun_number=4")
    assert weights["punctuation"] == 2 and weights["spelling"] == DEFAULT_WEIGHTS["spelling"]
    # One kind set: the generator's other kinds keep their default weights.
    assert kinds == {"grammar": {**grammar.WEIGHTS, "noun_number": 4.0}}
    assert parse_mix("") == (DEFAULT_WEIGHTS, {}) == parse_mix("default")
    for bad in ("punctuation", "punctuation=-1", "nonsense=1", "grammar.nonsense=1", "spelling=x"):
        with pytest.raises(ValueError):
            parse_mix(bad)


def test_a_real_shaped_mixture_makes_more_of_the_errors_real_writers_make():
    rng = random.Random(0)
    paragraphs = [p for p in (Path(__file__).parent / "paragraphs.txt").read_text().split("\n\n") if p.strip()]
    def kinds_made(config):
        counts = {}
        for i in range(300):
            _, edits = corrupt(paragraphs[i % len(paragraphs)], rng, config)
            for e in edits:
                counts[e.kind] = counts.get(e.kind, 0) + 1
        return counts
    base, real = kinds_made(NoiseConfig()), kinds_made(NoiseConfig().mixed("real"))
    assert real.get("missing_word", 0) > base.get("missing_word", 0)
    assert real.get("drop_comma", 0) > base.get("drop_comma", 0)
    assert real.get("confusable", 0) < base.get("confusable", 0)
