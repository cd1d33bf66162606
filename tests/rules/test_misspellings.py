import pytest

from galleyproof.english.lexicon import Lexicon
from galleyproof.rules.misspellings import edits1, misspelling_issues
from galleyproof.text.document import Document


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load_default()


def flags(text, lexicon):
    return [(text[i.start : i.end], i.suggestions[0]) for i in misspelling_issues(Document(text), lexicon)]


def test_edits1_covers_the_four_edits():
    e = edits1("form")
    assert {"from", "frm", "forms", "fork"} <= e and "form" not in e


def test_a_slip_of_a_common_word_is_flagged_with_it(lexicon):
    assert flags("She walked home sloowly and quietly.", lexicon) == [("sloowly", "slowly")]


def test_names_repeats_foreign_phrases_and_short_words_pass(lexicon):
    assert flags("She walked home slowly and quietly.", lexicon) == []
    assert flags("Sloowly she walked. She said sloowly, then sloowly again.", lexicon) == []
    assert flags("il tremar della terra", lexicon) == []
    assert flags("He was verry tired.", lexicon) == []


def test_slips_beside_modern_words_are_flagged(lexicon):
    # "Recreational" is no word of the books, but today's English has it: the slip is not in a foreign phrase.
    assert flags("Recreational opportunites abound here.", lexicon) == [("opportunites", "opportunities")]
    assert flags("The hotels are not the most luxerious in town.", lexicon) == [("luxerious", "luxurious")]
    assert flags("A " + "q" * 100000 + " of letters.", lexicon) == []  # no word, and its edits would fill memory


def test_a_form_of_a_rare_stem_does_not_excuse_a_slip(lexicon):
    # "beraded" reads as a form of rare stems: none common enough to explain a word one letter
    # from "berated" (and "bearded").
    assert flags("She beraded the officials for their silence.", lexicon) == [("beraded", "bearded")]
    # A form of a common stem still passes ("unsoftened": "un" + "soften" + "ed").
    assert flags("The unsoftened leather cracked in the cold.", lexicon) == []


def test_a_slip_inside_a_hyphenated_compound_is_flagged(lexicon):
    assert flags("They provide air-conditionting in every room.", lexicon) == [("conditionting", "conditioning")]
    assert flags("They provide air-conditioning in every room.", lexicon) == []


def test_words_today_uses_are_not_slips(lexicon):
    # "funders" is one edit from "founders", but today's English uses it (wordfreq, Zipf >= 2).
    assert flags("The funders agreed to the plan.", lexicon) == []


def test_a_slip_of_a_word_common_only_today_is_flagged_with_it(lexicon):
    assert flags("She chose the hastag for the campaign.", lexicon) == [("hastag", "hashtag")]


def test_common_among_answers_as_the_word_by_word_test(lexicon):
    from galleyproof.english.modern import NEVER_KNOWN, is_used_word, modern_words
    from galleyproof.english.wordlist import is_english_word
    from galleyproof.rules.misspellings import MIN_LENGTH, TARGET_COUNT, common_among

    def common(w):
        return lexicon.count(w) >= TARGET_COUNT or (len(w) >= MIN_LENGTH and (
            (is_english_word(w) and is_used_word(w)) or (w in modern_words() and w not in NEVER_KNOWN)))

    for word in ("luxerious", "opportunites", "recommed", "acclerating", "dont", "ofcourse"):
        near = edits1(word)
        for candidates in (near, set().union(*map(edits1, near))):
            assert common_among(lexicon, candidates) == {w for w in candidates if common(w)}, word


def test_corrections_are_remembered_per_lexicon(lexicon):
    from galleyproof.rules.misspellings import corrections, remembered_corrections

    assert remembered_corrections(lexicon, "luxerious") == tuple(corrections(lexicon, "luxerious")) == ("luxurious",)
    assert remembered_corrections(lexicon, "luxerious") is remembered_corrections(lexicon, "luxerious")
    other = Lexicon({"luxerious": 50, "luxurious": 1})  # another lexicon, its own answers
    assert remembered_corrections(other, "luxerios") == ("luxerious",)


def test_a_very_long_unknown_word_is_searched_a_near_word_at_a_time(lexicon):
    from galleyproof.rules.misspellings import corrections

    # Two edits of a 34-letter word are millions of strings: never all held at once.
    assert corrections(lexicon, "abcdefghijklmnopqrstuvwxyzabcdefgh") == []
