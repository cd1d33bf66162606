"""Suggestions for a verb's form in a past-tense text, a mark before a sentence's capital, and
"been" between "had" and an "-ing" form."""

from collections import Counter

import pytest
from word_scorer import WordScorer

from galleyproof.english.lexicon import Lexicon
from galleyproof.suggest import candidates, marks, tense, words
from galleyproof.suggest.candidates import Candidate, Site
from galleyproof.suggest.ranking import rank
from galleyproof.text.words import document_counts

PAST = "He was late. She had gone and they were there, and he said so. It was cold. "
PRESENT = "He is late. She has gone and they are there, and he says so. It is cold. "


def test_a_text_told_in_the_past_is_read_from_its_auxiliaries():
    assert tense.told_in_past(document_counts(PAST))
    assert not tense.told_in_past(document_counts(PRESENT))
    assert not tense.told_in_past(document_counts("He was late."))  # too few to tell
    assert not tense.told_in_past(document_counts(PAST + PRESENT))  # no clear majority


@pytest.mark.parametrize(("old", "new"), [
    ("regarding", "regarded"), ("finds", "found"), ("is", "was"), ("stopping", "stopped"),
    ("hoping", "hoped"), ("tries", "tried"), ("need", "needed"), ("seen", "saw"),
])
def test_a_repair_to_the_same_verbs_past_is_told(old, new):
    assert tense.makes_past(old, new)


@pytest.mark.parametrize(("old", "new"), [
    ("regarded", "regarding"), ("found", "finds"), ("bed", "bled"), ("feed", "fed"), ("cares", "scared"),
    ("red", "reed"), ("seen", "was"), ("walked", "talked"), ("said", "said"),
])
def test_anything_else_is_no_repair_to_the_past(old, new):
    assert not tense.makes_past(old, new)


def test_a_past_tense_text_ranks_the_past_form_first_where_nothing_else_tells():
    # A made-up verb: the model finds every form clean and the word pairs know none of them.
    def best(told):
        text = told + "He zorping it as a joke."
        start = text.index("zorping")
        options = [Candidate(start, start + 7, form, -1.0, "form") for form in ("zorp", "zorps", "zorped")]
        return [c.new for c, _ in rank(text, options, WordScorer(bad=()), document_counts(text))]

    assert best(PAST)[0] == "zorped"
    assert best(PRESENT)[0] != "zorped"


def test_a_present_tense_text_earns_the_past_nothing():
    text = PRESENT + "He regarding it as a joke."
    start = text.index("regarding")
    options = [Candidate(start, start + 9, form, -1.0, "form") for form in ("regard", "regarded", "regards")]
    assert not tense.past_fit(text, options, document_counts(text)).any()


def test_the_past_earns_only_one_word_repairs_of_a_verb():
    text = PAST + "He regarding it."
    start = text.index("regarding")
    options = [Candidate(start, start + 9, "regarded", 0.0, "form"),
               Candidate(start, start + 9, "was regarding", 0.0, "insert"),
               Candidate(start, start + 12, "regarded", 0.0, "form")]  # "regarding it" -> "regarded"
    assert list(tense.past_fit(text, options, Counter(document_counts(text)))) == [tense.PAST_BONUS, 0.0, 0.0]


def _swaps(text, mark, lexicon):
    start = text.index(mark)
    site = Site(text, start, start + 1, lexicon)
    return {c.new: c.prior for c in marks.punctuation(site) if c.kind == "swap_mark" and c.start == start}


def test_a_mark_before_a_sentences_capital_is_likelier_a_full_stop(lexicon):
    # "him; They": the capital says the sentence ended; "him; they" keeps the same-class comma first.
    capital = _swaps("It was him; They were cold.", ";", lexicon)
    small = _swaps("It was him; they were cold.", ";", lexicon)
    assert max(capital, key=capital.get) == "."
    assert max(small, key=small.get) == ","
    # A name's capital explains itself: "Geneva" after a comma says nothing of a sentence's end.
    name = _swaps("It was him, Geneva was cold.", ",", lexicon)
    assert name["."] == marks.MARK_PRIOR < capital["."]
    assert name[";"] == marks.MARK_PRIOR - 0.5 + marks.SAME_CLASS_BONUS


def test_been_is_offered_between_had_and_an_ing_form(lexicon):
    lex = Lexicon(lexicon.counts | {"drone": 50, "droning": 20, "priest": 40, "nothing": 300, "hours": 100},
                  lexicon.capitalised)
    text = "Well, the priest had droning for hours."
    start = text.index("droning")
    made = [c.prior for c in words.inserts(Site(text, start, start + 7, lex)) if c.new == "been "]
    assert max(made) == words.PERFECT_PROGRESSIVE_PRIOR  # the gap table may offer it too, weaker
    # Not where the "-ing" word is no verb's form, nor after another word than a perfect's "have".
    for other, word in (("Well, the priest had nothing for hours.", "nothing"),
                        ("Well, the priest was droning for hours.", "droning")):
        at = other.index(word)
        made = [c.prior for c in words.inserts(Site(other, at, at + len(word), lex)) if c.new == "been "]
        assert words.PERFECT_PROGRESSIVE_PRIOR not in made


def test_a_comma_before_a_small_letter_is_likelier_dropped_than_made_a_full_stop(lexicon):
    text = "He was paid in, cash again."
    start = text.index(",")
    found = {(c.kind, c.new): c.prior for c in marks.punctuation(Site(text, start, start + 1, lexicon))
             if c.start == start}
    full_stop = next(p for (kind, new), p in found.items() if kind == "swap_mark" and new.startswith(". C"))
    assert full_stop == marks.MARK_PRIOR - marks.NEW_SENTENCE_COST
    assert found["drop_mark", ""] > full_stop and found["swap_mark", ";"] > full_stop


def test_a_capital_no_name_explains_is_offered_a_full_stop_before_it(lexicon):
    text = "It was cold They walked into the house, and Geneva was dark."
    for word, offered in (("They", True), ("Geneva", False)):
        at = text.index(word)
        stops = list(marks.stops_before_capitals(Site(text, at, at + len(word), lexicon)))
        if offered:
            assert [(text[: c.start] + c.new + text[c.end :])[:20] for c in stops] == ["It was cold. They wa"]
            assert stops[0].prior == marks.STOP_BEFORE_CAPITAL_PRIOR
        else:
            assert not stops  # a name's capital, or one after a mark, asks for no stop
    at = text.index("They")
    lowered = [c.prior for c in marks.capitals(Site(text, at, at + 4, lexicon)) if c.new == "they"]
    assert lowered[0] > marks.STOP_BEFORE_CAPITAL_PRIOR  # lowering stays the likelier fix
    # Not after a word no sentence ends on, nor after a heading's capitals.
    for other, word in (("After Coming to town he", "Coming"), ("GENERAL To the extent", "To"),
                        ("Results From the start", "From")):
        at = other.index(word)
        assert not list(marks.stops_before_capitals(Site(other, at, at + len(word), lexicon)))
    # Only a flag on capitals gets it: near a flag on a word's form it would crowd the list.
    at = text.index("They")
    assert not [c for c in candidates(text, at, at + 4, "grammar", lexicon) if c.kind == "stop_before"]
    assert [c for c in candidates(text, at, at + 4, "capitalization", lexicon) if c.kind == "stop_before"]


def test_a_hyphen_between_two_known_words_is_offered_as_a_space(lexicon):
    text = "They walked into the-house slowly."
    at = text.index("-")
    found = [(text[: c.start] + c.new + text[c.end :]) for c in marks.punctuation(Site(text, at, at + 6, lexicon))
             if c.kind == "unhyphen"]
    assert found == ["They walked into the house slowly."]
    # A function word is seldom half a compound: "the-house" earns more than "cold-house" would,
    # and "to-morrow", a compound the books write, nothing.
    prior = {c.new: c.prior for c in marks.punctuation(Site(text, at, at + 6, lexicon)) if c.kind == "unhyphen"}
    assert prior[" "] == marks.MARK_PRIOR + marks.UNHYPHEN_BONUS
    lex = Lexicon(lexicon.counts | {"morrow": 20}, lexicon.capitalised)
    for other, bonus in (("It was cold-house weather.", 0.0), ("I go to-morrow.", 0.0)):
        at = other.index("-")
        got = [c.prior for c in marks.punctuation(Site(other, at, at + 1, lex)) if c.kind == "unhyphen"]
        assert got == [marks.MARK_PRIOR + bonus], other
    # A word broken in two ("ho-use") is no pair of words: joining it is another generator's.
    broken = "They walked into the ho-use slowly."
    at = broken.index("-")
    assert not [c for c in marks.punctuation(Site(broken, at, at + 4, lexicon)) if c.kind == "unhyphen"]


def test_speech_open_before_a_dialogue_tag_is_closed_before_the_tag(lexicon):
    # The writer opened a second speech after the tag without closing the first.
    text = "It was dark. “Cold, she said, “and the wind rose.”"
    start = text.index("she said,")
    quotes = {text[: c.start] + c.new: c.prior for c in marks.punctuation(Site(text, start, start + 9, lexicon))
              if c.kind == "quote" and c.new == "”"}
    before_tag, after_tag = text[: text.index(" she")] + "”", text[: text.index(" “and")] + "”"
    assert quotes[before_tag] == marks.SIGN_PRIOR > quotes[after_tag]
    # Out of speech, a comma before "she said" is no speech's end.
    plain = "It was dark. Cold, she said, and the wind rose."
    start = plain.index("she said,")
    assert all(c.prior < marks.SIGN_PRIOR for c in marks.punctuation(Site(plain, start, start + 9, lexicon))
               if c.kind == "quote")


def test_an_unknown_word_known_with_an_apostrophe_put_back_is_offered_it(lexicon):
    lex = Lexicon(lexicon.counts | {"who'd": 20, "shed": 50, "she'd": 50}, lexicon.capitalised)
    text = "The man whod come was cold."
    at = text.index("whod")
    found = [c for c in marks.punctuation(Site(text, at, at + 4, lex)) if c.kind == "apostrophe"]
    assert [(c.new, c.prior, c.sign) for c in found] == [("who'd", marks.SIGN_PRIOR, True)]
    # A known word ("shed") is no lost apostrophe, though "she'd" is known too.
    text = "The man shed his coat."
    at = text.index("shed")
    assert all(c.new != "she'd" for c in marks.punctuation(Site(text, at, at + 4, lex)))


def test_a_plural_before_a_noun_is_likelier_a_possessive_that_lost_its_apostrophe(lexicon):
    # The shipped gap counts: "blood" and "house" follow an article or a possessive more often
    # than not, "was" never; "other" and "mother" are nouns by the same counts.
    def possessive_prior(text, word):
        at = text.index(word)
        return max(c.prior for c in marks.punctuation(Site(text, at, at + len(word), lexicon))
                   if c.kind == "apostrophe" and c.new.endswith("s"))

    assert possessive_prior("thirsting for each others blood", "others") == marks.MARK_PRIOR + marks.POSSESSIVE_BONUS
    assert possessive_prior("the others was cold", "others") == marks.MARK_PRIOR
    assert possessive_prior("she ran to her mothers house", "mothers") == marks.MARK_PRIOR + marks.POSSESSIVE_BONUS
