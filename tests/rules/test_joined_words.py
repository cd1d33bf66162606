import pytest

from galleyproof.english.lexicon import Lexicon
from galleyproof.rules.joined_words import joined_word_issues, splits
from galleyproof.text.document import Document


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load_default()


def flags(text, lexicon):
    return [(text[i.start : i.end], i.suggestions) for i in joined_word_issues(Document(text), lexicon)]


def test_two_words_english_writes_together_are_split(lexicon):
    assert flags("A weak point is the sheetmetal of the rear shock tower.", lexicon) == [
        ("sheetmetal", ("sheet metal", "sheet-metal"))]
    assert flags("I have gone over for one meeting thismorning, and found it cancelled.", lexicon) == [
        ("thismorning", ("this morning", "this-morning"))]
    assert flags("Herbs go into foods, beverages, bodycare, first aid and rituals.", lexicon)[0][:1] == ("bodycare",)


def test_a_number_takes_a_hyphen(lexicon):
    assert flags("She retired at age fiftyfive.", lexicon) == [("fiftyfive", ("fifty-five", "fifty five"))]


def test_a_novelists_compounds_pass(lexicon):
    # Both halves are words, but English seldom writes them side by side: a coinage, not a slip.
    assert flags("He turned into a cloudbank beside the thornbush and the horsepond.", lexicon) == []


def test_known_repeated_capitalised_and_tagged_words_pass(lexicon):
    assert flags("The sheet metal sat on the coffee table this morning.", lexicon) == []
    assert flags("The sheetmetal was thin; the sheetmetal bent.", lexicon) == []  # the writer's own word
    assert flags("She uses the Bluelight filter.", lexicon) == []  # a name
    assert flags("Tagged #sharedvalues and mailed sheetmetal.example.com today.", lexicon) == []
    assert flags("She said gonna, kinda and dunno; her hometown has a website and a weekend market.", lexicon) == []


def test_splits_need_a_pair_english_writes(lexicon):
    assert ("coffee", "table") in splits(lexicon, "coffeetable")
    assert splits(lexicon, "thornbush") == []
