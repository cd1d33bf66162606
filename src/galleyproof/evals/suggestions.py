"""Suggestion accuracy: of the gold errors a detector found, how often its fix is the right one.

A suggestion is judged by the paragraph it makes, not by its span: applying it at its flag
gives the same text as applying the gold corrections, so a flag on "an" that offers "" and
a flag on "a an man" that offers "a man" are both right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from galleyproof.evals.data import GoldError, Prediction

_SPACES = re.compile(r"[ \t]+")


def _apply(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _spaces_only(e: GoldError) -> bool:
    return _SPACES.sub("", e.wrong) == _SPACES.sub("", e.correct)


def _same(a: str, b: str, exact: bool) -> bool:
    """Equal texts; runs of spaces count as one unless the error is about spaces, since
    hand-made corrections sometimes carry a stray space ("histories the" -> "histories of the ")."""
    return a == b or (not exact and _SPACES.sub(" ", a).strip() == _SPACES.sub(" ", b).strip())


def fix_rank(text: str, errors: Sequence[GoldError], k: int, predictions: Sequence[Prediction]) -> int:
    """1-based rank of the first suggestion that repairs gold error `k`, over the flags that
    overlap it (the best rank of any of them); 0 if none does or no flag overlaps it.

    A flag is held to the gold corrections of every error it overlaps: one fix for two.
    """
    error = errors[k]
    best = 0
    for p in predictions:
        if not (p.start < error.end and error.start < p.end) or not p.suggestions:
            continue
        covered = [e for e in errors if e.start < p.end and p.start < e.end]
        gold = _apply(text, [(e.start, e.end, e.correct) for e in covered])
        exact = any(_spaces_only(e) for e in covered)
        for rank, suggestion in enumerate(p.suggestions, 1):
            if best and rank >= best:
                break
            if _same(_apply(text, [(p.start, p.end, suggestion)]), gold, exact):
                best = rank
                break
    return best


def repairs(text: str, errors: Sequence[GoldError], start: int, end: int, suggestion: str) -> bool:
    """Whether writing `suggestion` over ``text[start:end]`` gives the text the gold corrections
    of the errors it overlaps give: a fix that is right. False if it overlaps none."""
    covered = [e for e in errors if e.start < end and start < e.end or e.start == e.end and start <= e.start <= end]
    if not covered:
        return False
    gold = _apply(text, [(e.start, e.end, e.correct) for e in covered])
    return _same(_apply(text, [(start, end, suggestion)]), gold, any(_spaces_only(e) for e in covered))


@dataclass(frozen=True, slots=True)
class SuggestionAccuracy:
    """Over the found gold errors: how many had the right fix first, and within the top 3."""

    found: int
    top1: int
    top3: int

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.found if self.found else 0.0

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.found if self.found else 0.0

    def to_json(self) -> dict:
        return {
            "found": self.found,
            "top1": self.top1,
            "top3": self.top3,
            "top1_rate": self.top1_rate,
            "top3_rate": self.top3_rate,
        }

    @classmethod
    def from_json(cls, obj: dict) -> SuggestionAccuracy:
        return cls(int(obj["found"]), int(obj["top1"]), int(obj["top3"]))


def accuracy(found: Sequence[bool], ranks: Sequence[int]) -> SuggestionAccuracy:
    """Pool gold errors: `found[i]` as scored, `ranks[i]` from `fix_rank`."""
    pairs = [r for f, r in zip(found, ranks, strict=True) if f]
    return SuggestionAccuracy(len(pairs), sum(1 for r in pairs if r == 1), sum(1 for r in pairs if 1 <= r <= 3))
