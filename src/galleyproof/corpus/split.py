"""Train/validation split by whole book, so no book's style leaks across the line."""

from __future__ import annotations

import random

from galleyproof.corpus.book import Book


def split_books(
    books: list[Book], *, val_fraction: float = 0.1, seed: int = 0
) -> tuple[list[Book], list[Book]]:
    """``(train, validation)``, each in name order; the same books and seed give the same
    split whatever order the books came in. With 2+ books and ``val_fraction > 0`` at least
    one book is held out for validation and at least one is kept for training."""
    if not 0 <= val_fraction < 1:
        raise ValueError(f"val_fraction must be in [0, 1), got {val_fraction}")
    ordered = sorted(books, key=lambda b: (b.name, str(b.path)))
    n = len(ordered)
    n_val = 0 if n < 2 or val_fraction == 0 else min(n - 1, max(1, round(n * val_fraction)))
    held = set(random.Random(seed).sample(range(n), n_val))
    train = [b for i, b in enumerate(ordered) if i not in held]
    val = [b for i, b in enumerate(ordered) if i in held]
    return train, val
