"""A lexicon file read whole (split in C) gives what reading it a line at a time gives; a file of
another shape is read a line at a time, and a damaged one still raises."""

import gzip
import hashlib
import marshal

import pytest

from galleyproof.english import lexicon as lexicon_module
from galleyproof.english.lexicon import Lexicon
from galleyproof.model import versions


def _line_by_line(path):
    counts, capitalised = {}, {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, count, caps = line.rstrip("\n").split("\t")
            counts[word] = int(count)
            if caps != "0":
                capitalised[word] = int(caps)
    return counts, capitalised


def _same(lexicon, expected):
    counts, capitalised = expected
    assert list(lexicon.counts.items()) == list(counts.items())
    assert list(lexicon.capitalised.items()) == list(capitalised.items())


def test_the_shipped_lexicons_read_as_line_by_line():
    for path in (versions.model_dir(versions.DEFAULT) / "lexicon.tsv.gz",
                 versions.model_dir(versions.DEFAULT).parent.parent / "data" / "lexicon.tsv.gz"):
        _same(Lexicon.load(path), _line_by_line(path))


@pytest.mark.parametrize("body", [
    b"the\t10\t2\nof\t5\t0\n",
    b"the\t10\t2\r\nof\t5\t0\r\n",  # other line ends: read as text mode reads them
    b"the\t10\t2\nof\t5\t0",  # no last line end
    b"the\t+10\t2\nof\t 5\t0\n",  # numbers int() takes but not digits alone
    b"the\t10\t2\nthe\t7\t1\n",  # a word twice: the last count, the first place
])
def test_any_readable_file_reads_as_line_by_line(tmp_path, body):
    path = tmp_path / "lexicon.tsv.gz"
    path.write_bytes(gzip.compress(body))
    _same(Lexicon.load(path), _line_by_line(path))


@pytest.mark.parametrize("body", [b"the\t10\nof\t5\t0\textra\n", b"the\t10\t2\nof\tfive\t0\n", b"the 10 2\n"])
def test_a_damaged_file_raises(tmp_path, body):
    path = tmp_path / "lexicon.tsv.gz"
    path.write_bytes(gzip.compress(body))
    with pytest.raises(ValueError):
        Lexicon.load(path)


def _saved_files(home):
    return sorted((home / "cache").glob("lexicon-*.marshal"))


def test_the_parse_is_kept_for_the_next_process_and_read_back_the_same(tmp_path, galleyproof_home):
    path = tmp_path / "lexicon.tsv.gz"
    path.write_bytes(gzip.compress(b"the\t10\t2\nof\t5\t0\nColour\t3\t3\n"))
    first = Lexicon.load(path)
    saved = _saved_files(galleyproof_home)
    assert len(saved) == 1
    again = Lexicon.load(path)  # read from the kept parse
    _same(again, _line_by_line(path))
    assert again.stamp == first.stamp
    # Another file (one count changed) is parsed afresh, never given the first one's counts.
    path.write_bytes(gzip.compress(b"the\t11\t2\nof\t5\t0\nColour\t3\t3\n"))
    assert Lexicon.load(path).counts["the"] == 11
    assert len(_saved_files(galleyproof_home)) == 2


def _cut_short(data):
    return data[: len(data) // 2]


def _counts_changed_under_the_old_checksum(data):
    head = len(lexicon_module._SAVED_PARSE_MAGIC) + 16
    return data[:head] + marshal.dumps(({"the": 99, "of": 5}, {"the": 2}))


@pytest.mark.parametrize("damage", [lambda data: b"", lambda data: b"not marshal data", _cut_short,
                                    _counts_changed_under_the_old_checksum])
def test_a_damaged_kept_parse_is_parsed_afresh(tmp_path, galleyproof_home, damage):
    path = tmp_path / "lexicon.tsv.gz"
    path.write_bytes(gzip.compress(b"the\t10\t2\nof\t5\t0\n"))
    Lexicon.load(path)
    (saved,) = _saved_files(galleyproof_home)
    saved.write_bytes(damage(saved.read_bytes()))
    _same(Lexicon.load(path), _line_by_line(path))


def test_a_whole_kept_parse_of_another_shape_is_parsed_afresh(tmp_path, galleyproof_home):
    path = tmp_path / "lexicon.tsv.gz"
    path.write_bytes(gzip.compress(b"the\t10\t2\n"))
    Lexicon.load(path)
    (saved,) = _saved_files(galleyproof_home)
    payload = marshal.dumps(["the", 10])  # its checksum right, but not two dicts
    saved.write_bytes(lexicon_module._SAVED_PARSE_MAGIC + hashlib.blake2b(payload, digest_size=16).digest() + payload)
    _same(Lexicon.load(path), _line_by_line(path))
