"""`WordArray` answers as a set of the same words does, exactly (no hashing), and its saved
file is read back or refused, never searched half-read."""

import pytest

from galleyproof.english.tables import WORD_FILE_MAGIC, WordArray, cached_words

WORDS = ["a", "i", "ab", "abc", "abd", "zebra", "zebras", "café", "naïve", "über", "x" * 45, "it's", "co-op",
         "日本", "\ud800lone"]
ASKED = [*WORDS, "", "b", "abe", "aa", "zebr", "zebrass", "cafe", "CAFÉ", "x" * 44, "x" * 46, "x" * 90, "it’s",
         "co", "日", "\ud800", "lone", "a\0", "\0a", "ab\0c", "\0"]


def test_it_answers_as_a_set_of_the_same_words():
    words = WordArray.of(WORDS)
    expected = frozenset(WORDS)
    for word in ASKED:
        assert (word in words) == (word in expected), repr(word)
    assert len(words) == len(expected) and set(words) == expected
    assert words.among(set(ASKED)) == set(ASKED) & expected
    assert words.among(set()) == set() and WordArray.of([]).among({"a"}) == set()
    assert None not in words and b"ab" not in words and 3 not in words


def test_a_word_with_a_nul_or_empty_is_never_held_nor_found():
    words = WordArray.of(["", "a\0", "ab", "ab\0"])
    assert set(words) == {"ab"}
    assert "" not in words and "a\0" not in words and "ab\0" not in words and "a" not in words


@pytest.mark.parametrize("letters", ["abcz'-", "abcéz'-"])  # ASCII only (encoded by numpy at once), and not
def test_it_answers_as_the_set_on_many_random_words(letters):
    import random

    rng = random.Random(7)
    pool = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(4000)]
    held, asked = pool[:2000], pool[1000:]
    words = WordArray.of(held)
    assert [w in words for w in asked] == [w in set(held) for w in asked]
    assert words.among(set(asked)) == set(asked) & set(held)
    assert words.among([*asked, "", "a\0", None]) == set(asked) & set(held)


def test_a_saved_file_loads_as_the_same_words(tmp_path):
    path = tmp_path / "w.words"
    WordArray.of(WORDS).save(path)
    loaded = WordArray.load(path)
    assert set(loaded) == set(WORDS) and all(w in loaded for w in WORDS) and "abe" not in loaded
    assert path.read_bytes().startswith(WORD_FILE_MAGIC)


@pytest.mark.parametrize("damage", [
    lambda data: b"not a word file\n" + data,
    lambda data: data[:-3],  # cut short
    lambda data: data + b"zz",  # more than the head names
    lambda data: data.replace(b"abcabd", b"abdabc"),  # out of order
    lambda data: data.replace(b"abcabd", b"ab\0abd"),  # padded
    lambda data: data.replace(b" 3:2", b" 3:x"),
    lambda data: data.replace(b" 3:2", b" 0:2"),
    lambda data: data[: data.index(b"\n")],  # no head's end
    lambda data: b"",
])
def test_a_damaged_file_is_refused(tmp_path, damage):
    path = tmp_path / "w.words"
    WordArray.of(WORDS).save(path)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(ValueError):
        WordArray.load(path)


def test_cached_words_reads_the_file_written_first_and_rewrites_a_damaged_one(tmp_path):
    path = tmp_path / "cache" / "list.words"
    first = cached_words(path, lambda: ["b", "a", "b"])
    assert set(first) == {"a", "b"} and path.is_file()
    assert set(cached_words(path, lambda: pytest.fail("read from the file"))) == {"a", "b"}
    path.write_bytes(b"\xff\x00 damaged")
    assert set(cached_words(path, lambda: ["c"])) == {"c"}
    assert set(cached_words(path, lambda: pytest.fail("read from the file written afresh"))) == {"c"}


def test_the_plain_word_file_it_replaces_is_removed(tmp_path):
    old = tmp_path / "list.txt"
    old.write_text("a\nb\n", encoding="utf-8")
    cached_words(tmp_path / "list.words", lambda: ["a"])
    assert not old.exists()


def test_without_a_folder_to_write_the_words_are_worked_out_each_time(tmp_path):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    assert set(cached_words(blocked / "list.words", lambda: ["a"])) == {"a"}
    assert set(cached_words(blocked / "list.words", lambda: ["b"])) == {"b"}
    assert set(cached_words(None, lambda: ["c"])) == {"c"}
