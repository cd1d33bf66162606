"""Rates, bootstrap intervals and McNemar's test: the numbers that say whether a change is real."""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import numpy as np


def rates(tp, fp, fn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Recall, precision and F0.5 of counts (scalars or arrays, element-wise).

    A rate with a zero denominator is 0: no flags means precision 0, not undefined, so a
    silent detector scores F0.5 = 0 rather than dropping out of an average.
    """
    tp, fp, fn = (np.asarray(x, dtype=float) for x in (tp, fp, fn))
    zero = np.zeros(np.broadcast(tp, fp, fn).shape)
    recall = np.divide(tp, tp + fn, out=zero.copy(), where=(tp + fn) > 0)
    precision = np.divide(tp, tp + fp, out=zero.copy(), where=(tp + fp) > 0)
    denom = 0.25 * precision + recall
    f05 = np.divide(1.25 * precision * recall, denom, out=zero.copy(), where=denom > 0)
    return recall, precision, f05


@dataclass(frozen=True, slots=True)
class Intervals:
    """Percentile bootstrap intervals, each (low, high)."""

    recall: tuple[float, float]
    precision: tuple[float, float]
    f05: tuple[float, float]


def bootstrap_intervals(
    tp, fp, fn, *, n_resamples: int = 1000, seed: int = 0, confidence: float = 0.95
) -> Intervals:
    """Intervals from resampling paragraphs (rows of per-paragraph counts) with replacement.

    Paragraphs, not errors, are the unit: errors in one paragraph share its text and so its
    difficulty. Drawing multinomial counts of each paragraph is the same resampling in
    O(resamples × paragraphs) memory.
    """
    counts = np.stack([np.asarray(x, dtype=float) for x in (tp, fp, fn)], axis=1)
    n = len(counts)
    if n == 0:
        return Intervals((0.0, 0.0), (0.0, 0.0), (0.0, 0.0))
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(n, np.full(n, 1.0 / n), size=n_resamples)
    sums = weights @ counts
    tail = (1.0 - confidence) / 2.0
    low_high = [np.quantile(v, [tail, 1.0 - tail]) for v in rates(sums[:, 0], sums[:, 1], sums[:, 2])]
    recall, precision, f05 = (tuple(float(x) for x in q) for q in low_high)
    return Intervals(recall, precision, f05)


@dataclass(frozen=True, slots=True)
class McNemar:
    """Paired test on discordant pairs: b found only by A, c found only by B."""

    b: int
    c: int
    p_value: float
    chi2: float


def mcnemar(b: int, c: int) -> McNemar:
    """Exact two-sided McNemar test (binomial, p = 1/2), with the continuity-corrected chi-square.

    The exact p is what to read at this data size; the chi-square,
    (|b - c| - 1)² / (b + c), is there to compare with papers that report it.
    """
    n = b + c
    if n == 0:
        return McNemar(b, c, 1.0, 0.0)
    tail = sum(comb(n, k) for k in range(min(b, c) + 1))
    return McNemar(b, c, min(1.0, 2 * tail / 2**n), (abs(b - c) - 1) ** 2 / n)
