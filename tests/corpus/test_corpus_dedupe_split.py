"""Near-duplicate removal across books, and the by-book train/validation split."""

from __future__ import annotations

from pathlib import Path

import pytest

from galleyproof.corpus import Book, Paragraph, dedupe_books, load_books, split_books

LONG = "It is a truth universally acknowledged, that a single man must be in want of a wife."


def book(name: str, *texts: str) -> Book:
    return Book(name, Path(f"{name}.txt"), [Paragraph(t, None) for t in texts])


def test_near_duplicates_go_short_repeats_stay() -> None:
    variant = "IT IS A TRUTH  universally acknowledged -- that a single man must be in want of a wife!"
    books = dedupe_books(
        [
            book("a", LONG, "Yes."),
            book("b", "Yes.", variant, "Something else entirely, and long enough."),
            book("c", LONG.replace(",", "")),
        ]
    )
    assert [[p.text for p in b.paragraphs] for b in books] == [
        [LONG, "Yes."],
        ["Yes.", "Something else entirely, and long enough."],
        [],
    ]
    assert [b.duplicates_removed for b in books] == [0, 1, 1]


def test_load_books_reports_removed_duplicates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{LONG}\n\nNo.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"No.\n\n{LONG[:40]}\n{LONG[40:]}\n", encoding="utf-8")
    a, b = load_books(tmp_path)
    assert (a.name, b.name) == ("a", "b")
    assert [p.text for p in b.paragraphs] == ["No."] and b.duplicates_removed == 1


def names(books: list[Book]) -> list[str]:
    return [b.name for b in books]


def test_split_is_by_book_deterministic_and_order_free() -> None:
    books = [book(f"book{i:02d}") for i in range(20)]
    train, val = split_books(books, val_fraction=0.2, seed=7)
    assert len(val) == 4 and len(train) == 16
    assert set(names(train)).isdisjoint(names(val)) and set(names(train + val)) == set(names(books))
    again = split_books(list(reversed(books)), val_fraction=0.2, seed=7)
    assert (names(again[0]), names(again[1])) == (names(train), names(val))
    others = {tuple(names(split_books(books, val_fraction=0.2, seed=s)[1])) for s in range(5)}
    assert len(others) > 1


def test_split_small_corpora() -> None:
    assert names(split_books([book("x"), book("y")], val_fraction=0.1)[1]) in (["x"], ["y"])
    assert split_books([book("x")], val_fraction=0.5) == ([book("x")], [])
    assert split_books([book("x"), book("y")], val_fraction=0.0)[1] == []
    assert split_books([], val_fraction=0.1) == ([], [])
    with pytest.raises(ValueError):
        split_books([book("x")], val_fraction=1.0)
