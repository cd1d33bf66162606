"""The shipped tables read a key at a time (`SortedRows`) answer as the whole table parsed
into dicts does, for every key in it and for keys it lacks."""

import gzip
from collections import Counter

import pytest

from galleyproof.english.tables import SortedRows, SortedWords, cached_sorted_words, read_rows, write_rows
from galleyproof.rules import confusions, forms


def test_sorted_rows_finds_rows_by_their_first_fields(tmp_path):
    path = tmp_path / "t.tsv.gz"
    write_rows(path, [("b", "x", 1), ("a", "y", 2), ("a", "x", 3), ("ab", "x", 4)])
    rows = SortedRows.read(path)
    assert rows.rows("a") == [["x", "3"], ["y", "2"]]
    assert rows.rows("a", "x") == [["3"]]
    assert rows.rows("ab") == [["x", "4"]]  # "a" is no prefix match of "ab"'s row
    assert rows.rows("c") == [] and rows.rows("a", "z") == []
    assert sorted(rows) == sorted(read_rows(path))


def test_sorted_rows_reads_line_ends_as_read_rows_does(tmp_path):
    path = tmp_path / "t.tsv.gz"
    path.write_bytes(gzip.compress(b"a\t1\r\nb\t2\rc\t3\n"))
    assert list(SortedRows.read(path)) == list(read_rows(path)) == [["a", "1"], ["b", "2"], ["c", "3"]]


def test_the_shipped_forms_table_answers_as_the_parsed_one():
    path = forms.Path(forms.__file__).parent.parent / "data" / forms.DEFAULT_FILE
    parsed: dict[tuple[str, str], dict[str, int]] = {}
    for x, y, w, n in read_rows(path):
        assert w not in parsed.get((x, y), {})  # no pair written twice: the last row would win
        parsed.setdefault((x, y), {})[w] = int(n)
    table = forms.FormTable.load(path)
    assert len(table.counts) == len(parsed) and set(table.counts) == set(parsed)
    for key, found in parsed.items():
        assert table.counts.get(key) == found
    for key in [("they", "nowhere"), ("", ""), ("zz", "they")]:
        assert table.counts.get(key) is None and key not in table.counts


def test_the_shipped_confusions_table_answers_as_the_parsed_one():
    path = forms.Path(confusions.__file__).parent.parent / "data" / confusions.DEFAULT_FILE
    before, after = Counter(), Counter()
    for side, neighbour, word, count in read_rows(path):
        (before if side == "<" else after)[(neighbour, word) if side == "<" else (word, neighbour)] += int(count)
    table = confusions.ConfusionTable.load(path)
    assert dict(table.before) == dict(before) and dict(table.after) == dict(after)
    for key in before:
        assert table.before[key] == before[key] and key in table.before
    for key in after:
        assert table.after[key] == after[key] and key in table.after
    assert table.before[("nowhere", "there")] == 0 and ("nowhere", "there") not in table.before
    assert table.after[("there", "nowhere")] == 0


def test_sorted_words_finds_every_word_and_no_other():
    words = sorted({"a", "ab", "abc", "b", "coffee_table", "this_morning", "zz"})
    found = SortedWords("".join(w + "\n" for w in words))
    assert all(w in found for w in words)
    assert not any(w in found for w in ("", "aa", "abcd", "c", "coffee", "coffee_tabl", "zzz", "0", "~"))
    assert "x" not in SortedWords("") and "x" in SortedWords("x")  # empty, and a last line without its newline


def test_cached_sorted_words_writes_a_file_read_next_time(tmp_path):
    path = tmp_path / "words.txt"
    first = cached_sorted_words(path, lambda: iter(["b_c", "a_b", "b_c"]))
    assert "a_b" in first and path.read_text() == "a_b\nb_c\n"
    again = cached_sorted_words(path, lambda: pytest.fail("read from the file"))
    assert "b_c" in again and "c_d" not in again


def test_the_shipped_gap_table_answers_as_the_parsed_one():
    from galleyproof.english import gaps

    def counts(field):
        return {x: int(n) for x, _, n in (p.rpartition(":") for p in field.split(",") if p)}

    path = forms.Path(gaps.__file__).parent.parent / "data" / gaps.DEFAULT_FILE
    follows, precedes, totals = {}, {}, {}
    for word, after, before in read_rows(path):
        if word == "*":
            totals = counts(after)
            continue
        for side, field in ((follows, after), (precedes, before)):
            if field:
                side[word] = counts(field)
    table = gaps.GapCounts.load(path)
    assert table.totals == totals and list(table.totals) == list(totals)  # the same order: the same sums
    assert dict(table.follows) == follows and dict(table.precedes) == precedes
    for before, after in (("would", "convinced"), (",", "made"), ("as", "bribe"), ("zzq", "qqz")):
        parsed = gaps.GapCounts(follows, precedes, totals)
        assert table.fits(before, after) == parsed.fits(before, after)


def test_the_bigram_keys_read_a_line_at_a_time_are_those_of_the_whole_list():
    from importlib import resources

    from galleyproof.english import bigrams

    text = resources.files("symspellpy").joinpath(bigrams.BIGRAM_FILE).read_text(encoding="utf-8")
    whole = [f"{p[0]}_{p[1]}".lower() for p in (line.split(" ") for line in text.splitlines()) if len(p) == 3]
    assert list(bigrams.bigram_keys()) == whole and len(whole) > 240_000
