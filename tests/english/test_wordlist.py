import pytest

from galleyproof.english.wordlist import is_english_word


def test_both_lists_know_real_words_in_any_case_and_neither_common_misspellings():
    assert is_english_word("voting") and is_english_word("Canteen")  # symspellpy's list
    assert is_english_word("cheeps") and is_english_word("phew") and is_english_word("behooves")  # the added one
    assert not is_english_word("Cheeps")  # a capitalised word only the added list knows is left to the name test
    for slip in ("recieve", "untill", "icey", "teh", "wich", "belive"):
        assert not is_english_word(slip)


@pytest.mark.parametrize("words, listed, name", [
    ("_symspell_words", lambda wordlist: wordlist.symspell_words(), "symspell-words-*.words"),
    ("_more_words", lambda wordlist: wordlist.load_words(wordlist_data(wordlist.MORE_WORDS_FILE)), "more-words-*.words"),
])
def test_the_lists_are_read_from_the_cache_file_the_first_run_writes(tmp_path, monkeypatch, words, listed, name):
    from galleyproof.english import wordlist
    from galleyproof.english.tables import WordArray

    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path))
    load = getattr(wordlist, words)
    load.cache_clear()
    try:
        first = set(load())
        assert first == set(listed(wordlist))
        (cached,) = (tmp_path / "cache").glob(name)
        load.cache_clear()
        WordArray.of([*first, "zzyzx"]).save(cached)
        assert set(load()) == first | {"zzyzx"}  # read from the file, not the list
        cached.unlink()
        (tmp_path / "cache").chmod(0o500)  # a folder that cannot be written: parsed every time
        load.cache_clear()
        assert set(load()) == first
    finally:
        (tmp_path / "cache").chmod(0o700)
        load.cache_clear()


def wordlist_data(name):
    from importlib import resources

    return resources.files("galleyproof.data").joinpath(name)


def test_english_words_among_answers_as_is_english_word_on_lower_case_words():
    from galleyproof.english.wordlist import english_words_among

    words = {"voting", "cheeps", "phew", "recieve", "untill", "icey", "teh", "canteen", "zzyzx", "café", ""}
    assert english_words_among(words) == {w for w in words if is_english_word(w)} == {"voting", "cheeps", "phew",
                                                                                       "canteen", "café"}


def test_a_damaged_word_file_is_written_afresh(tmp_path, monkeypatch):
    from galleyproof.english import modern, wordlist

    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path))
    for words in (wordlist._symspell_words, modern.modern_words):
        words.cache_clear()
    try:
        first = set(wordlist._symspell_words()), set(modern.modern_words())
        damaged = [*(tmp_path / "cache").glob("symspell-words-*.words"), *(tmp_path / "cache").glob("wordfreq-*.words")]
        assert len(damaged) == 2
        for cached in damaged:
            cached.write_bytes(b"\xff\xfe not UTF-8 \x80")
        for words in (wordlist._symspell_words, modern.modern_words):
            words.cache_clear()
        assert (set(wordlist._symspell_words()), set(modern.modern_words())) == first
        for words in (wordlist._symspell_words, modern.modern_words):
            words.cache_clear()
        assert (set(wordlist._symspell_words()), set(modern.modern_words())) == first  # from the files written afresh
    finally:
        for words in (wordlist._symspell_words, modern.modern_words):
            words.cache_clear()
