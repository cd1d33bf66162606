"""Which pairs of common words the training books write side by side.

Two common words that millions of words of novels never put next to each other, though
chance alone would have them meet many times ("the of", "he were", "to moving"), mark
where a word went missing, slipped in or took the wrong form. The model reads the same
sentence but is unsure of the slips it was not trained on; this is the cheap half of a
language model, counted by `train` on the training books (`pairs.npz` in a model folder),
and its thresholds are calibrated beside the model's (`tagging.flags_from_probs`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from galleyproof.text.words import WORD_RE, normalise

PAIRS_FILE = "pairs.npz"
#: The table's vocabulary: the commonest words of the training books.
COMMON_WORDS = 3000
#: An unseen pair is evidence only where chance alone predicts it this many times.
MIN_EXPECTED = 10.0


def word_pairs(text: str) -> Iterable[tuple[str, str, int, int, int, int]]:
    """(first, second, first start, first end, second start, second end) for every two words
    with only spaces (or one line break) between them, lower-cased."""
    prev = None
    prev_start = prev_end = 0
    for m in WORD_RE.finditer(text):
        start = m.start()
        word = normalise(m.group())
        if prev is not None:
            gap = text[prev_end:start]
            if gap.isspace() and gap.count("\n") <= 1:  # not empty: "word’s" is one word
                yield prev, word, prev_start, prev_end, start, m.end()
        prev, prev_start, prev_end = word, start, m.end()


class PairTable:
    """The common words with their counts, and every pair of them the books write."""

    def __init__(self, words: list[str], counts: np.ndarray, keys: np.ndarray, total: int) -> None:
        self.words = words
        self.index = {w: i for i, w in enumerate(words)}
        self.counts = np.asarray(counts, dtype=np.float64)
        self.keys = np.asarray(keys, dtype=np.int64)  # sorted first * len(words) + second
        self.total = int(total)

    @classmethod
    def from_texts(cls, texts: Iterable[str], common_words: int = COMMON_WORDS) -> PairTable:
        """Count words and adjacent pairs (one text is one paragraph: no pair crosses two)."""
        word_counts: Counter[str] = Counter()
        pair_counts: Counter[tuple[str, str]] = Counter()
        for text in texts:
            word_counts.update(normalise(m.group()) for m in WORD_RE.finditer(text))
            pair_counts.update((a, b) for a, b, *_ in word_pairs(text))
        words = [w for w, _ in sorted(word_counts.items(), key=lambda wc: (-wc[1], wc[0]))[:common_words]]
        index = {w: i for i, w in enumerate(words)}
        n = len(words)
        keys = sorted(index[a] * n + index[b] for a, b in pair_counts if a in index and b in index)
        counts = np.array([word_counts[w] for w in words], dtype=np.int64)
        return cls(words, counts, np.array(keys, dtype=np.int64), sum(word_counts.values()))

    def save(self, path: str | Path) -> None:
        np.savez_compressed(path, words=np.array(self.words), counts=self.counts.astype(np.int64),
                            keys=self.keys, total=np.array(self.total))

    @classmethod
    def load(cls, path: str | Path) -> PairTable:
        with np.load(path, allow_pickle=False) as npz:
            return cls(npz["words"].tolist(), npz["counts"], npz["keys"], int(npz["total"]))

    def expected(self, first: str, second: str) -> float:
        """How often chance alone would put these two words side by side in the books."""
        i, j = self.index.get(first), self.index.get(second)
        if i is None or j is None:
            return 0.0
        return float(self.counts[i] * self.counts[j] / self.total)

    def seen(self, first: str, second: str) -> bool:
        i, j = self.index.get(first), self.index.get(second)
        if i is None or j is None:
            return False
        key = i * len(self.words) + j
        at = int(np.searchsorted(self.keys, key))
        return at < len(self.keys) and int(self.keys[at]) == key

    def odd_spans(self, text: str, min_expected: float = MIN_EXPECTED) -> list[tuple[int, int]]:
        """The spans of both words of every pair the books never wrote though chance
        predicts it at least `min_expected` times."""
        index = self.index
        found = [(i, j, a0, a1, b0, b1) for a, b, a0, a1, b0, b1 in word_pairs(text)
                 if (i := index.get(a)) is not None and (j := index.get(b)) is not None]
        if not found:
            return []
        pairs = np.array([(i, j) for i, j, *_ in found], dtype=np.int64)
        expected = self.counts[pairs[:, 0]] * self.counts[pairs[:, 1]] / self.total
        keys = pairs[:, 0] * len(self.words) + pairs[:, 1]
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        odd = (expected >= min_expected) & (self.keys[at] != keys) if len(self.keys) else expected >= min_expected
        out: list[tuple[int, int]] = []
        for k in np.flatnonzero(odd).tolist():
            _, _, a0, a1, b0, b1 = found[k]
            out += [(a0, a1), (b0, b1)]
        return out
