"""Counts per book after cleaning: what training will actually see."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from galleyproof.corpus.book import Book


@dataclass(frozen=True, slots=True)
class BookStats:
    name: str
    characters: int
    words: int
    paragraphs: int  # prose paragraphs, headings not included
    headings: int
    duplicates_removed: int

    def to_json(self) -> dict:
        return asdict(self)


def book_stats(book: Book) -> BookStats:
    """Characters and words over all kept paragraphs, headings included."""
    headings = sum(p.is_heading for p in book.paragraphs)
    return BookStats(
        name=book.name,
        characters=sum(len(p.text) for p in book.paragraphs),
        words=sum(len(p.text.split()) for p in book.paragraphs),
        paragraphs=len(book.paragraphs) - headings,
        headings=headings,
        duplicates_removed=book.duplicates_removed,
    )


def total_stats(stats: list[BookStats]) -> BookStats:
    """The column sums, named ``total``."""
    return BookStats(
        name="total",
        characters=sum(s.characters for s in stats),
        words=sum(s.words for s in stats),
        paragraphs=sum(s.paragraphs for s in stats),
        headings=sum(s.headings for s in stats),
        duplicates_removed=sum(s.duplicates_removed for s in stats),
    )
