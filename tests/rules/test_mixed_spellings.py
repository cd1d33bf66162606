import re

import pytest

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.modern import is_listed_word
from galleyproof.issues import Issue
from galleyproof.model import versions
from galleyproof.rules import mixed_spellings as ms
from galleyproof.rules.mixed_spellings import RULE_ID, pair_of, variety_issues, with_variety


def flags(text, variety=None):
    return [(text[i.start : i.end], i.suggestions[0]) for i in variety_issues(text, variety)]


def test_pairs_come_from_the_patterns_and_the_irregular_list():
    assert pair_of("colour")[:2] == ("colour", "color")
    assert pair_of("colored")[:2] == ("coloured", "colored")
    assert pair_of("realize")[:2] == ("realise", "realize")
    assert pair_of("organisation")[:2] == ("organisation", "organization")
    assert pair_of("paralysed")[:2] == ("paralysed", "paralyzed")
    assert pair_of("center")[:2] == ("centre", "center")
    assert pair_of("catalogue")[:2] == ("catalogue", "catalog")
    assert pair_of("travelled")[:2] == ("travelled", "traveled")
    assert pair_of("gray")[:2] == ("grey", "gray")
    assert pair_of("tyres")[:2] == ("tyres", "tires")


@pytest.mark.parametrize("word", ["our", "hour", "four", "acre", "timbre", "tired", "filled", "polled", "flour",
                                  "scoured", "liver", "tiger", "surprise", "advise", "analyses", "refilled"])
def test_words_that_only_look_like_a_pair_are_not_one(word):
    assert pair_of(word) is None


def test_a_mixed_manuscript_has_its_minority_spelling_flagged():
    text = "The colour of the sea. The colours of the sky. The color of her eyes."
    assert flags(text) == [("color", "colour")]
    text = "He realized it; she realised it, and they realized it too."
    assert flags(text) == [("realised", "realized")]


def test_a_consistent_manuscript_is_never_flagged():
    assert flags("The colour of the grey sea, the centre of town; she realised she had travelled far.") == []
    assert flags("The color of the gray sea, the center of town; she realized she had traveled far.") == []


def test_a_tie_flags_the_american_spelling():
    assert flags("A grey coat and a gray hat.") == [("gray", "grey")]


def test_a_variety_flags_the_other_varietys_spellings_mixed_or_not():
    text = "The color of the gray sea. Colour was everywhere, colour and color."
    assert flags("The color of the gray sea.", "en-GB") == [("color", "colour"), ("gray", "grey")]
    assert flags("The colour of the grey centre.", "en-US") == [
        ("colour", "color"), ("grey", "gray"), ("centre", "center")]
    assert flags(text, "en-US") == [("Colour", "Color"), ("colour", "color")]


def test_each_variety_accepts_what_its_publishers_do():
    assert flags("She realized the organization had a dialogue.", "en-GB") == []  # Oxford -ize
    assert flags("A dialogue, a prologue and a catalogue.", "en-US") == []
    assert flags("A dialog and a catalog.", "en-GB") == [("dialog", "dialogue"), ("catalog", "catalogue")]
    # but a manuscript mixing them is still told
    assert flags("She realized it and realised it again; he realized it.", "en-GB") == [("realised", "realized")]


def test_american_spellings_that_are_british_words_too_are_never_flagged():
    assert flags("The tyre was flat and I tire of it; we stood on the kerb to curb our anger.") == []
    assert flags("I tire of it. We curb our anger.", "en-GB") == []
    assert flags("The tyre on the kerb.", "en-US") == [("tyre", "tire"), ("kerb", "curb")]


def test_a_capitalised_name_is_not_a_spelling():
    text = "Mr. Gray came in. Gray sat down. The grey dog slept by the grey fire."
    assert flags(text) == []
    assert flags("Lady Grey and the Lincoln Center.", "en-US") == []
    # a capitalised spelling the text also writes in lower case is a word, not a name
    text = "Grey clouds. The gray sky, the gray sea, the gray dawn, the grey hills."
    assert flags(text) == [("Grey", "Gray"), ("grey", "gray")]


def test_with_variety_replaces_the_rules_own_issues():
    text = "The color of the grey sea."
    other = Issue(4, 9, "spelling", "x", ("y",), 0.5, rule="misspellings")
    mine = Issue(15, 19, "spelling", "x", ("gray",), 0.6, rule=RULE_ID)
    assert with_variety([other, mine], text, None) == [other, mine]
    found = with_variety([other, mine], text, "en-GB")
    assert [(text[i.start : i.end], i.rule) for i in found] == [("color", "misspellings"), ("color", RULE_ID)]


def test_an_unknown_variety_is_refused():
    with pytest.raises(ValueError, match="en-AU"):
        variety_issues("colour", "en-AU")


def _pair_by_testing_every_pattern(word):
    """`pair_of` as it was written before its ending index: every pattern tested in turn."""
    if word in ms._irregular():
        return ms._irregular()[word]
    if len(word) < 4:
        return None
    for kind, gb_end, us_end, least, stem_ends in ms._PATTERNS:
        for end, other_end, british in ((gb_end, us_end, True), (us_end, gb_end, False)):
            if not word.endswith(end):
                continue
            stem = word[: len(word) - len(end)]
            if len(stem) < least or (stem_ends and stem[-1] not in stem_ends):
                continue
            if kind == "ll" and not re.search(r"[aeiouy][^aeiouy]*[aeiou]$", stem):
                continue
            other = stem + other_end
            gb, us = (word, other) if british else (other, word)
            if len(other) < 4 or gb in ms._NOT_PAIRS or us in ms._NOT_PAIRS:
                continue
            if is_listed_word(gb) and is_listed_word(us):
                return gb, us, kind, f"{kind}:{stem}"
    return None


def test_the_ending_index_pairs_every_lexicon_word_as_testing_every_pattern_does():
    words = sorted(Lexicon.load(versions.model_dir(versions.DEFAULT) / "lexicon.tsv.gz").counts)
    words += ["colour", "colouring", "realise", "analysing", "theatre", "meagre", "catalogues", "travellers",
              "jewellery", "refilled", "ours", "ise", "re", "a"]
    paired = [w for w in words if pair_of(w) is not None]
    assert len(paired) > 300  # the test reads real pairs, not only misses
    assert [pair_of(w) for w in words] == [_pair_by_testing_every_pattern(w) for w in words]
