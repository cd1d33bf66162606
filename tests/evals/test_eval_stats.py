"""Bootstrap intervals and McNemar's test against worked examples."""

from math import comb

import numpy as np
import pytest

from galleyproof.evals.stats import bootstrap_intervals, mcnemar, rates


def test_rates_with_zero_denominators_are_zero():
    r, p, f = rates([0, 3, 2], [0, 0, 1], [0, 1, 3])
    assert r.tolist() == [0.0, 0.75, 0.4]
    assert p.tolist() == [0.0, 1.0, 2 / 3]
    assert f[0] == 0.0 and f[1] == pytest.approx(1.25 * 0.75 / (0.25 + 0.75))


def test_identical_paragraphs_give_zero_width_intervals():
    ci = bootstrap_intervals([2] * 8, [1] * 8, [3] * 8, n_resamples=200)
    r, p, f = (float(x) for x in rates(2, 1, 3))
    for (lo, hi), point in ((ci.recall, r), (ci.precision, p), (ci.f05, f)):
        assert lo == pytest.approx(point) and hi == pytest.approx(point)


def test_interval_contains_point_estimate_and_is_reproducible():
    rng = np.random.default_rng(7)
    tp, fp, fn = rng.integers(0, 10, 40), rng.integers(0, 10, 40), rng.integers(0, 10, 40)
    ci = bootstrap_intervals(tp, fp, fn, seed=3)
    r, p, f = (float(x) for x in rates(tp.sum(), fp.sum(), fn.sum()))
    assert ci.recall[0] < r < ci.recall[1]
    assert ci.precision[0] < p < ci.precision[1]
    assert ci.f05[0] < f < ci.f05[1]
    assert bootstrap_intervals(tp, fp, fn, seed=3) == ci
    assert bootstrap_intervals(tp, fp, fn, seed=4) != ci


def test_mcnemar_worked_examples():
    # b=10, c=2: P(X <= 2) for X ~ Binomial(12, 1/2) is (1 + 12 + 66) / 4096; two-sided doubles it.
    t = mcnemar(10, 2)
    assert (1 + 12 + 66) == sum(comb(12, k) for k in range(3))
    assert t.p_value == pytest.approx(158 / 4096) and round(t.p_value, 4) == 0.0386
    assert t.chi2 == pytest.approx(49 / 12)  # (|10 - 2| - 1)² / 12
    assert mcnemar(2, 10).p_value == t.p_value
    assert mcnemar(0, 5).p_value == pytest.approx(2 / 32)
    assert mcnemar(1, 6).p_value == pytest.approx(2 * 8 / 128)


def test_mcnemar_no_difference_gives_p_one():
    assert mcnemar(5, 5).p_value == 1.0
    assert mcnemar(0, 0).p_value == 1.0 and mcnemar(0, 0).chi2 == 0.0
