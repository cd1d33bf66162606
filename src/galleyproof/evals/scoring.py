"""The task's scoring rule, per paragraph and aggregated, and the result `--json` saves."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np

from galleyproof.evals.data import EvalItem, GoldError, Prediction
from galleyproof.evals.stats import bootstrap_intervals, rates
from galleyproof.evals.suggestions import SuggestionAccuracy, accuracy, fix_rank
from galleyproof.issues import Detector

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ItemScore:
    """`found[i]`: gold error i is overlapped by some flag; `hit[j]`: flag j overlaps some error."""

    found: tuple[bool, ...]
    hit: tuple[bool, ...]

    @property
    def tp(self) -> int:
        return sum(self.found)

    @property
    def fn(self) -> int:
        return len(self.found) - self.tp

    @property
    def fp(self) -> int:
        return len(self.hit) - sum(self.hit)


#: A flag finds a gold error only if it is at most this many words longer than the error.
MAX_EXTRA_WORDS = 4


def count_span_words(text: str, start: int, end: int) -> int:
    """Words (whitespace-separated pieces) that [start, end) touches; at least 1."""
    return max(1, len(text[start:end].split()))


def widen(span: Span, length: int | None = None) -> Span:
    """A zero-width gold span (a missing word) widened to the one character at the gap
    (the one before it at the end of the text)."""
    a, b = span
    if a < b:
        return span
    if length is not None and a >= length:
        return (max(0, a - 1), a)
    return (a, a + 1)


def score_item(gold_spans: Sequence[Span], predicted_spans: Sequence[Span], text: str | None = None) -> ItemScore:
    """Score one paragraph: half-open [a, b) and [c, d) overlap iff a < d and c < b.

    One flag over two errors finds both; several flags on one error find it once and none of
    them is a false positive. Zero-width gold spans are widened to one character.

    With `text`, the length guard applies: a flag finds an error only if it is at most
    `MAX_EXTRA_WORDS` words longer than it (words: whitespace-separated pieces of the
    text); a longer flag finds nothing and is a false positive, so one flag over a whole
    paragraph cannot "find" every error in it.
    """
    gold_spans = [widen(tuple(g), None if text is None else len(text)) for g in gold_spans]
    gold = np.asarray(gold_spans, dtype=np.int64).reshape(-1, 2)
    pred = np.asarray(predicted_spans, dtype=np.int64).reshape(-1, 2)
    overlap = (gold[:, None, 0] < pred[None, :, 1]) & (pred[None, :, 0] < gold[:, None, 1])
    if text is not None and len(gold) and len(pred):
        gw = np.array([count_span_words(text, a, b) for a, b in gold.tolist()], dtype=np.int64)
        pw = np.array([count_span_words(text, a, b) for a, b in pred.tolist()], dtype=np.int64)
        overlap &= pw[None, :] <= gw[:, None] + MAX_EXTRA_WORDS
    return ItemScore(tuple(overlap.any(axis=1).tolist()), tuple(overlap.any(axis=0).tolist()))


def words_per_flag(items: Sequence[ItemResult], texts: Mapping[str, str]) -> float:
    """Mean words per flag over the items (texts by item id); 0 with no flags."""
    n = total = 0
    for r in items:
        text = texts.get(r.id)
        if text is None:
            continue
        for p in r.predictions:
            n += 1
            total += count_span_words(text, p.start, p.end)
    return total / n if n else 0.0


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One paragraph's gold errors and flags, each marked found / hit.

    `fix_ranks[i]`: the rank of the first suggestion that repairs gold error i (0: none).
    """

    id: str
    category: str
    errors: tuple[GoldError, ...]
    found: tuple[bool, ...]
    predictions: tuple[Prediction, ...]
    hit: tuple[bool, ...]
    fix_ranks: tuple[int, ...] = ()

    @property
    def score(self) -> ItemScore:
        return ItemScore(self.found, self.hit)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "category": self.category,
            "errors": [
                {"start": e.start, "end": e.end, "wrong": e.wrong, "correct": e.correct, "found": f, "fix_rank": r}
                for e, f, r in zip(self.errors, self.found, self.fix_ranks or [0] * len(self.errors))
            ],
            "predictions": [
                {"start": p.start, "end": p.end, "category": p.category, "score": p.score,
                 "suggestions": list(p.suggestions), "hit": h}
                for p, h in zip(self.predictions, self.hit)
            ],
        }

    @classmethod
    def from_json(cls, obj: dict) -> ItemResult:
        errors, preds = obj["errors"], obj["predictions"]
        return cls(
            id=obj["id"],
            category=obj["category"],
            errors=tuple(GoldError(e["start"], e["end"], e["wrong"], e["correct"]) for e in errors),
            found=tuple(bool(e["found"]) for e in errors),
            predictions=tuple(
                Prediction(p["start"], p["end"], p["category"], p["score"], tuple(p.get("suggestions", ())))
                for p in preds
            ),
            hit=tuple(bool(p["hit"]) for p in preds),
            fix_ranks=tuple(int(e.get("fix_rank", 0)) for e in errors),
        )


@dataclass(frozen=True, slots=True)
class Metrics:
    """Counts, rates and 95% bootstrap intervals over a set of paragraphs."""

    items: int
    tp: int
    fp: int
    fn: int
    recall: float
    precision: float
    f05: float
    recall_ci: tuple[float, float]
    precision_ci: tuple[float, float]
    f05_ci: tuple[float, float]

    def to_json(self) -> dict:
        return {
            "items": self.items,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "recall": self.recall,
            "precision": self.precision,
            "f05": self.f05,
            "recall_ci": list(self.recall_ci),
            "precision_ci": list(self.precision_ci),
            "f05_ci": list(self.f05_ci),
        }

    @classmethod
    def from_json(cls, obj: dict) -> Metrics:
        ints = {k: int(obj[k]) for k in ("items", "tp", "fp", "fn")}
        floats = {k: float(obj[k]) for k in ("recall", "precision", "f05")}
        cis = {k: (float(obj[k][0]), float(obj[k][1])) for k in ("recall_ci", "precision_ci", "f05_ci")}
        return cls(**ints, **floats, **cis)


def aggregate(items: Sequence[ItemResult], *, n_resamples: int = 1000, seed: int = 0) -> Metrics:
    """Pool the paragraphs' counts; intervals resample whole paragraphs."""
    counts = np.array([(i.score.tp, i.score.fp, i.score.fn) for i in items], dtype=np.int64).reshape(-1, 3)
    tp, fp, fn = (int(x) for x in counts.sum(axis=0))
    recall, precision, f05 = (float(x) for x in rates(tp, fp, fn))
    ci = bootstrap_intervals(counts[:, 0], counts[:, 1], counts[:, 2], n_resamples=n_resamples, seed=seed)
    return Metrics(len(items), tp, fp, fn, recall, precision, f05, ci.recall, ci.precision, ci.f05)


@dataclass
class EvalResult:
    """Everything one eval run measured, with what it was measured on."""

    data_path: str
    data_sha256: str
    model_version: str
    overall: Metrics
    categories: dict[str, Metrics]
    items: list[ItemResult]
    seed: int = 0
    n_resamples: int = 1000
    date: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    #: Suggestion accuracy over the found errors, by paragraph category and overall ("overall").
    suggestions: dict[str, SuggestionAccuracy] = field(default_factory=dict)
    #: Mean words (whitespace-separated pieces) per flag, for the length guard.
    words_per_flag: float = 0.0

    def to_json(self) -> dict:
        return {
            "data": {"path": self.data_path, "sha256": self.data_sha256},
            "model_version": self.model_version,
            "date": self.date,
            "bootstrap": {"resamples": self.n_resamples, "seed": self.seed, "confidence": 0.95},
            "overall": self.overall.to_json(),
            "categories": {k: m.to_json() for k, m in self.categories.items()},
            "suggestions": {k: a.to_json() for k, a in self.suggestions.items()},
            "words_per_flag": self.words_per_flag,
            "items": [i.to_json() for i in self.items],
        }

    @classmethod
    def from_json(cls, obj: dict) -> EvalResult:
        """Rebuild a saved result; raises KeyError, TypeError or ValueError on a foreign file."""
        return cls(
            data_path=obj["data"]["path"],
            data_sha256=obj["data"]["sha256"],
            model_version=obj["model_version"],
            overall=Metrics.from_json(obj["overall"]),
            categories={k: Metrics.from_json(m) for k, m in obj["categories"].items()},
            items=[ItemResult.from_json(i) for i in obj["items"]],
            seed=int(obj["bootstrap"]["seed"]),
            n_resamples=int(obj["bootstrap"]["resamples"]),
            date=obj["date"],
            suggestions={k: SuggestionAccuracy.from_json(a) for k, a in obj.get("suggestions", {}).items()},
            words_per_flag=float(obj.get("words_per_flag", 0.0)),
        )


def evaluate_predictions(
    items: Sequence[EvalItem],
    predictions: Mapping[str, Sequence[Prediction]],
    *,
    model_version: str,
    data_path: str = "",
    data_sha256: str = "",
    n_resamples: int = 1000,
    seed: int = 0,
) -> EvalResult:
    """Score flags (by item id; a missing id means no flags) against the gold errors.

    Raises ValueError for a flag past the end of its paragraph: the flags were made on
    other text, and scoring them would be meaningless.
    """
    results = []
    for item in items:
        preds = tuple(predictions.get(item.id, ()))
        for p in preds:
            if p.end > len(item.text):
                raise ValueError(
                    f"a flag at [{p.start}, {p.end}) runs past the end of item {item.id!r} "
                    f"({len(item.text)} characters): were the flags made on other text?"
                )
        s = score_item([(e.start, e.end) for e in item.errors], [(p.start, p.end) for p in preds], item.text)
        ranks = tuple(fix_rank(item.text, item.errors, k, preds) for k in range(len(item.errors)))
        results.append(ItemResult(item.id, item.category, item.errors, s.found, preds, s.hit, ranks))
    by_category: dict[str, list[ItemResult]] = {}
    for r in results:
        by_category.setdefault(r.category, []).append(r)
    suggestions = {
        c: accuracy([f for r in rs for f in r.found], [k for r in rs for k in r.fix_ranks])
        for c, rs in [*by_category.items(), ("overall", results)]
    }
    return EvalResult(
        data_path=data_path,
        data_sha256=data_sha256,
        model_version=model_version,
        overall=aggregate(results, n_resamples=n_resamples, seed=seed),
        categories={c: aggregate(rs, n_resamples=n_resamples, seed=seed) for c, rs in by_category.items()},
        items=results,
        seed=seed,
        n_resamples=n_resamples,
        suggestions=suggestions,
        words_per_flag=words_per_flag(results, {item.id: item.text for item in items}),
    )


def run_eval(
    items: Sequence[EvalItem],
    detector: Detector,
    *,
    track: Callable[[Sequence[EvalItem]], Iterable[EvalItem]] = iter,
    **options,
) -> EvalResult:
    """Run `detector` over every item and score it; `options` go to `evaluate_predictions`.

    `track` wraps the loop, so a front end can show progress without the core knowing.
    """
    predictions = {
        item.id: [Prediction.from_issue(i) for i in detector.detect(item.text)]
        for item in track(items)
    }
    return evaluate_predictions(items, predictions, model_version=detector.version, **options)
