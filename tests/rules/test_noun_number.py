import pytest

from galleyproof.english.lexicon import Lexicon
from galleyproof.rules.noun_number import noun_number_issues


@pytest.fixture(scope="module")
def lexicon():
    counts = {"story": 500, "stories": 300, "glass": 400, "glasses": 100, "series": 100, "way": 5000, "ways": 500,
              "reason": 1000, "reasons": 300, "thing": 4000, "things": 4000, "player": 30, "players": 30,
              "right": 3800, "rights": 150, "family": 1500, "families": 100, "project": 100, "projects": 40}
    return Lexicon(counts, {})


def flags(text, lexicon):
    return [(text[i.start : i.end], i.suggestions[0]) for i in noun_number_issues(text, lexicon)]


def test_kind_sort_and_type_after_words_that_count_more_than_one(lexicon):
    assert flags("These kind of historians know all sort of things.", lexicon) == [("kind", "kinds"), ("sort", "sorts")]
    assert flags("There are different type of bulbs, and a different sort of place.", lexicon) == [("type", "types")]
    assert flags("This kind of historian knows one sort of thing.", lexicon) == []


def test_a_count_noun_after_one_of_the_or_a_number_word(lexicon):
    assert flags("The one of the reason behind it is money.", lexicon) == [("reason", "reasons")]
    assert flags("He is one of the best player, I think.", lexicon) == [("player", "players")]
    assert flags("What struck me was two thing: the plot and the end.", lexicon) == [("thing", "things")]


def test_collectives_adjectives_numbered_things_and_longer_phrases_are_left_alone(lexicon):
    assert flags("She was one of the family. Four right and four left.", lexicon) == []
    assert flags("Phase one of the project is done; one of the reason codes.", lexicon) == []
    assert flags("Two hundred and ten fold.", lexicon) == []


def test_a_plural_after_a_or_an_before_of_or_a_mark_is_the_singular(lexicon):
    assert flags("It was a stories that everyone knew, and a reasons, too.", lexicon) == [
        ("stories", "story"), ("reasons", "reason")]
    assert flags("A glass of water, a series of events, a ways off.", lexicon) == []
