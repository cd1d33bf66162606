import pytest

from galleyproof.english.lexicon import Lexicon
from galleyproof.rules.spaced_hyphens import spaced_hyphen_issues
from galleyproof.text.document import Document


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load_default()


def flags(text, lexicon):
    return [(text[i.start : i.end], i.suggestions[0]) for i in spaced_hyphen_issues(Document(text), lexicon)]


def test_a_compound_with_a_space_let_in_is_closed_up(lexicon):
    assert flags("Her work can best be described as clear- cut, almost cold.", lexicon) == [("clear- cut", "clear-cut")]
    assert flags("It runs through successive five- year plans.", lexicon) == [("five- year", "five-year")]


def test_a_hyphen_for_a_dash_becomes_a_dash(lexicon):
    assert flags("The technology sat in our homes for years- the thermostat.", lexicon) == [("years- the", "years—the")]
    assert flags("Memory across the lifespan- a paradox that remains.", lexicon) == [("lifespan- a", "lifespan—a")]
    assert flags("The most affected nerve root- and it just so happens.", lexicon) == [("root- and", "root—and")]


def test_suspended_compounds_pass(lexicon):
    text = ("Both two- and three-dimensional, pre- or post-war, the back- and fore-grounding, national- and "
            "state-level data, inter- and transdisciplinary work.")
    assert flags(text, lexicon) == []


def test_false_starts_dialogue_and_letters_pass(lexicon):
    assert flags("He was exper- experimenting, upon a reve- uh receiving.", lexicon) == []  # false_starts' flags
    assert flags("“Wait- wait for me,” she said. “Not- not now.”", lexicon) == []
    assert flags("We ran a B & B- and a shop.", lexicon) == []
