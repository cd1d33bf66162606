"""`galleyproof eval` end to end on tiny files: predictions, comparison, clean text, refusals."""

import json

import pytest
import typer
from typer.testing import CliRunner

import galleyproof.proofreader
from galleyproof.cli.evaluate import evaluate
from galleyproof.issues import Issue

app = typer.Typer()
app.command()(evaluate)
runner = CliRunner()

ITEMS = [
    {"id": "sp-1", "category": "spelling", "source": "T", "chapter": "1", "text": "I saw teh cat and a dgo.",
     "errors": [{"start": 6, "end": 9, "wrong": "teh", "correct": "the"},
                {"start": 20, "end": 23, "wrong": "dgo", "correct": "dog"}]},
    {"id": "gr-1", "category": "grammar", "source": "T", "chapter": "2", "text": "She go home.",
     "errors": [{"start": 0, "end": 6, "wrong": "She go", "correct": "She goes"}]},
]


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def data(tmp_path):
    p = tmp_path / "eval.jsonl"
    p.write_text("".join(json.dumps(i) + "\n" for i in ITEMS), encoding="utf-8")
    return p


def check_json(tmp_path, name, by_file):
    p = tmp_path / name
    p.write_text(json.dumps([{"file": f"items/{f}.txt", "issues": [{"start": s, "end": e} for s, e in spans]}
                             for f, spans in by_file.items()]))
    return p


def test_scores_check_output(tmp_path, data):
    # sp-1: "teh" found, "dgo" missed, "cat" a false alarm; gr-1 absent: no flags.
    preds = check_json(tmp_path, "check.json", {"sp-1": [(6, 9), (10, 13)], "other": [(0, 1)]})
    result = run("--data", data, "--predictions", preds, "--json", tmp_path / "out.json")
    assert result.exit_code == 0, result.output
    assert "overall" in result.stdout and "spelling" in result.stdout
    assert "1 predicted files match no item" in result.stderr
    out = json.loads((tmp_path / "out.json").read_text())
    assert out["data"]["path"] == str(data) and len(out["data"]["sha256"]) == 64
    assert {k: out["overall"][k] for k in ("tp", "fp", "fn")} == {"tp": 1, "fp": 1, "fn": 2}
    assert out["categories"]["grammar"]["recall"] == 0.0
    assert [e["found"] for e in out["items"][0]["errors"]] == [True, False]
    assert [p["hit"] for p in out["items"][0]["predictions"]] == [True, False]
    assert out["model_version"] == f"predictions from {preds}" and out["date"]


def test_single_object_from_check_on_one_file(tmp_path, data):
    preds = tmp_path / "one.json"
    preds.write_text(json.dumps({"file": "gr-1.txt", "issues": [{"start": 4, "end": 6, "category": "grammar"}]}))
    result = run("--data", data, "--predictions", preds, "--json", tmp_path / "out.json")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "out.json").read_text())["categories"]["grammar"]["tp"] == 1


def test_clean_files_take_flags_by_name_from_predictions(tmp_path):
    prose = tmp_path / "novel.txt"
    prose.write_text("One two three four.", encoding="utf-8")
    preds = check_json(tmp_path, "c.json", {"novel": [(4, 7)]})
    result = run("--clean", prose, "--predictions", preds, "--json", tmp_path / "out.json")
    assert result.exit_code == 0, result.output
    clean = json.loads((tmp_path / "out.json").read_text())["clean"]
    assert (clean["words"], clean["flags"], clean["per_1000_words"]) == (4, 1, 250.0)
    assert clean["top"][0]["text"] == "two"


def test_write_texts_gives_files_named_by_id(tmp_path, data):
    result = run("--data", data, "--write-texts", tmp_path / "items")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "items" / "sp-1.txt").read_text() == ITEMS[0]["text"]


def test_compare_pairs_gold_errors(tmp_path, data):
    old = check_json(tmp_path, "old.json", {"sp-1": [(20, 23)]})
    new = check_json(tmp_path, "new.json", {"sp-1": [(6, 9)], "gr-1": [(0, 2)]})
    assert run("--data", data, "--predictions", old, "--json", tmp_path / "old-result.json").exit_code == 0
    result = run("--data", data, "--predictions", new, "--compare", tmp_path / "old-result.json",
                 "--json", tmp_path / "new-result.json")
    assert result.exit_code == 0, result.output
    assert "McNemar" in result.stdout
    cmp = json.loads((tmp_path / "new-result.json").read_text())["comparison"]
    assert (cmp["mcnemar"]["b"], cmp["mcnemar"]["c"]) == (2, 1)  # teh, She go / dgo
    assert {(f["item_id"], f["wrong"], f["found_by_this"]) for f in cmp["flips"]} == {
        ("sp-1", "teh", True), ("gr-1", "She go", True), ("sp-1", "dgo", False)}
    assert cmp["overall_delta"]["tp"] == 1


def test_compare_pairs_two_gold_errors_on_one_span(tmp_path):
    """The real-error sets mark some spans twice (two corrections of the same words)."""
    item = {"id": "r-1", "category": "real", "source": "T", "text": "He go home yesterday.",
            "errors": [{"start": 0, "end": 5, "wrong": "He go", "correct": "He goes"},
                       {"start": 0, "end": 5, "wrong": "He go", "correct": "He went"},
                       {"start": 11, "end": 20, "wrong": "yesterday", "correct": "today"}]}
    data = tmp_path / "real.jsonl"
    data.write_text(json.dumps(item) + "\n", encoding="utf-8")
    old = check_json(tmp_path, "old.json", {"r-1": [(11, 20)]})
    new = check_json(tmp_path, "new.json", {"r-1": [(0, 2)]})
    assert run("--data", data, "--predictions", old, "--json", tmp_path / "old-result.json").exit_code == 0
    result = run("--data", data, "--predictions", new, "--compare", tmp_path / "old-result.json",
                 "--json", tmp_path / "new-result.json")
    assert result.exit_code == 0, result.output
    cmp = json.loads((tmp_path / "new-result.json").read_text())["comparison"]
    assert (cmp["mcnemar"]["b"], cmp["mcnemar"]["c"]) == (2, 1)


def test_compare_refuses_results_on_other_data(tmp_path, data):
    preds = check_json(tmp_path, "c.json", {})
    assert run("--data", data, "--predictions", preds, "--json", tmp_path / "r.json").exit_code == 0
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps(ITEMS[0]) + "\n", encoding="utf-8")
    result = run("--data", other, "--predictions", preds, "--compare", tmp_path / "r.json")
    assert result.exit_code == 2
    assert "different data" in result.stderr and "Traceback" not in result.output


class FakeDetector:
    version = "fake-2"

    def detect(self, text):
        return [Issue(i, i + 3, "spelling", "typo") for i in range(len(text)) if text.startswith("teh", i)]


def test_runs_the_default_detector_and_reports_clean_text(tmp_path, data, monkeypatch):
    monkeypatch.setattr(galleyproof.proofreader, "load_default", lambda **_: FakeDetector())
    prose = tmp_path / "prose.txt"
    prose.write_text("It was teh best of times, it was teh worst of times.", encoding="utf-8")
    result = run("--data", data, "--clean", prose, "--json", tmp_path / "out.json")
    assert result.exit_code == 0, result.output
    assert "'teh'" in result.stdout
    out = json.loads((tmp_path / "out.json").read_text())
    assert out["model_version"] == "fake-2" and out["overall"]["tp"] == 1
    assert (out["clean"]["words"], out["clean"]["flags"]) == (12, 2)
    assert out["clean"]["top"] == [{"text": "teh", "category": "spelling", "count": 2}]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--data", "missing.jsonl"], "missing.jsonl: no such file"),
        ([], "nothing to score"),
        (["--clean", "x.txt", "--compare", "r.json"], "need --data"),
    ],
)
def test_usage_and_input_errors_exit_2_with_one_line(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert isinstance(result.exception, SystemExit)


def test_bad_json_line_is_named(tmp_path, data):
    data.write_text(data.read_text() + "{not json\n", encoding="utf-8")
    result = run("--data", data, "--predictions", check_json(tmp_path, "c.json", {}))
    assert result.exit_code == 2
    assert f"{data}: line 3: not valid JSON" in result.stderr


def test_a_model_folder_is_scored_as_trained_without_the_writers_filter(tmp_path, data):
    from pathlib import Path

    import galleyproof
    from galleyproof.feedback.store import FeedbackStore

    folder = Path(galleyproof.__file__).parent / "models" / "default"
    with FeedbackStore() as store:
        store.add_words(["teh"])  # under the writer's filter "teh" is never flagged
    result = run("--data", data, "--model", folder, "--json", tmp_path / "out.json")
    assert result.exit_code == 0, result.output
    out = json.loads((tmp_path / "out.json").read_text())
    version = json.loads((folder / "config.json").read_text())["version"]
    assert out["model_version"] == f"{version} (thorough)"  # the default sensitivity, without the filter
    teh = [f for item in out["items"] if item["id"] == "sp-1" for f in item["predictions"]
           if f["start"] <= 6 and f["end"] >= 9]
    assert teh, out["items"]


def test_a_model_folder_that_is_not_one_exits_2(tmp_path, data):
    result = run("--data", data, "--model", tmp_path)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    result = run("--data", data, "--model", tmp_path, "--predictions", tmp_path / "c.json")
    assert result.exit_code == 2 and "exclude each other" in result.stderr


def test_a_model_folder_is_scored_at_the_sensitivity_asked_for(tmp_path, data):
    from pathlib import Path

    import galleyproof

    folder = Path(galleyproof.__file__).parent / "models" / "default"
    runs = {}
    for sensitivity in ("precise", "thorough"):
        result = run("--data", data, "--model", folder, "--sensitivity", sensitivity, "--json", tmp_path / "o.json")
        assert result.exit_code == 0, result.output
        runs[sensitivity] = json.loads((tmp_path / "o.json").read_text())
    assert runs["thorough"]["model_version"].endswith(" (thorough)")
    assert runs["precise"]["model_version"] == runs["thorough"]["model_version"].replace("thorough", "precise")
    flags = {s: sum(len(i["predictions"]) for i in out["items"]) for s, out in runs.items()}
    assert flags["thorough"] >= flags["precise"]
    # A slip only thorough finds: precise, asked for, must not be scored at the default.
    lamps = "The lamps are the most common bulbs in the house and has a great fit with the old sockets."
    has = lamps.index(" has") + 1
    one = tmp_path / "lamps.jsonl"
    one.write_text(json.dumps({"id": "gr-2", "category": "grammar", "source": "T", "chapter": "1", "text": lamps,
                               "errors": [{"start": has, "end": has + 3, "wrong": "has", "correct": "have"}]}) + "\n",
                   encoding="utf-8")
    found = {}
    for sensitivity in ("precise", "thorough"):
        assert run("--data", one, "--model", folder, "--sensitivity", sensitivity, "--json", tmp_path / "l.json").exit_code == 0
        found[sensitivity] = json.loads((tmp_path / "l.json").read_text())["overall"]["tp"]
    assert found == {"precise": 0, "thorough": 1}
    result = run("--data", data, "--model", folder, "--sensitivity", "loud")
    assert result.exit_code == 2 and "unknown sensitivity 'loud'" in result.stderr
