"""A synthetic validation set shaped like the eval set: paragraphs of the validation books,
each with 8-10 errors of one category, as JSON-ready dicts (thresholds are tuned on it)."""

from __future__ import annotations

import random

from galleyproof.corpus import Book
from galleyproof.noise import NoiseConfig, inject
from galleyproof.text.words import iter_words

#: Paragraph categories as the eval set names them -> the generator that fills them.
VALSET_CATEGORIES: dict[str, str] = {
    "spelling": "spelling",
    "word_choice": "word_choice",
    "punctuation": "punctuation",
    "whitespace": "whitespace",
    "capitalization": "capitalization",
    "grammar": "grammar",
    "extra_words": "extra_word",
    "missing_words": "missing_word",
}


def build_valset(
    books: list[Book],
    *,
    n_paragraphs: int = 80,
    seed: int = 0,
    config: NoiseConfig = NoiseConfig(),
    errors: tuple[int, int] = (8, 10),
    words: tuple[int, int] = (120, 250),
) -> list[dict]:
    """`n_paragraphs` items (fewer if the books run out), the categories in turn.

    Each item: id, category, source (book), chapter (the paragraph's index in the book, as
    "p<i>"), text (corrupted), errors [{start, end, wrong, correct, kind}] sorted by start.
    """
    rng = random.Random(seed)
    pool = [
        (book.name, i, p.text)
        for book in books
        for i, p in enumerate(book.paragraphs)
        if not p.is_heading and words[0] <= sum(1 for _ in iter_words(p.text)) <= words[1]
    ]
    rng.shuffle(pool)
    categories = list(VALSET_CATEGORIES)
    counts = dict.fromkeys(categories, 0)
    items: list[dict] = []
    for source, index, text in pool:
        if len(items) == n_paragraphs:
            break
        category = categories[len(items) % len(categories)]
        wanted = rng.randint(*errors)
        noisy, edits = inject(text, rng, wanted, config.only(VALSET_CATEGORIES[category]))
        if len(edits) < errors[0]:
            continue  # too few places for this category here; the next paragraph may have them
        counts[category] += 1
        items.append({
            "id": f"{category}-{counts[category]}",
            "category": category,
            "source": source,
            "chapter": f"p{index}",
            "text": noisy,
            "errors": [e.to_json() for e in edits],
        })
    return items
