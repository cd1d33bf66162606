"""The task's overlap rule on hand-made cases, against an independent scorer, and aggregated."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from galleyproof.evals.data import EvalItem, GoldError, Prediction
from galleyproof.evals.scoring import EvalResult, evaluate_predictions, run_eval, score_item
from galleyproof.issues import Issue


def counts(gold, pred):
    s = score_item(gold, pred)
    return s.tp, s.fp, s.fn


def test_touching_spans_do_not_overlap():
    assert counts([(0, 5)], [(5, 8)]) == (0, 1, 1)
    assert counts([(5, 8)], [(0, 5)]) == (0, 1, 1)


def test_one_shared_character_overlaps():
    assert counts([(4, 6)], [(5, 8)]) == (1, 0, 0)
    assert counts([(5, 8)], [(4, 6)]) == (1, 0, 0)


def test_several_flags_on_one_error_are_one_tp_and_no_fp():
    assert counts([(10, 20)], [(10, 12), (15, 16), (19, 25)]) == (1, 0, 0)


def test_flag_on_nothing_is_fp_and_unflagged_error_is_fn():
    assert counts([(0, 3)], [(10, 12)]) == (0, 1, 1)
    assert counts([], [(1, 2)]) == (0, 1, 0)
    assert counts([(1, 2)], []) == (0, 0, 1)
    assert counts([], []) == (0, 0, 0)


def test_one_flag_spanning_two_errors_finds_both():
    s = score_item([(0, 3), (6, 9)], [(2, 7)])
    assert (s.tp, s.fp, s.fn) == (2, 0, 0)
    assert s.found == (True, True) and s.hit == (True,)


def reference(gold, pred):
    """Written apart from the package: overlap as a shared character position."""
    found = [False] * len(gold)
    hit = [False] * len(pred)
    for i, (gs, ge) in enumerate(gold):
        for j, (ps, pe) in enumerate(pred):
            if set(range(gs, ge)) & set(range(ps, pe)):
                found[i] = hit[j] = True
    return sum(found), hit.count(False), found.count(False)


span = st.tuples(st.integers(0, 40), st.integers(1, 10)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(span, max_size=6), st.lists(span, max_size=8))
def test_matches_independent_scorer(gold, pred):
    assert counts(gold, pred) == reference(gold, pred)


def item(id_, category, text, *spans):
    return EvalItem(id_, category, text, tuple(GoldError(s, e, text[s:e], "x") for s, e in spans))


ITEMS = [
    item("s1", "spelling", "teh cat sat on teh mat", (0, 3), (15, 18)),
    item("s2", "spelling", "a dgo barked", (2, 5)),
    item("p1", "punctuation", "Yes.. no", (3, 5)),
]


def test_aggregates_per_category_and_overall():
    preds = {
        "s1": [Prediction(0, 3), Prediction(8, 11)],  # 1 TP, 1 FP, 1 FN
        "s2": [Prediction(2, 5, "spelling", 0.9)],  # 1 TP
        # p1 has no entry: no flags, 1 FN
    }
    r = evaluate_predictions(ITEMS, preds, model_version="m", n_resamples=50)
    sp, pu = r.categories["spelling"], r.categories["punctuation"]
    assert (sp.items, sp.tp, sp.fp, sp.fn) == (2, 2, 1, 1)
    assert (pu.items, pu.tp, pu.fp, pu.fn) == (1, 0, 0, 1)
    assert (pu.recall, pu.precision, pu.f05) == (0.0, 0.0, 0.0)  # no flags: precision 0 by definition
    o = r.overall
    assert (o.tp, o.fp, o.fn) == (2, 1, 2)
    assert o.recall == 0.5 and o.precision == 2 / 3
    assert abs(o.f05 - 1.25 * (2 / 3) * 0.5 / (0.25 * (2 / 3) + 0.5)) < 1e-12
    assert r.items[0].found == (True, False) and r.items[0].hit == (True, False)


def test_flag_past_the_text_is_refused():
    with pytest.raises(ValueError, match="past the end"):
        evaluate_predictions(ITEMS, {"p1": [Prediction(5, 99)]}, model_version="m")


class FakeDetector:
    version = "fake-1"

    def detect(self, text):
        return [Issue(i, i + 3, "spelling", "typo") for i in range(len(text)) if text.startswith("teh", i)]


def test_run_eval_takes_any_detector_and_round_trips_json():
    r = run_eval(ITEMS, FakeDetector(), n_resamples=50, data_path="d.jsonl", data_sha256="abc")
    assert r.model_version == "fake-1"
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (2, 0, 2)
    assert r.items[0].predictions[0] == Prediction(0, 3, "spelling", 1.0)
    assert EvalResult.from_json(r.to_json()) == r


def test_length_guard_flag_at_most_four_words_longer_finds_the_error():
    text = "one two three four five six seven eight nine ten"
    gold = [(4, 7)]  # "two"
    ok = (0, len("one two three four five"))  # 5 words: 4 more than the error's 1
    too_long = (0, len("one two three four five six"))  # 6 words
    s = score_item(gold, [ok], text)
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)
    s = score_item(gold, [too_long], text)
    assert (s.tp, s.fp, s.fn) == (0, 1, 1)
    # Without the text, the bare overlap rule.
    assert score_item(gold, [too_long]).tp == 1


def test_length_guard_whole_paragraph_flag_finds_nothing():
    text = "a b c d e f g h i j k l"
    s = score_item([(0, 1), (22, 23)], [(0, len(text))], text)
    assert (s.tp, s.fp, s.fn) == (0, 1, 2)


def test_zero_width_gold_is_widened_to_one_character():
    text = "I went the shop."
    assert score_item([(7, 7)], [(7, 10)], text).tp == 1  # the flag on "the" covers the gap
    assert score_item([(7, 7)], [(2, 6)], text).tp == 0
    assert score_item([(16, 16)], [(15, 16)], text).tp == 1  # at the very end


def test_words_per_flag_is_reported():
    item = EvalItem("a", "x", "one two three four", (GoldError(0, 3, "one", "1"),))
    r = evaluate_predictions([item], {"a": [Prediction(0, 7), Prediction(8, 13)]}, model_version="t")
    assert r.words_per_flag == 1.5
    assert EvalResult.from_json(r.to_json()).words_per_flag == 1.5
