"""The reliability table and ECE on hand-made flags, scored by the task's rule (length guard included)."""

import pytest

from galleyproof.evals.data import EvalItem, GoldError, Prediction
from galleyproof.evals.reliability import by_category, reliability
from galleyproof.evals.scoring import evaluate_predictions

TEN = "one two three four five six seven eight nine ten"
ITEMS = [
    EvalItem("a", "cweb", TEN, (GoldError(4, 7, "two", "too"),)),
    EvalItem("b", "cweb", "a b c d", (GoldError(4, 5, "c", "see"),)),
    EvalItem("c", "clean", "x y", ()),
]
FLAGS = {
    "a": [
        Prediction(4, 7, "spelling", 0.95),  # on the error: hit
        Prediction(0, len(TEN), "grammar", 0.995),  # overlaps it but 9 words too long: miss
        Prediction(8, 13, "spelling", 0.3),  # next to it: miss
    ],
    "b": [
        Prediction(4, 5, "spelling", 0.5),  # hit; 0.5 opens the second bucket
        Prediction(0, 1, "style", 1.0),  # miss; 1.0 is in the last, closed bucket
        Prediction(6, 7, "spelling", None),  # no score: counted apart
    ],
    "c": [Prediction(0, 1, "grammar", 0.85)],  # on a clean sentence: miss
}


@pytest.fixture(scope="module")
def result():
    return evaluate_predictions(ITEMS, FLAGS, model_version="test", n_resamples=10)


def test_reliability_table_and_ece(result):
    rel = reliability(result.items)
    table = [(b.lo, b.hi, b.flags, b.hits) for b in rel.buckets]
    assert table == [
        (0.0, 0.5, 1, 0),
        (0.5, 0.7, 1, 1),
        (0.7, 0.8, 0, 0),
        (0.8, 0.9, 1, 0),
        (0.9, 0.95, 0, 0),
        (0.95, 0.99, 1, 1),
        (0.99, 1.0, 2, 0),
    ]
    means = [b.mean_score for b in rel.buckets]
    assert means == pytest.approx([0.3, 0.5, None, 0.85, None, 0.95, 0.9975])
    assert [b.hit_share for b in rel.buckets] == [0.0, 1.0, None, 0.0, None, 1.0, 0.0]
    assert (rel.flags, rel.unscored) == (6, 1)
    # (0.3 + 0.5 + 0.85 + 0.05 + 2 * 0.9975) / 6
    assert rel.ece == pytest.approx(3.695 / 6)
    assert rel.to_json()["buckets"][2] == {"lo": 0.7, "hi": 0.8, "flags": 0, "hits": 0,
                                          "mean_score": None, "hit_share": None}


def test_by_category(result):
    lines = [(c.category, c.flags, c.hits) for c in by_category(result.items)]
    assert lines == [("spelling", 3, 2), ("grammar", 2, 0), ("style", 1, 0)]
    spelling, grammar, style = by_category(result.items)
    assert spelling.mean_score == pytest.approx((0.95 + 0.3 + 0.5) / 3)
    assert spelling.hit_share == pytest.approx(2 / 3)
    assert grammar.mean_score == pytest.approx((0.995 + 0.85) / 2)
    assert (style.mean_score, style.hit_share) == (1.0, 0.0)


def test_perfectly_calibrated_and_empty():
    items = [EvalItem("a", "x", "a b", (GoldError(0, 1, "a", "A"),))]
    res = evaluate_predictions(items, {"a": [Prediction(0, 1, "c", 1.0), Prediction(2, 3, "c", 0.0)]},
                               model_version="t", n_resamples=10)
    assert reliability(res.items, edges=(0.0, 0.5, 1.0)).ece == 0.0
    empty = reliability(evaluate_predictions(items, {}, model_version="t", n_resamples=10).items)
    assert (empty.flags, empty.ece) == (0, 0.0)
    with pytest.raises(ValueError):
        reliability(res.items, edges=(0.5,))
    with pytest.raises(ValueError):
        reliability(res.items, edges=(0.0, 0.5, 0.5))
