from galleyproof.english.modern import is_modern_word, modern_words
from galleyproof.english.tables import WordArray


def test_modern_words_are_known():
    assert len(modern_words()) > 20000
    for word in ("emojis", "selfie", "crypto", "Wi-Fi", "wifi", "podcast", "hashtags"):
        assert is_modern_word(word), word


def test_web_slips_abbreviations_and_misspellings_are_not():
    for word in ("dont", "alot", "teh", "ive", "thats", "tv", "nfl", "recieve", "definately"):
        assert not is_modern_word(word), word


def test_short_modern_words_that_are_not_abbreviations():
    assert is_modern_word("app") and is_modern_word("gif")
    assert is_modern_word("doc") and is_modern_word("pic")  # "the offline doc" is no slip of "do"
    assert is_modern_word("omg") and is_modern_word("lol") and not is_modern_word("u")  # a text, not a slip


def test_words_of_some_use_today_are_used_words_and_slips_are_not(galleyproof_home):
    from galleyproof.english import modern

    modern._used_words.cache_clear()
    for word in ("funders", "terroir", "wakeup", "emojis"):
        assert modern.is_used_word(word), word
    for word in ("recommed", "opportunites", "acclerating", "dont", "alot"):
        assert not modern.is_used_word(word), word
    # The large list is read once; the words it adds are kept in the user's cache folder.
    cached = modern._used_words_file()
    assert cached.is_file() and "funders" in WordArray.load(cached)
    modern._used_words.cache_clear()
    assert modern.is_used_word("terroir")


def test_the_lists_are_read_without_importing_wordfreq():
    import subprocess
    import sys

    code = ("import sys; from galleyproof.english.modern import modern_words; "
            "assert len(modern_words()) > 20000; print('wordfreq' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_modern_words_are_kept_in_the_cache_folder(galleyproof_home):
    from galleyproof.english import modern

    modern.modern_words.cache_clear()
    try:
        first = modern.modern_words()
        (cached,) = (galleyproof_home / "cache").glob("wordfreq-small-*-zipf3.words")
        unpacked = frozenset(w for bucket in modern._buckets("small")[: modern.MAX_BUCKET + 1] for w in bucket
                             if modern._wordlike(w))
        assert set(first) == unpacked
        modern.modern_words.cache_clear()
        WordArray.of([*first, "zzyzx"]).save(cached)
        assert set(modern.modern_words()) == unpacked | {"zzyzx"}  # read from the file
    finally:
        modern.modern_words.cache_clear()


def test_used_words_among_answers_as_is_used_word(galleyproof_home):
    from galleyproof.english import modern

    words = {"funders", "terroir", "wakeup", "emojis", "recommed", "opportunites", "dont", "alot", "selfie", "zzyzx"}
    assert modern.used_words_among(words) == {w for w in words if modern.is_used_word(w)} == {
        "funders", "terroir", "wakeup", "emojis", "selfie"}


def test_buckets_read_in_a_range_are_those_of_the_whole_list():
    from galleyproof.english import modern

    whole = modern._buckets("large")
    assert len(whole) > modern.USED_BUCKET
    assert modern._buckets("large", modern.MAX_BUCKET + 1, modern.USED_BUCKET) == \
        whole[modern.MAX_BUCKET + 1 : modern.USED_BUCKET + 1]
    assert modern._buckets("small", 0, modern.COMMON_BUCKET) == modern._buckets("small")[: modern.COMMON_BUCKET + 1]


def test_a_damaged_or_foreign_list_file_gives_no_buckets(tmp_path, monkeypatch):
    import gzip

    import msgpack

    from galleyproof.english import modern

    path = tmp_path / "large_en.msgpack.gz"
    monkeypatch.setattr(modern, "_list_file", lambda name: path)
    good = gzip.compress(msgpack.packb([{"format": "cB"}, ["the"], ["of", "and"]]))
    path.write_bytes(good)
    assert modern._buckets("large") == [["the"], ["of", "and"]] and modern._buckets("large", 1, 1) == [["of", "and"]]
    for damaged in (good[: len(good) // 2], gzip.compress(msgpack.packb([{"format": "other"}, ["the"]])),
                    gzip.compress(msgpack.packb({"format": "cB"})), b"not gzip", gzip.compress(b"\xc1")):
        path.write_bytes(damaged)
        assert modern._buckets("large") == []
