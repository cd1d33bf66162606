"""False alarms on prose assumed clean: the rate a writer would actually see."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from galleyproof.evals.data import Prediction

WORD_RE = re.compile(r"\w+(?:['’]\w+)*")


def count_words(text: str) -> int:
    """Runs of word characters, with inner apostrophes kept in one word ("don't" is one)."""
    return sum(1 for _ in WORD_RE.finditer(text))


def per_1000(flags: int, words: int) -> float:
    return 1000.0 * flags / words if words else 0.0


@dataclass(frozen=True, slots=True)
class CleanFile:
    path: str
    words: int
    flags: int

    @property
    def per_1000_words(self) -> float:
        return per_1000(self.flags, self.words)


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Every flag on clean text counts as a false alarm; `top` shows what they are."""

    files: list[CleanFile]
    by_category: dict[str, int]
    top: list[tuple[str, str, int]]  # (flagged string, category, count), most common first

    @property
    def words(self) -> int:
        return sum(f.words for f in self.files)

    @property
    def flags(self) -> int:
        return sum(f.flags for f in self.files)

    @property
    def per_1000_words(self) -> float:
        return per_1000(self.flags, self.words)

    def to_json(self) -> dict:
        return {
            "files": [
                {"path": f.path, "words": f.words, "flags": f.flags, "per_1000_words": f.per_1000_words}
                for f in self.files
            ],
            "words": self.words,
            "flags": self.flags,
            "per_1000_words": self.per_1000_words,
            "by_category": {
                c: {"flags": n, "per_1000_words": per_1000(n, self.words)} for c, n in self.by_category.items()
            },
            "top": [{"text": s, "category": c, "count": n} for s, c, n in self.top],
        }


def clean_report(
    texts: Mapping[str, str], flags: Mapping[str, Sequence[Prediction]], *, top: int = 20
) -> CleanResult:
    """Count flags per 1,000 words, per file and per flag category, over texts keyed by path.

    Raises ValueError for a flag past the end of its text (flags made on another file).
    """
    files = []
    categories: Counter[str] = Counter()
    strings: Counter[tuple[str, str]] = Counter()
    for path, text in texts.items():
        found = flags.get(path, ())
        if any(p.end > len(text) for p in found):
            raise ValueError(f"a flag runs past the end of {path} ({len(text)} characters)")
        files.append(CleanFile(path, count_words(text), len(found)))
        for p in found:
            categories[p.category] += 1
            strings[(text[p.start : p.end], p.category)] += 1
    return CleanResult(
        files=files,
        by_category=dict(categories.most_common()),
        top=[(s, c, n) for (s, c), n in strings.most_common(top)],
    )
