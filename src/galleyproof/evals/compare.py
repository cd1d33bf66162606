"""Paired comparison of two results on the same eval data: which errors flipped, and is it noise."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from galleyproof.evals.scoring import EvalResult, Metrics
from galleyproof.evals.stats import McNemar, mcnemar

METRICS = ("tp", "fp", "fn", "recall", "precision", "f05")


@dataclass(frozen=True, slots=True)
class Flip:
    """A gold error found by exactly one of the two runs (`found_by_this`: by the current one)."""

    item_id: str
    category: str
    start: int
    end: int
    wrong: str
    correct: str
    found_by_this: bool


@dataclass(frozen=True, slots=True)
class Comparison:
    """This run minus the other: McNemar on the gold errors, metric deltas, flipped errors."""

    this_version: str
    other_version: str
    other_date: str
    mcnemar: McNemar
    overall_delta: dict[str, float]
    category_deltas: dict[str, dict[str, float]]
    flips: list[Flip]

    def to_json(self) -> dict:
        return {
            "this_version": self.this_version,
            "other_version": self.other_version,
            "other_date": self.other_date,
            "mcnemar": asdict(self.mcnemar),
            "overall_delta": self.overall_delta,
            "category_deltas": self.category_deltas,
            "flips": [asdict(f) for f in self.flips],
        }


def _delta(a: Metrics, b: Metrics) -> dict[str, float]:
    return {k: getattr(a, k) - getattr(b, k) for k in METRICS}


def _keyed(item) -> list[tuple[tuple[str, int, int, int], bool]]:
    """Each gold error of a scored item as ((item id, start, end, repeat), found)."""
    seen: Counter = Counter()
    out = []
    for e, found in zip(item.errors, item.found):
        seen[e.start, e.end] += 1
        out.append(((item.id, e.start, e.end, seen[e.start, e.end] - 1), found))
    return out


def compare_results(this: EvalResult, other: EvalResult) -> Comparison:
    """Pair the two runs error by error; raises ValueError if they were not on the same data."""
    if this.data_sha256 != other.data_sha256:
        raise ValueError(
            f"the results are on different data (sha256 {this.data_sha256[:12]}… vs "
            f"{other.data_sha256[:12]}…); a paired comparison needs the same eval file"
        )
    # Keyed by span and by how many errors of the item had that span before: a real-error set
    # can mark one span twice (two annotators' corrections, or two edits over the same words).
    theirs = {key: found for item in other.items for key, found in _keyed(item)}
    flips: list[Flip] = []
    paired = 0
    for item in this.items:
        for (key, found), e in zip(_keyed(item), item.errors):
            if key not in theirs:
                raise ValueError(f"gold error {key} is missing from the other result")
            paired += 1
            if found != theirs[key]:
                flips.append(Flip(item.id, item.category, e.start, e.end, e.wrong, e.correct, found))
    if paired != len(theirs):
        raise ValueError("the other result has gold errors this run does not")
    b = sum(f.found_by_this for f in flips)
    return Comparison(
        this_version=this.model_version,
        other_version=other.model_version,
        other_date=other.date,
        mcnemar=mcnemar(b, len(flips) - b),
        overall_delta=_delta(this.overall, other.overall),
        category_deltas={
            c: _delta(m, other.categories[c]) for c, m in this.categories.items() if c in other.categories
        },
        flips=flips,
    )
