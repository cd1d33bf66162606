"""Which fixes are safe to apply unasked: per rule, the least score at which its top
suggestion was the right repair at least 95% of the time on dev data.

Scores are not probabilities on real text, and a rule that is right at 0.8 on one kind of
error can be wrong at 0.98 on another, so `--fix` consults this table, measured per rule
(`benchmarks/safe_fixes.py` rebuilds it; `data/safe_fixes.json` records the command and the
data), instead of one threshold for all. A rule the table does not name, or names without
enough evidence, is never applied unasked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from galleyproof.english.tables import shipped_table
from galleyproof.issues import Issue

SAFE_FIXES_FILE = "safe_fixes.json"
#: Share of applied fixes that must equal the gold correction.
TARGET_PRECISION = 0.95
#: Fixes a rule must have applied, right or wrong, at or above its threshold on dev data.
MIN_EVIDENCE = 20


@dataclass(frozen=True)
class SafeFixes:
    """Rule id -> least score at which its fix is applied unasked."""

    thresholds: dict[str, float] = field(default_factory=dict)

    def safe(self, issue: Issue) -> bool:
        """Whether the issue's top suggestion may be applied without asking."""
        least = self.thresholds.get(issue.rule)
        return least is not None and issue.score >= least

    @classmethod
    def from_json(cls, obj: dict) -> SafeFixes:
        return cls({rule: float(row["threshold"]) for rule, row in obj.get("rules", {}).items()
                    if row.get("threshold") is not None})


def _load(path: Path) -> SafeFixes:
    return SafeFixes.from_json(json.loads(path.read_text(encoding="utf-8")))


def shipped_safe_fixes() -> SafeFixes:
    """The table shipped with the package (empty, so nothing is applied unasked, if missing)."""
    return shipped_table(SAFE_FIXES_FILE, _load, SafeFixes)


def least_safe_score(scored: list[tuple[float, bool]], target: float = TARGET_PRECISION,
                     min_evidence: int = MIN_EVIDENCE) -> float | None:
    """The least score s such that, of the fixes scoring at least s (`(score, right)` each),
    at least `min_evidence` were applied and a share of at least `target` were right; None if
    no score gives that."""
    ranked = sorted(scored, key=lambda p: -p[0])
    best = None
    right = 0
    for n, (score, ok) in enumerate(ranked, 1):
        right += ok
        if n < len(ranked) and ranked[n][0] == score:
            continue  # a threshold takes every fix of the same score
        if n >= min_evidence and right / n >= target:
            best = score
    return best


def least_safe_score_on_each(scored: dict[str, list[tuple[float, bool]]], real: frozenset[str],
                             target: float = TARGET_PRECISION, min_evidence: int = MIN_EVIDENCE) -> float | None:
    """`least_safe_score` over all the sources pooled, raised until the fixes of the real
    sources (`real`, pooled) that score at least as much are right at least `target` of the
    time as well: synthetic errors are many and easy, and would otherwise vouch for a rule
    that is mostly wrong on what people write (the model's word-choice fixes: right 77 of 106
    times on synthetic errors, 1 of 32 on website text). Real fixes that few are no evidence of
    safety, but a wrong one among them is evidence against it."""
    pooled = [row for rows in scored.values() for row in rows]
    least = least_safe_score(pooled, target, min_evidence)
    if least is None:
        return None
    real_rows = [row for name in real for row in scored.get(name, [])]
    for score in sorted({s for s, _ in pooled if s >= least}):
        if sum(s >= score for s, _ in pooled) < min_evidence:
            return None
        above = [ok for s, ok in real_rows if s >= score]
        if not above or sum(above) / len(above) >= target:
            return score
    return None
