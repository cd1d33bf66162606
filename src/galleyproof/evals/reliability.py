"""Reliability of flag scores: flags bucketed by score, the share of each bucket that hit a
gold error, and the expected calibration error (ECE).

Pure: it reads the `hit` marks that `scoring.evaluate_predictions` already set (the overlap
rule with its length guard), so a flag counts as a hit here exactly when it does in the
precision figures. Flags without a score (another tool's) are counted apart and left out.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from galleyproof.evals.scoring import ItemResult

#: Bucket edges: [0, 0.5), [0.5, 0.7), ..., [0.95, 0.99), [0.99, 1.0] (the last one closed).
DEFAULT_EDGES: tuple[float, ...] = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0)


@dataclass(frozen=True, slots=True)
class Bucket:
    """Flags with lo <= score < hi (score <= hi in the last bucket)."""

    lo: float
    hi: float
    flags: int
    hits: int
    score_sum: float

    @property
    def mean_score(self) -> float | None:
        return self.score_sum / self.flags if self.flags else None

    @property
    def hit_share(self) -> float | None:
        return self.hits / self.flags if self.flags else None

    def to_json(self) -> dict:
        return {"lo": self.lo, "hi": self.hi, "flags": self.flags, "hits": self.hits,
                "mean_score": self.mean_score, "hit_share": self.hit_share}


@dataclass(frozen=True, slots=True)
class Reliability:
    """The buckets, their total, the flags without a score, and the ECE over the scored flags:
    sum over buckets of flags_b / flags * |mean score_b - hit share_b| (0 with no flags)."""

    buckets: tuple[Bucket, ...]
    flags: int
    unscored: int
    ece: float

    def to_json(self) -> dict:
        return {"buckets": [b.to_json() for b in self.buckets], "flags": self.flags,
                "unscored": self.unscored, "ece": self.ece}


@dataclass(frozen=True, slots=True)
class CategoryLine:
    """One flag category's scored flags, their mean score and the share that hit."""

    category: str
    flags: int
    hits: int
    mean_score: float
    hit_share: float

    def to_json(self) -> dict:
        return {"category": self.category, "flags": self.flags, "hits": self.hits,
                "mean_score": self.mean_score, "hit_share": self.hit_share}


def _scored_flags(items: Iterable[ItemResult]) -> tuple[list[tuple[float, bool, str]], int]:
    scored, unscored = [], 0
    for item in items:
        for p, h in zip(item.predictions, item.hit, strict=True):
            if p.score is None:
                unscored += 1
            else:
                scored.append((float(p.score), bool(h), p.category))
    return scored, unscored


def reliability(items: Iterable[ItemResult], edges: Sequence[float] = DEFAULT_EDGES) -> Reliability:
    """Bucket the scored flags of `items` by score (`edges` ascending, at least two; a score
    below the first edge goes to the first bucket, one above the last to the last)."""
    if len(edges) < 2 or any(a >= b for a, b in zip(edges, edges[1:])):
        raise ValueError(f"edges must be at least two ascending numbers, got {list(edges)}")
    scored, unscored = _scored_flags(items)
    n_buckets = len(edges) - 1
    flags = [0] * n_buckets
    hits = [0] * n_buckets
    sums = [0.0] * n_buckets
    for score, hit, _ in scored:
        b = min(max(bisect_right(edges, score) - 1, 0), n_buckets - 1)
        flags[b] += 1
        hits[b] += hit
        sums[b] += score
    buckets = tuple(Bucket(edges[b], edges[b + 1], flags[b], hits[b], sums[b]) for b in range(n_buckets))
    total = len(scored)
    ece = sum(b.flags / total * abs(b.mean_score - b.hit_share) for b in buckets if b.flags) if total else 0.0
    return Reliability(buckets, total, unscored, ece)


def by_category(items: Iterable[ItemResult]) -> list[CategoryLine]:
    """Per flag category (the flag's own, not the paragraph's): scored flags, mean score and
    hit share; most flags first, then by name."""
    acc: dict[str, list[float]] = {}
    for score, hit, category in _scored_flags(items)[0]:
        a = acc.setdefault(category, [0, 0, 0.0])
        a[0] += 1
        a[1] += hit
        a[2] += score
    lines = [CategoryLine(c, int(n), int(h), s / n, h / n) for c, (n, h, s) in acc.items()]
    return sorted(lines, key=lambda line: (-line.flags, line.category))
