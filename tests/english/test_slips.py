"""An unknown word is a form of known words, or a slip of a common one (`slips.py`)."""

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.slips import known_form, looks_like_slip, run_together

COMMON = dict.fromkeys("the she what for by and of to in was".split(), 50_000)
LEXICON = Lexicon(COMMON | {
    "quickly": 900, "stretched": 300, "where": 20_000, "soften": 40, "drive": 200, "kiss": 60,
    "open": 800, "bad": 1_100, "strangely": 150, "day": 5_600, "dream": 300, "wand": 12,
    "ring": 200, "learn": 300, "innocence": 120,
})


def test_forms_of_known_words_are_not_slips():
    for word in ("unsoftened", "drivest", "daydreams", "softens", "stretched", "kisses", "opened",
                 "Dream-like", "dreamers"):
        assert known_form(LEXICON, word), word
        assert not looks_like_slip(LEXICON, word), word


def test_near_misses_of_common_words_are_slips():
    for word in ("quixckly", "streched", "wher", "innosence", "strangly"):
        assert not known_form(LEXICON, word), word
        assert looks_like_slip(LEXICON, word), word


def test_endings_that_english_does_not_put_there_make_no_form():
    # A bare "s" after a sibilant, a bare "d" after a consonant.
    assert not known_form(LEXICON, "kisss") and looks_like_slip(LEXICON, "kisss")
    assert not known_form(LEXICON, "opend") and looks_like_slip(LEXICON, "opend")


def test_two_common_words_run_together_are_a_slip_but_not_a_common_and_a_rarer_one():
    assert run_together(LEXICON, "forthe") and looks_like_slip(LEXICON, "whatshe")
    assert not run_together(LEXICON, "forbad")  # "bad" is not among the commonest words
    assert not run_together(LEXICON, "thed")  # no one-letter word but "a" and "I"


def test_foreign_letters_elisions_and_words_far_from_any_are_not_slips():
    assert not looks_like_slip(LEXICON, "dôme")
    assert not looks_like_slip(LEXICON, "learn’d") and not looks_like_slip(LEXICON, "wand'ring")
    assert not looks_like_slip(LEXICON, "zyxwvut")  # nothing common is near
    assert not looks_like_slip(LEXICON, "x")
