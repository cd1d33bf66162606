"""Suggestion accuracy in the eval: judged by the repaired paragraph, whatever the span."""

import json

from galleyproof.evals.data import EvalItem, GoldError, Prediction, load_predictions
from galleyproof.evals.scoring import EvalResult, evaluate_predictions
from galleyproof.evals.suggestions import accuracy, fix_rank

TEXT = "He saw a an man and the the dog."
EXTRA = GoldError(7, 15, "a an man", "a man")
REPEAT = GoldError(20, 27, "the the", "the")


def test_same_repair_through_another_span_counts():
    errors = [EXTRA]
    assert fix_rank(TEXT, errors, 0, [Prediction(9, 12, "grammar", 1.0, ("",))]) == 1  # "an " dropped
    assert fix_rank(TEXT, errors, 0, [Prediction(7, 15, "grammar", 1.0, ("the man", "a man"))]) == 2
    assert fix_rank(TEXT, errors, 0, [Prediction(9, 11, "grammar", 1.0, ("a",))]) == 0  # "a a man"


def test_flags_off_the_error_or_without_suggestions_do_not_count():
    assert fix_rank(TEXT, [EXTRA], 0, [Prediction(0, 2, "grammar", 1.0, ("It",))]) == 0
    assert fix_rank(TEXT, [EXTRA], 0, [Prediction(9, 11)]) == 0


def test_best_rank_over_several_flags():
    preds = [Prediction(6, 8, "grammar", 1.0, ("x", "y", "z")), Prediction(9, 12, "grammar", 1.0, ("x", ""))]
    assert fix_rank(TEXT, [EXTRA], 0, preds) == 2


def test_a_flag_over_two_errors_must_fix_both():
    errors = [EXTRA, REPEAT]
    both = Prediction(7, 27, "grammar", 1.0, ("a man and the", "a man and the the"))
    assert fix_rank(TEXT, errors, 0, [both]) == 1 and fix_rank(TEXT, errors, 1, [both]) == 1


def test_a_stray_space_in_the_gold_correction_is_not_held_against_a_fix():
    text = "It held the histories the first men."
    gold = [GoldError(12, 25, "histories the", "histories of the ")]
    assert fix_rank(text, gold, 0, [Prediction(12, 25, "grammar", 1.0, ("histories of the",))]) == 1


def test_spacing_errors_are_judged_exactly():
    text = "It was  cold."
    gold = [GoldError(3, 12, "was  cold", "was cold")]
    assert fix_rank(text, gold, 0, [Prediction(6, 8, "whitespace", 1.0, ("  ", " "))]) == 2


def test_accuracy_counts_found_errors_only():
    a = accuracy([True, True, True, False], [1, 3, 0, 1])
    assert (a.found, a.top1, a.top3) == (3, 1, 2)
    assert round(a.top1_rate, 3) == 0.333 and round(a.top3_rate, 3) == 0.667


def test_evaluate_predictions_reports_accuracy_by_category_and_round_trips():
    items = [
        EvalItem("g-1", "grammar", TEXT, (EXTRA, REPEAT)),
        EvalItem("s-1", "spelling", "I saw teh cat.", (GoldError(6, 9, "teh", "the"),)),
    ]
    preds = {
        "g-1": [Prediction(9, 12, "grammar", 0.9, ("",)), Prediction(20, 27, "grammar", 0.9, ("to", "x", "the"))],
        "s-1": [Prediction(6, 9, "spelling", 0.8, ("ten", "the"))],
    }
    r = evaluate_predictions(items, preds, model_version="m", n_resamples=20)
    assert r.items[0].fix_ranks == (1, 3)
    g, s, overall = r.suggestions["grammar"], r.suggestions["spelling"], r.suggestions["overall"]
    assert (g.found, g.top1, g.top3) == (2, 1, 2)
    assert (s.found, s.top1, s.top3) == (1, 0, 1)
    assert (overall.found, overall.top1, overall.top3) == (3, 1, 3)
    assert EvalResult.from_json(json.loads(json.dumps(r.to_json()))) == r


def test_check_json_carries_suggestions_into_predictions(tmp_path):
    p = tmp_path / "check.json"
    issue = {"start": 6, "end": 9, "category": "spelling", "message": "m", "suggestions": ["the", "ten"],
             "score": 0.8, "suggestion_scores": [0.7, 0.2]}
    p.write_text(json.dumps({"file": "items/s-1.txt", "issues": [issue]}))
    assert load_predictions(p) == {"s-1": [Prediction(6, 9, "spelling", 0.8, ("the", "ten"))]}


def test_eval_cli_prints_and_saves_suggestion_accuracy(tmp_path):
    import typer
    from typer.testing import CliRunner

    from galleyproof.cli.evaluate import evaluate

    data = tmp_path / "e.jsonl"
    data.write_text(json.dumps({"id": "s-1", "category": "spelling", "text": "I saw teh cat.",
                                "errors": [{"start": 6, "end": 9, "wrong": "teh", "correct": "the"}]}) + "\n")
    check = tmp_path / "check.json"
    check.write_text(json.dumps({"file": "s-1.txt", "issues": [
        {"start": 6, "end": 9, "category": "spelling", "suggestions": ["ten", "the"]}]}))
    app = typer.Typer()
    app.command()(evaluate)
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["--data", str(data), "--predictions", str(check), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "top-1" in result.stdout and "top-3" in result.stdout
    saved = json.loads(out.read_text())
    assert saved["suggestions"]["overall"] == {"found": 1, "top1": 0, "top3": 1, "top1_rate": 0.0, "top3_rate": 1.0}
    assert saved["items"][0]["predictions"][0]["suggestions"] == ["ten", "the"]
