"""Per-category thresholds, chosen on the synthetic validation set (never on the eval sets)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from galleyproof.evals.scoring import score_item
from galleyproof.issues import CATEGORIES
from galleyproof.model_detector import ModelDetector, passages
from galleyproof.tagging import flags_from_probs
from galleyproof.words import iter_words, normalise

KEYS: tuple[str, ...] = (*CATEGORIES, "missing")
GRID = tuple(round(x, 2) for x in np.arange(0.2, 0.99, 0.05))


@dataclass
class CachedItem:
    """One validation paragraph's passages and token probabilities, computed once."""

    gold: list[tuple[int, int]]
    parts: list
    probs: list


def cache_items(detector: ModelDetector, items: list[dict]) -> list[CachedItem]:
    out = []
    for item in items:
        text = item["text"]
        parts = passages(text)
        doc_counts = Counter(normalise(m.group()) for m in iter_words(text))
        probs = detector.token_probs(parts, doc_counts)
        out.append(CachedItem([(e["start"], e["end"]) for e in item["errors"]], parts, probs))
    return out


def score(cached: list[CachedItem], thresholds: dict[str, float], beta: float = 0.5) -> dict:
    """Overall TP/FP/FN, precision, recall and F-beta under the task's overlap rule."""
    tp = fp = fn = 0
    for item in cached:
        spans = []
        for passage, (offsets, probs) in zip(item.parts, item.probs):
            for f in flags_from_probs(passage.text, offsets, probs, thresholds):
                spans.append(passage.to_document(f.start, f.end))
        s = score_item(item.gold, spans)
        tp, fp, fn = tp + s.tp, fp + s.fp, fn + s.fn
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    b2 = beta * beta
    f = (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f": f}


def calibrate(cached: list[CachedItem], rounds: int = 2, min_precision: float = 0.0) -> tuple[dict, dict]:
    """Coordinate ascent on F0.5, one threshold at a time, over a fixed grid.

    With `min_precision`, settings below that precision count as worse than any above it.
    """

    def objective(m: dict) -> tuple:
        return (m["precision"] >= min_precision, m["f"])

    thresholds = {k: 0.5 for k in KEYS}
    best = score(cached, thresholds)
    for _ in range(rounds):
        changed = False
        for key in KEYS:
            for value in GRID:
                trial = thresholds | {key: float(value)}
                m = score(cached, trial)
                if objective(m) > objective(best):
                    thresholds, best, changed = trial, m, True
        if not changed:
            break
    return thresholds, best

