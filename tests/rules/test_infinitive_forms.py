import pytest

from galleyproof.english.lexicon import Lexicon
from galleyproof.rules.infinitive_forms import infinitive_issues


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load_default()


def flags(text, lexicon):
    return [(text[i.start : i.end], i.suggestions[0]) for i in infinitive_issues(text, lexicon)]


def test_a_past_form_before_an_object_after_to_takes_its_base(lexicon):
    assert flags("They were able to maximized the benefits.", lexicon) == [("maximized", "maximize")]
    assert flags("She tried to convinced herself and to stopped them.", lexicon) == [("convinced", "convince"),
                                                                               ("stopped", "stop")]


def test_adjectives_before_a_noun_and_bases_are_left_alone(lexicon):
    assert flags("He wrote to interested parties and spoke to married women.", lexicon) == []
    assert flags("She came to maximize the benefits. To Ted the news was old.", lexicon) == []
