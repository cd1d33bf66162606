from galleyproof.english.wordlist import is_english_word


def test_both_lists_know_real_words_in_any_case_and_neither_common_misspellings():
    assert is_english_word("voting") and is_english_word("Canteen")  # symspellpy's list
    assert is_english_word("cheeps") and is_english_word("phew") and is_english_word("behooves")  # the added one
    assert not is_english_word("Cheeps")  # a capitalised word only the added list knows is left to the name test
    for slip in ("recieve", "untill", "icey", "teh", "wich", "belive"):
        assert not is_english_word(slip)


def test_symspells_words_are_read_from_the_cache_file_the_first_run_writes(tmp_path, monkeypatch):
    from galleyproof.english import wordlist

    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path))
    wordlist._symspell_words.cache_clear()
    try:
        first = wordlist._symspell_words()
        assert first == frozenset(wordlist.symspell_words())
        (cached,) = (tmp_path / "cache").glob("symspell-words-*.txt")
        wordlist._symspell_words.cache_clear()
        cached.write_text(cached.read_text(encoding="utf-8") + "zzyzx\n", encoding="utf-8")
        assert wordlist._symspell_words() == first | {"zzyzx"}  # read from the file, not the list
        cached.unlink()
        (tmp_path / "cache").chmod(0o500)  # a folder that cannot be written: parsed every time
        wordlist._symspell_words.cache_clear()
        assert wordlist._symspell_words() == first
    finally:
        (tmp_path / "cache").chmod(0o700)
        wordlist._symspell_words.cache_clear()


def test_a_damaged_word_file_is_written_afresh(tmp_path, monkeypatch):
    from galleyproof.english import modern, wordlist

    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path))
    for words in (wordlist._symspell_words, modern.modern_words):
        words.cache_clear()
    try:
        first = wordlist._symspell_words(), modern.modern_words()
        damaged = [*(tmp_path / "cache").glob("symspell-words-*.txt"), *(tmp_path / "cache").glob("wordfreq-*.txt")]
        assert len(damaged) == 2
        for cached in damaged:
            cached.write_bytes(b"\xff\xfe not UTF-8 \x80")
        for words in (wordlist._symspell_words, modern.modern_words):
            words.cache_clear()
        assert (wordlist._symspell_words(), modern.modern_words()) == first
        for words in (wordlist._symspell_words, modern.modern_words):
            words.cache_clear()
        assert (wordlist._symspell_words(), modern.modern_words()) == first  # from the files written afresh
    finally:
        for words in (wordlist._symspell_words, modern.modern_words):
            words.cache_clear()
