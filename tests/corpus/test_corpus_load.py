"""Loading folders of books, and refusing the shared corpus's held-out splits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from corpus_helpers import check_offsets

from galleyproof.corpus import HeldOutCorpusError, heldout_split, load_books
from galleyproof.text.io import read_text

SHARED_CORPUS = Path("/work/shared/corpus")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_loads_every_txt_under_a_folder_with_offsets_into_the_file(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "\ufeffSecond\r\nbook.\r\n")
    write(tmp_path / "nested" / "a.txt", "First  book,\nwrapped.\n\n\nCHAPTER I.\n")
    write(tmp_path / "notes.md", "Not a book.\n")
    books = load_books(tmp_path)
    assert [b.name for b in books] == ["b", "nested/a"]
    assert [p.text for p in books[1].paragraphs] == ["First book, wrapped.", "CHAPTER I."]
    assert [p.is_heading for p in books[1].paragraphs] == [False, True]
    for b in books:
        for p in b.paragraphs:
            check_offsets(read_text(b.path), p)


def test_loads_a_single_file_and_rejects_a_missing_path(tmp_path: Path) -> None:
    [b] = load_books(write(tmp_path / "one.txt", "Just one.\n"))
    assert b.name == "one" and b.paragraphs[0].text == "Just one."
    with pytest.raises(FileNotFoundError):
        load_books(tmp_path / "missing")


@pytest.mark.parametrize("split", ["reserved", "eval"])
def test_refuses_heldout_folders_unless_allowed(tmp_path: Path, split: str) -> None:
    heldout = write(tmp_path / "corpus" / split / "book.txt", "Held out.\n").parent
    with pytest.raises(HeldOutCorpusError, match=f"'{split}'.*allow_heldout=True.*--allow-heldout"):
        load_books(heldout)
    with pytest.raises(HeldOutCorpusError):
        load_books(heldout / "book.txt")
    with pytest.raises(HeldOutCorpusError):  # a parent folder that contains the split
        load_books(tmp_path / "corpus")
    assert [b.name for b in load_books(heldout, allow_heldout=True)] == ["book"]


def test_a_link_is_no_way_round(tmp_path: Path) -> None:
    heldout = write(tmp_path / "corpus" / "eval" / "book.txt", "Held out.\n").parent
    os.symlink(heldout, tmp_path / "innocent")
    with pytest.raises(HeldOutCorpusError):
        load_books(tmp_path / "innocent")


def test_other_folders_are_fine(tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "train" / "book.txt", "Fine.\n")
    write(tmp_path / "eval" / "book.txt", "Fine too: not under a corpus folder.\n")
    assert heldout_split(tmp_path / "corpus" / "train") is None
    assert len(load_books(tmp_path / "corpus" / "train")) == 1
    assert len(load_books(tmp_path / "eval")) == 1


@pytest.mark.skipif(not (SHARED_CORPUS / "reserved").is_dir(), reason="shared corpus not on this machine")
def test_shared_corpus_heldout_splits_both_ways() -> None:
    for split in ("reserved", "eval"):
        with pytest.raises(HeldOutCorpusError):
            load_books(SHARED_CORPUS / split)
    books = load_books(SHARED_CORPUS / "reserved", allow_heldout=True)  # read-only; never trained on
    assert len(books) == 3 and all(b.paragraphs for b in books)
