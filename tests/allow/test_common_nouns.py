from galleyproof.allow.common_nouns import common_after_determiner, drop_common_nouns
from galleyproof.english.lexicon import Lexicon
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document

#: "footnote" and "sessions" are rare and capitalised in the books (Gutenberg's "[Footnote"),
#: "family" common in small letters, "thames" common and always capitalised.
LEXICON = Lexicon({"footnote": 3, "sessions": 8, "family": 1200, "thames": 300},
                  {"footnote": 3, "sessions": 8, "family": 30, "thames": 300})


def flag(text, word, rule="model.capitalization", category="capitalization"):
    start = text.index(word)
    return Flag(start, start + len(word), category, 0.96, rule=rule)


def test_a_common_word_after_a_determiner_keeps_its_small_letter():
    text = "See the footnote, during my sessions with the family."
    for word in ("footnote", "sessions", "family"):
        assert common_after_determiner(text, flag(text, word), LEXICON), word


def test_names_other_places_other_flags_and_rules_still_stand():
    text = "They rowed up the thames. Then footnote was read, the presenCe felt."
    assert not common_after_determiner(text, flag(text, "thames"), LEXICON)  # common, always capitalised
    assert not common_after_determiner(text, flag(text, "footnote"), LEXICON)  # no determiner before
    assert not common_after_determiner(text, flag(text, "presenCe"), LEXICON)  # a capital inside
    other = "See the footnote."
    assert not common_after_determiner(other, flag(other, "footnote", rule="lowered_names"), LEXICON)
    assert not common_after_determiner(other, flag(other, "footnote", category="grammar"), LEXICON)


def test_drop_common_nouns_keeps_the_rest():
    text = "See the footnote on the thames."
    flags = [flag(text, "footnote"), flag(text, "thames")]
    assert drop_common_nouns(Document(text), flags, LEXICON) == [flags[1]]
