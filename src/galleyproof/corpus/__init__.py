"""Training text from folders of books: cleaned, unwrapped with offsets, deduplicated, split.

See docs/CONTRACTS.md (``galleyproof.corpus``) for what other modules rely on.
"""

from galleyproof.corpus.book import Book, OffsetMap, Paragraph
from galleyproof.corpus.clean import clean_text
from galleyproof.corpus.dedupe import MIN_DEDUPE_CHARS, dedupe_books
from galleyproof.corpus.load import HeldOutCorpusError, check_not_heldout, heldout_split, load_books
from galleyproof.corpus.split import split_books
from galleyproof.corpus.stats import BookStats, book_stats, total_stats

__all__ = [
    "MIN_DEDUPE_CHARS",
    "Book",
    "BookStats",
    "HeldOutCorpusError",
    "OffsetMap",
    "Paragraph",
    "book_stats",
    "check_not_heldout",
    "clean_text",
    "dedupe_books",
    "heldout_split",
    "load_books",
    "split_books",
    "total_stats",
]
