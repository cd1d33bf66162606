from galleyproof.english.modern import is_modern_word, modern_words


def test_modern_words_are_known():
    assert len(modern_words()) > 20000
    for word in ("emojis", "selfie", "crypto", "Wi-Fi", "wifi", "podcast", "hashtags"):
        assert is_modern_word(word), word


def test_web_slips_abbreviations_and_misspellings_are_not():
    for word in ("dont", "alot", "teh", "ive", "thats", "tv", "nfl", "recieve", "definately"):
        assert not is_modern_word(word), word


def test_short_modern_words_that_are_not_abbreviations():
    assert is_modern_word("app") and is_modern_word("gif")
