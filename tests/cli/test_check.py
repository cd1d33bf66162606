import json
import re

import pytest
from typer.testing import CliRunner

from galleyproof import proofreader, runlog
from galleyproof.cli.main import app
from galleyproof.issues import Issue

runner = CliRunner()


class FakeDetector:
    """Flags "teh" and nothing else: these tests are about the command, not about detection."""

    version = "fake-1"

    def detect(self, text):
        return [
            Issue(m.start(), m.end(), "spelling", "Unknown word.", ("the",), 0.97)
            for m in re.finditer(r"\bteh\b", text)
        ]


class LoudDetector:
    """Flags every word, to tell which detector `GALLEYPROOF_DETECTOR` chose."""

    version = "loud-1"

    def detect(self, text):
        return [Issue(m.start(), m.end(), "grammar", "Loud.") for m in re.finditer(r"\w+", text)]


@pytest.fixture(autouse=True)
def fake_detector(monkeypatch):
    monkeypatch.setattr(proofreader, "load_default", lambda **_: FakeDetector())


def run(*args):
    return runner.invoke(app, list(args))


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_bytes("\ufeffIt was a dark night.\r\nShe walked into teh house.\r\n".encode())
    return p


def test_json_offsets_index_the_file_as_read(draft):
    result = run("check", "--format", "json", str(draft))
    assert result.exit_code == 1, result.output
    payload = json.loads(result.stdout)
    text = open(draft, encoding="utf-8", newline="").read()
    assert payload["schema_version"] == 1
    (entry,) = payload["files"]
    assert entry["file"] == str(draft) and entry["format"] == "text" and entry["error"] is None
    (issue,) = entry["issues"]
    assert text[issue["start"] : issue["end"]] == "teh"
    assert (issue["line"], issue["column"]) == (2, 17)
    assert set(issue) == {"start", "end", "line", "column", "category", "rule", "message", "suggestions", "score",
                          "suggestion_scores"}


def test_spans_format_and_many_files(draft, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("It was a dark night.\n", encoding="utf-8")
    result = run("check", "--format", "spans", str(draft), str(clean))
    assert result.exit_code == 1
    spans = json.loads(result.stdout)
    assert len(spans) == 2 and spans[1] == []
    assert spans[0] == [[39, 42]]
    many = json.loads(run("check", "--format", "json", str(draft), str(clean)).stdout)
    assert [f["file"] for f in many["files"]] == [str(draft), str(clean)]


def test_clean_and_empty_files_exit_zero(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("check", str(empty))
    assert result.exit_code == 0
    assert "no issues" in result.stdout


def test_text_view_shows_position_category_and_suggestion(draft):
    result = run("check", "--no-color", str(draft))
    assert result.exit_code == 1
    assert f"{draft}:2:17" in result.stdout
    assert "spelling" in result.stdout and "the" in result.stdout


@pytest.mark.parametrize(
    "content, reason",
    [(None, "no such file"), (b"ok \xc3\x28 bad", "not valid UTF-8"), (b"\x00\x01\x02", "binary")],
)
def test_bad_input_exits_2_with_one_line(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    if content is not None:
        p.write_bytes(content)
    result = run("check", str(p))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(p) in lines[0] and reason in lines[0]
    assert "Traceback" not in result.output


def test_a_folder_with_no_manuscript_files_exits_2(tmp_path):
    result = run("check", str(tmp_path))
    assert result.exit_code == 2 and "no manuscript files" in result.stderr


def test_each_check_appends_to_the_run_log_and_stats_summarises(draft):
    run("check", str(draft))
    run("check", "--format", "json", str(draft))
    records = runlog.read()
    assert len(records) == 2
    assert records[0].issues == {"spelling": 1} and records[0].characters == len(
        open(draft, encoding="utf-8", newline="").read()
    )
    result = run("stats")
    assert result.exit_code == 0 and "fake-1" in result.stdout


def test_piped_text_view_has_no_escape_codes_and_marks_spans_with_carets(draft):
    out = run("check", str(draft)).stdout
    assert "\x1b[" not in out
    row, marks = out.splitlines()[1:3]
    assert row == "2 │ She walked into teh house."
    assert marks.index("^^^") == row.index("teh")
    assert out.splitlines()[-1] == f"{draft}: 1 issue (spelling 1)"
    coloured = run("check", "--color", str(draft)).stdout
    assert "\x1b[" in coloured and "^^^" not in coloured


def test_context_option_adds_the_lines_around(draft):
    out = run("check", "--context", "1", str(draft)).stdout
    assert out.splitlines()[1:4] == [
        "1 │ \ufeffIt was a dark night.",
        "2 │ She walked into teh house.",
        "  │                 ^^^",
    ]
    assert run("check", "--context", "-1", str(draft)).exit_code == 2


def test_html_report_goes_to_the_output_file(draft, tmp_path):
    page = tmp_path / "report.html"
    result = run("check", "--format", "html", "-o", str(page), str(draft))
    assert result.exit_code == 1 and result.stdout == ""
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert '<mark class="gp" tabindex="0" data-category="spelling" data-start="39" data-end="42"' in html


def test_marked_format_is_the_file_with_markers(draft):
    result = run("check", "--format", "marked", str(draft))
    assert result.exit_code == 1
    marked = "\ufeffIt was a dark night.\r\nShe walked into ⟦teh→the⟧ house.\r\n"
    assert result.stdout_bytes == marked.encode()  # .stdout would turn CRLF into LF


def test_output_onto_a_checked_file_is_refused(draft):
    result = run("check", "--format", "json", "-o", str(draft), str(draft))
    assert result.exit_code == 2 and "refusing" in result.stderr
    assert draft.read_bytes().startswith("\ufeffIt was".encode())


def test_detector_can_be_named_in_the_environment_for_child_processes(draft, monkeypatch):
    monkeypatch.setenv("GALLEYPROOF_DETECTOR", f"{__name__}:LoudDetector")
    payload = json.loads(run("check", "--format", "json", str(draft)).stdout)
    assert len(payload["files"][0]["issues"]) == 10


@pytest.mark.parametrize("args, threads, cached", [([], None, True), (["--threads", "2", "--no-cache"], 2, False)])
def test_check_gives_the_proofreader_its_threads_and_cache(draft, monkeypatch, args, threads, cached):
    asked = []

    def load(threads=1, cache=None, personal=True):
        asked.append((threads, cache, personal))
        return FakeDetector()

    monkeypatch.setattr(proofreader, "load_default", load)
    result = run("check", "--format", "json", *args, str(draft))
    assert result.exit_code == 1, result.output
    ((given_threads, cache, personal),) = asked
    assert given_threads >= 1 and (threads is None or given_threads == threads)
    assert (cache is not None) == cached and personal


class _Model:
    remember_passages = True


class ModelledDetector(FakeDetector):
    """A fake with a model, to see what `check` tells it."""

    made: list["ModelledDetector"] = []

    def __init__(self):
        self.model = _Model()
        ModelledDetector.made.append(self)


def test_one_file_checked_keeps_no_passages_for_a_next_check_and_several_do(monkeypatch, draft, tmp_path):
    monkeypatch.setattr(proofreader, "load_default", lambda **_: ModelledDetector())
    ModelledDetector.made.clear()
    other = tmp_path / "other.txt"
    other.write_text("No slip here.\n", encoding="utf-8")
    assert runner.invoke(app, ["check", "--no-cache", str(draft)]).exit_code == 1
    assert runner.invoke(app, ["check", "--no-cache", str(draft), str(other)]).exit_code == 1
    assert [d.model.remember_passages for d in ModelledDetector.made] == [False, True]
