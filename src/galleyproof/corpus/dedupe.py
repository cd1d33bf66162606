"""Drop near-identical paragraphs so repeated matter (epigraphs, notices) is not overweighted."""

from __future__ import annotations

import dataclasses
import hashlib
import re

from galleyproof.corpus.book import Book

#: Shorter paragraphs ("Yes.", "Chapter I") repeat legitimately and are left alone.
MIN_DEDUPE_CHARS = 40
_WORD = re.compile(r"[^\W_]+")


def dedupe_key(text: str) -> bytes:
    """Digest of the text lower-cased, with punctuation and whitespace runs as one space."""
    normal = " ".join(_WORD.findall(text.lower()))
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=16).digest()


def dedupe_books(books: list[Book]) -> list[Book]:
    """New books without paragraphs (over ``MIN_DEDUPE_CHARS``) seen earlier in any book, in
    order; each book's ``duplicates_removed`` counts what it lost."""
    seen: set[bytes] = set()
    out = []
    for book in books:
        kept = []
        for paragraph in book.paragraphs:
            if len(paragraph.text) > MIN_DEDUPE_CHARS:
                key = dedupe_key(paragraph.text)
                if key in seen:
                    continue
                seen.add(key)
            kept.append(paragraph)
        removed = book.duplicates_removed + len(book.paragraphs) - len(kept)
        out.append(dataclasses.replace(book, paragraphs=kept, duplicates_removed=removed))
    return out
