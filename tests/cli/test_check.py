import json

import pytest
from typer.testing import CliRunner

from galleyproof import runlog
from galleyproof.cli.main import app

runner = CliRunner()


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
    assert payload["file"] == str(draft)
    (issue,) = payload["issues"]
    assert text[issue["start"] : issue["end"]] == "teh"
    assert set(issue) == {"start", "end", "category", "message", "suggestions", "score"}


def test_spans_format_and_many_files(draft, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("It was a dark night.\n", encoding="utf-8")
    result = run("check", "--format", "spans", str(draft), str(clean))
    assert result.exit_code == 1
    spans = json.loads(result.stdout)
    assert len(spans) == 2 and spans[1] == []
    assert spans[0] == [[39, 42]]
    many = json.loads(run("check", "--format", "json", str(draft), str(clean)).stdout)
    assert [f["file"] for f in many] == [str(draft), str(clean)]


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


def test_directory_exits_2(tmp_path):
    result = run("check", str(tmp_path))
    assert result.exit_code == 2 and "directory" in result.stderr


def test_each_check_appends_to_the_run_log_and_stats_summarises(draft):
    run("check", str(draft))
    run("check", "--format", "json", str(draft))
    records = runlog.read()
    assert len(records) == 2
    assert records[0].issues == {"spelling": 1} and records[0].characters == len(
        open(draft, encoding="utf-8", newline="").read()
    )
    result = run("stats")
    assert result.exit_code == 0 and "baseline" in result.stdout
