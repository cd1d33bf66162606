import pytest

from galleyproof.english.lexicon import Lexicon
from galleyproof.rules.false_starts import false_start_issues, in_dialogue
from galleyproof.text.document import Document


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load_default()


def flags(text, lexicon):
    return [(text[i.start : i.end], i.suggestions) for i in false_start_issues(Document(text), lexicon)]


def test_a_fragment_before_the_word_in_full_is_deleted(lexicon):
    assert flags("He was exper- experimenting with new ways.", lexicon) == [("exper- ", ("",))]
    assert flags("Julie Rosenthal, Sarah Stoddar- Stoddart, and Jonathan.", lexicon) == [("Stoddar- ", ("",))]


def test_a_fragment_broken_off_at_a_dash_or_filler_is_deleted(lexicon):
    assert flags("You can't understan- – he – you can.", lexicon) == [("understan- ", ("",))]
    assert flags("I mean, there's a conced- -- I thought I heard you.", lexicon) == [("conced- ", ("",))]
    assert flags("Upon a reve- uh receiving my check.", lexicon) == [("reve- ", ("",))]


def test_a_fragment_that_is_no_word_before_another_word_is_deleted(lexicon):
    assert flags("The rest was clear, a few ottle- some of it was chipped.", lexicon) == [("ottle- ", ("",))]


def test_suspended_compounds_and_spaced_hyphens_pass(lexicon):
    assert flags("Both two- and three-dimensional, pre- or post-war, inter- and transdisciplinary.", lexicon) == []
    assert flags("A self- motivated pursuit over the years- the thermostat.", lexicon) == []
    assert flags("Well, w- when we got there.", lexicon) == []  # one letter before another word


def test_stammers_in_dialogue_pass(lexicon):
    assert flags("“I- I don't know,” she said. “Wh- what was that?”", lexicon) == []
    assert flags('"You can\'t understan- – he," she said.', lexicon) == []
    assert flags("‘Don’t, ple- please,’ he said.", lexicon) == []
    assert flags("“Go,” she said. He was exper- experimenting.", lexicon) == [("exper- ", ("",))]


def test_in_dialogue_reads_the_paragraph_only():
    text = "“Open quote never closed.\n\nThen narration."
    assert in_dialogue(text, 5) and not in_dialogue(text, len(text) - 3)
    assert not in_dialogue("He didn’t know it was the girls’ here.", 30)
