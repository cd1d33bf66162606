from collections import Counter

from galleyproof.rules.dialogue import count_tags, default_tags, dialogue_issues, tag_words

TAGS = frozenset({"said", "he", "asked"})


def flags(text, tags=TAGS):
    return [(text[i.start : i.end], i.suggestions[0], i.category) for i in dialogue_issues(text, tags)]


def test_flags_a_speech_closed_with_no_mark_before_its_tag():
    assert flags("“Come here” he said.") == [("here”", "here,”", "punctuation")]
    got = flags('"Do it" said Tom, and "Why not"\nasked Ann.')
    assert [g[:2] for g in got] == [('it"', 'it,"'), ('not"', 'not,"')]


def test_leaves_marked_speech_and_quotes_not_followed_by_a_tag():
    assert flags("“Come here,” he said. “Why?” he asked. “Go!” said she.") == []
    assert flags("the word “militate” was used, and “swap” it said") == []
    assert flags("“Come here”\n\nhe said.") == []  # a paragraph break is no tag


def test_tag_words_need_enough_marked_speech():
    books = ["“Yes,” said Tom. “No,” he said."] * 60 + ["“Yes” said Tom."] + ["the “odd” word"] * 30
    marked, bare = count_tags(books)
    assert marked["said"] == 60 and bare["said"] == 1 and bare["word"] == 30
    assert tag_words(marked, bare) == frozenset({"said", "he"})
    assert tag_words(marked, bare + Counter({"said": 1})) == frozenset({"he"})  # 60 of 62: under 98%
    assert {"said", "asked", "replied"} <= default_tags()


def test_the_proofreader_runs_the_lookups_whatever_rules_calibration_chose():
    from galleyproof.model.detector import ModelDetector
    from galleyproof.model.versions import shipped_model_dir
    from galleyproof.proofreader import Proofreader
    from galleyproof.text.document import Document

    model = ModelDetector(shipped_model_dir())
    model.rules = frozenset()
    text = "It was more then enough, and a elephant said “Come here” he said."
    flags = Proofreader(model).rule_flags(Document(text))
    assert {"then", "a", "here”"} <= {text[f.start : f.end] for f in flags}
    assert {f.rule for f in flags} <= {"confusions", "articles", "dialogue", "commas", "quotes", "forms", "then_than"}
