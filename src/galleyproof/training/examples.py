"""Training examples: clean paragraphs, corrupted by the noise generators, as token tensors.

Each book gets a lexicon that leaves the book itself out, so the model sees rare but
correct words as "unknown to the corpus" in training exactly as it will in a new manuscript.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from galleyproof.corpus import Book
from galleyproof.english.lexicon import Lexicon
from galleyproof.model.tagging import Edit, token_buckets, token_labels, word_buckets
from galleyproof.model.tokenizer import Tokenizer
from galleyproof.noise import NoiseConfig, corrupt

MIN_WORDS = 6


@dataclass
class Example:
    ids: np.ndarray
    lex: np.ndarray
    labels: np.ndarray


class BookLexicons:
    """Corpus counts minus one book's own counts, built on demand per book."""

    def __init__(self, books: list[Book], min_count: int = 2) -> None:
        self.min_count = min_count
        self.book_counts: dict[str, tuple[Counter, Counter]] = {}
        self.total, self.total_caps = Counter(), Counter()
        for book in books:
            own = Lexicon.from_texts((p.text for p in book.paragraphs), min_count=1)
            counts, caps = Counter(own.counts), Counter(own.capitalised)
            self.book_counts[book.name] = (counts, caps)
            self.total.update(counts)
            self.total_caps.update(caps)
        self._cache: dict[str, Lexicon] = {}

    def full(self) -> Lexicon:
        kept = {w: c for w, c in self.total.items() if c >= self.min_count}
        return Lexicon(kept, {w: self.total_caps[w] for w in kept if self.total_caps[w]})

    def without(self, book_name: str) -> Lexicon:
        if book_name not in self._cache:
            counts, caps = self.book_counts[book_name]
            kept = {}
            for w, c in self.total.items():
                rest = c - counts.get(w, 0)
                if rest >= self.min_count:
                    kept[w] = rest
            capitalised = {w: self.total_caps[w] - caps.get(w, 0) for w in kept}
            self._cache[book_name] = Lexicon(kept, {w: c for w, c in capitalised.items() if c > 0})
        return self._cache[book_name]

    def document_counts(self, book_name: str) -> Counter:
        return self.book_counts[book_name][0]


def trainable_paragraphs(books: list[Book]) -> list[tuple[str, str]]:
    """(book name, paragraph text) pairs worth learning from: prose, not headings."""
    out = []
    for book in books:
        for p in book.paragraphs:
            if getattr(p, "is_heading", False) or len(p.text.split()) < MIN_WORDS:
                continue
            out.append((book.name, p.text))
    return out


def encode_example(
    text: str,
    edits: list[Edit],
    tokenizer: Tokenizer,
    lexicon: Lexicon,
    doc_counts: Counter | None,
    max_len: int,
    rng: random.Random,
    dictionary: bool = False,
) -> Example:
    """Tokens, lexicon buckets and labels of one (possibly corrupted) paragraph, cut to a window;
    `dictionary` as `ModelConfig.dictionary_bucket`."""
    enc = tokenizer.encode(text)
    ids = np.asarray(enc.ids, dtype=np.int64)
    lex = token_buckets(enc.offsets, word_buckets(text, lexicon, doc_counts, dictionary=dictionary))
    labels = token_labels(text, enc.offsets, edits)
    if len(ids) > max_len:
        start = rng.randrange(0, len(ids) - max_len + 1)
        ids, lex, labels = ids[start : start + max_len], lex[start : start + max_len], labels[start : start + max_len]
    return Example(ids, lex, labels)


class ExampleStream:
    """An endless, seeded stream of corrupted training windows.

    `lexicon_for(book)` gives the lexicon its words are looked up in (training: the corpus
    without that book; validation: the training lexicon, as for a new manuscript).
    """

    #: Errors per 100 words, drawn per paragraph: some clean text, some dense like a first draft.
    RATES = (0.0, 1.0, 2.0, 4.0, 6.0, 8.0)
    #: Share of paragraphs whose errors all come from one generator, densely, as when a
    #: writer's one habit (commas, a homophone) recurs through a passage.
    SINGLE_KIND_SHARE = 0.25

    def __init__(
        self,
        paragraphs: list[tuple[str, str]],
        lexicon_for: Callable[[str], Lexicon],
        doc_counts_for: Callable[[str], Counter],
        tokenizer: Tokenizer,
        max_len: int,
        seed: int,
        noise: NoiseConfig | None = None,
        dictionary: bool = False,
    ) -> None:
        self.paragraphs = paragraphs
        self.lexicon_for = lexicon_for
        self.doc_counts_for = doc_counts_for
        self.tokenizer = tokenizer
        self.max_len = max_len
        self.rng = random.Random(seed)
        self.noise = noise or NoiseConfig()
        self.dictionary = dictionary

    def next(self) -> Example:
        book, text = self.paragraphs[self.rng.randrange(len(self.paragraphs))]
        rate = self.rng.choice(self.RATES)
        edits: list[Edit] = []
        if rate > 0:
            config = self.noise.with_rate(rate)
            if self.rng.random() < self.SINGLE_KIND_SHARE:
                names = [n for n, w in config.weights.items() if w > 0]
                config = config.only(self.rng.choice(names)).with_rate(max(rate, 4.0))
            text, gold = corrupt(text, self.rng, config)
            edits = [Edit(g.start, g.end, g.category, g.wrong, g.correct) for g in gold]
        return encode_example(
            text,
            edits,
            self.tokenizer,
            self.lexicon_for(book),
            self.doc_counts_for(book),
            self.max_len,
            self.rng,
            self.dictionary,
        )

    def batch(self, size: int) -> list[Example]:
        return [self.next() for _ in range(size)]

    def packed(self, rows: int, fill: float = 0.97) -> list[list[Example]]:
        """`rows` windows of up to `max_len` tokens, each holding several whole examples.

        Paragraphs average about half a window, so padding them one per row spends half of
        every step on padding; packed rows (attention kept inside each example) do not.
        First fit: an example goes in the first row with room; the batch is done when every
        row is `fill` full or an example fits nowhere."""
        packed: list[list[Example]] = [[] for _ in range(rows)]
        used = [0] * rows
        while True:
            example = self.next()
            n = len(example.ids)
            row = next((r for r in range(rows) if used[r] + n <= self.max_len), None)
            if row is None:
                return packed
            packed[row].append(example)
            used[row] += n
            if min(used) >= fill * self.max_len:
                return packed


def collate_packed(rows: list[list[Example]], pad_id: int = 0):
    """Packed rows: ids, lex, labels (-100 on padding), mask, and segments (the example's
    1-based number within its row, 0 on padding) so attention can stay inside each example."""
    t = max(sum(len(e.ids) for e in row) for row in rows)
    n = len(rows)
    ids = np.full((n, t), pad_id, dtype=np.int64)
    lex = np.zeros((n, t), dtype=np.int64)
    labels = np.full((n, t), -100, dtype=np.int64)
    mask = np.zeros((n, t), dtype=bool)
    segments = np.zeros((n, t), dtype=np.int64)
    for i, row in enumerate(rows):
        at = 0
        for j, e in enumerate(row, start=1):
            k = at + len(e.ids)
            ids[i, at:k], lex[i, at:k], labels[i, at:k], mask[i, at:k], segments[i, at:k] = (
                e.ids, e.lex, e.labels, True, j)
            at = k
    return ids, lex, labels, mask, segments


def collate(examples: list[Example], pad_id: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Pad to the longest example: ids, lex, labels (-100 on padding), mask."""
    t = max(len(e.ids) for e in examples)
    n = len(examples)
    ids = np.full((n, t), pad_id, dtype=np.int64)
    lex = np.zeros((n, t), dtype=np.int64)
    labels = np.full((n, t), -100, dtype=np.int64)
    mask = np.zeros((n, t), dtype=bool)
    for i, e in enumerate(examples):
        k = len(e.ids)
        ids[i, :k], lex[i, :k], labels[i, :k], mask[i, :k] = e.ids, e.lex, e.labels, True
    return ids, lex, labels, mask
