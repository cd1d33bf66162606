from galleyproof.baseline import BaselineDetector
from galleyproof.english.lexicon import Lexicon

WORDS = "the a of and to was in he she it walked slowly into house dark night cold wind we were there is".split()
LEX = Lexicon({w: 50 for w in WORDS} | {"embark": 10, "day": 9, "dreams": 9})


def detect(text):
    return BaselineDetector(LEX).detect(text)


def test_unknown_word_with_suggestion_and_exact_span():
    text = "She walked slowly into teh house."
    (issue,) = detect(text)
    assert text[issue.start : issue.end] == "teh"
    assert issue.category == "spelling"
    assert issue.suggestions[0] == "the"


def test_words_the_manuscript_repeats_and_names_are_not_flagged():
    text = "He walked into the house. Zorbin was there. The zorbin walked in the zorbin house."
    assert [i for i in detect(text) if i.category == "spelling"] == []


def test_inflections_and_compounds_of_known_words_are_known():
    assert detect("He embarks in the daydreams.") == []


def test_repeated_word_spans_both_copies():
    text = "It was the the night."
    (issue,) = detect(text)
    assert text[issue.start : issue.end] == "the the"
    assert issue.category == "grammar" and issue.suggestions == ("the",)


def test_spacing_and_doubled_marks():
    text = "It was cold ,and the wind  was there,,we were."
    found = {(text[i.start : i.end], i.category) for i in detect(text)}
    assert (" ,", "whitespace") in found
    assert ("  ", "whitespace") in found
    assert (",,", "punctuation") in found


def test_capitals_pronoun_and_sentence_start():
    text = "It was cold. the wind was there, and i walked."
    found = {text[i.start : i.end]: i.suggestions[0] for i in detect(text) if i.category == "capitalization"}
    assert found == {"cold. the": "cold. The", "i": "I"}


def test_abbreviation_is_not_a_sentence_end():
    assert detect("It was Mr. the night.") == []


def test_offsets_index_the_text_as_read_with_bom_crlf_and_emoji():
    text = "\ufeff👩‍👩‍👧 It was\r\nthe the night, cafe\u0301 teh."
    spans = {text[i.start : i.end] for i in detect(text)}
    assert "teh" in spans
    assert any(s.startswith("the") and s.endswith("the") for s in spans)


def test_doubles_english_allows_are_not_flagged():
    text = "If he had had his way, he knew that that was so; the the end."
    assert [text[i.start : i.end] for i in detect(text) if i.category == "grammar"] == ["the the"]
