"""Word counts from the training books: facts the detector looks up instead of memorising."""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from galleyproof.words import iter_words, normalise

DEFAULT_LEXICON = "lexicon.tsv.gz"


@dataclass
class Lexicon:
    """Lower-cased word form -> count in the training corpus."""

    counts: dict[str, int] = field(default_factory=dict)

    def __contains__(self, word: str) -> bool:
        return normalise(word) in self.counts

    def count(self, word: str) -> int:
        return self.counts.get(normalise(word), 0)

    def __len__(self) -> int:
        return len(self.counts)

    @classmethod
    def from_texts(cls, texts: Iterable[str], min_count: int = 2) -> Lexicon:
        """Count words; forms seen fewer than `min_count` times are dropped as likely typos."""
        counter: Counter[str] = Counter()
        for text in texts:
            counter.update(normalise(m.group()) for m in iter_words(text))
        return cls({w: c for w, c in counter.items() if c >= min_count})

    def save(self, path: str | Path) -> None:
        """Write a gzipped `word<TAB>count` file, most frequent first (small, diffable)."""
        rows = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
            fh.writelines(f"{w}\t{c}\n" for w, c in rows)

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        counts: dict[str, int] = {}
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                word, _, count = line.rstrip("\n").partition("\t")
                counts[word] = int(count)
        return cls(counts)

    @classmethod
    def load_default(cls) -> Lexicon:
        """The lexicon shipped in the package, built from the training books."""
        ref = resources.files("galleyproof.data").joinpath(DEFAULT_LEXICON)
        with resources.as_file(ref) as path:
            return cls.load(path)
