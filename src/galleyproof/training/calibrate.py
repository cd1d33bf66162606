"""Per-category thresholds, chosen on the synthetic validation set (never on the eval sets)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from galleyproof.evals.scoring import score_item
from galleyproof.issues import CATEGORIES
from galleyproof.model.detector import ModelDetector
from galleyproof.model.tagging import Flag, flags_from_probs
from galleyproof.rules import RuleSet, calibrated_ids
from galleyproof.text.document import Document
from galleyproof.text.paragraphs import passages
from galleyproof.text.words import document_counts

KEYS: tuple[str, ...] = (*CATEGORIES, "missing", "unknown_word", "unknown_name", "unknown_slip", "odd_pair", "odd_missing")
#: 0.99 and 1.01 (never: scores stop short of 1) let a category be all but switched off.
GRID = (*(round(x, 2) for x in np.arange(0.05, 0.99, 0.05)), 0.99, 1.01)


@dataclass
class CachedItem:
    """One validation paragraph's passages and token probabilities, computed once."""

    gold: list[tuple[int, int]]
    parts: list
    probs: list
    rule_flags: list  # every calibrated rule's flag, so enabling a rule needs no re-run
    unknown: object  # the detector's unknown-word test for this document
    odd: list | None = None  # per passage, the spans of unseen word pairs (`pairs.py`)
    slip: object = None  # the detector's slip test for unknown words
    lookup_flags: list = field(default_factory=list)  # the always-on rules' flags
    text: str | None = None  # the paragraph, for the scoring's length guard


def cache_items(
    detector: ModelDetector, items: list[dict], book_counts: Mapping[str, Counter] | None = None
) -> list[CachedItem]:
    """Score each item once. With `book_counts` (word counts of whole books, by name), an item
    whose "source" is one of them is read as a paragraph of that book: its words are counted
    with the rest of the book, as `check` reads a manuscript and as training saw the model's
    document counts; otherwise an item is a document of its own."""
    calibrated = RuleSet(detector.lexicon, calibrated_ids(), always_on=False)
    lookups = RuleSet(detector.lexicon)
    out = []
    for item in items:
        text = item["text"]
        parts = passages(text)
        doc_counts = document_counts(text)
        book = book_counts.get(item.get("source", "")) if book_counts else None
        if book is not None:
            doc_counts = book + doc_counts - document_counts(restored(item))
        probs = detector.token_probs(parts, doc_counts)
        doc = Document(text)
        out.append(CachedItem([(e["start"], e["end"]) for e in item["errors"]], parts, probs,
                              [Flag.of_issue(i) for i in calibrated.issues(doc)],
                              detector.unknown_test(doc_counts), [detector.odd_spans(p.text) for p in parts],
                              detector.is_slip, [Flag.of_issue(i) for i in lookups.issues(doc)], text))
    return out


def restored(item: dict) -> str:
    """An item's text with its gold errors corrected: the paragraph as its book has it."""
    text = item["text"]
    for e in sorted(item["errors"], key=lambda e: e["start"], reverse=True):
        text = text[: e["start"]] + e["correct"] + text[e["end"] :]
    return text


def score(cached: list[CachedItem], thresholds: dict[str, float], rules: frozenset = frozenset(),
          beta: float = 0.5) -> dict:
    """Overall TP/FP/FN, precision, recall and F-beta under the task's overlap rule."""
    tp = fp = fn = 0
    for item in cached:
        spans = [(f.start, f.end) for f in item.rule_flags if f.rule in rules]
        spans += [(f.start, f.end) for f in item.lookup_flags]
        for i, (passage, (offsets, probs)) in enumerate(zip(item.parts, item.probs)):
            odd = item.odd[i] if item.odd else ()
            for f in flags_from_probs(passage.text, offsets, probs, thresholds, item.unknown, odd, item.slip):
                spans.append(passage.to_document(f.start, f.end))
        s = score_item(item.gold, spans, item.text)
        tp, fp, fn = tp + s.tp, fp + s.fp, fn + s.fn
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    b2 = beta * beta
    f = (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f": f}


def calibrate(cached: list[CachedItem], rounds: int = 2, min_precision: float = 0.0) -> tuple[dict, dict]:
    """Coordinate ascent on F0.5 over the thresholds (a fixed grid), then the calibrated rules
    one at a time, then the thresholds again. Returns thresholds (with "rules") and metrics.

    With `min_precision`, settings below that precision count as worse than any above it.
    """

    def objective(m: dict) -> tuple:
        return (m["precision"] >= min_precision, m["f"])

    thresholds = {k: 0.5 for k in KEYS}
    rules: frozenset[str] = frozenset()
    best = score(cached, thresholds, rules)

    def ascend(thresholds: dict, best: dict) -> tuple[dict, dict]:
        for _ in range(rounds):
            changed = False
            for key in KEYS:
                for value in GRID:
                    trial = thresholds | {key: float(value)}
                    m = score(cached, trial, rules)
                    if objective(m) > objective(best):
                        thresholds, best, changed = trial, m, True
            if not changed:
                break
        return thresholds, best

    thresholds, best = ascend(thresholds, best)
    for rule in calibrated_ids():
        m = score(cached, thresholds, rules | {rule})
        if objective(m) > objective(best):
            rules, best = rules | {rule}, m
    thresholds, best = ascend(thresholds, best)
    return thresholds | {"rules": sorted(rules)}, best | {"rules": sorted(rules)}
