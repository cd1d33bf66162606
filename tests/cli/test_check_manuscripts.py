"""`check` on manuscripts as writers keep them: formats, folders, standard input, several files
with a bad one among them, settings from a config and the command line, the JSON shape."""

import json
import re
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from galleyproof import proofreader
from galleyproof.cli import check as check_cli
from galleyproof.cli.main import app
from galleyproof.issues import Issue
from galleyproof.suggest.safe import SafeFixes

sys.path.insert(0, str(Path(__file__).parents[1] / "manuscripts"))
from chapters import LATEX, MARKDOWN  # noqa: E402
from office import word_file  # noqa: E402

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "check-output.schema.json").read_text(encoding="utf-8"))
runner = CliRunner()


class TehDetector:
    """Flags every "teh" (spelling, 0.97) and every "there" (word choice, 0.55)."""

    version = "fake-1"

    def detect(self, text):
        found = [Issue(m.start(), m.end(), "spelling", "Unknown word.", ("the",), 0.97, rule="misspellings")
                 for m in re.finditer(r"\bteh\b", text)]
        found += [Issue(m.start(), m.end(), "word_choice", "Their?", ("their",), 0.55, rule="confusions")
                  for m in re.finditer(r"\bthere\b", text)]
        return sorted(found, key=lambda i: i.start)


@pytest.fixture(autouse=True)
def fake_detector(monkeypatch):
    monkeypatch.setattr(proofreader, "load_default", lambda **_: TehDetector())


def run(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def check_json(*args, **kwargs):
    result = run("check", "--format", "json", *args, **kwargs)
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, SCHEMA)
    return result, payload


@pytest.fixture
def book(tmp_path):
    folder = tmp_path / "book"
    (folder / "part1").mkdir(parents=True)
    (folder / "part1" / "01-harbour.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "02-morning.tex").write_text(LATEX, encoding="utf-8")
    (folder / "03-letter.txt").write_text("She walked into teh house.\n", encoding="utf-8")
    (folder / "04-draft.docx").write_bytes(word_file())
    (folder / "notes.json").write_text("{}", encoding="utf-8")
    (folder / ".hidden.md").write_text("teh", encoding="utf-8")
    return folder


def test_markdown_and_latex_issues_are_in_prose_only(book):
    md = book / "part1" / "01-harbour.md"
    _, payload = check_json(md)
    (entry,) = payload["files"]
    assert entry["format"] == "markdown"
    spans = [MARKDOWN[i["start"] : i["end"]] for i in entry["issues"]]
    assert spans == ["there"]  # every "teh" of the chapter is in markup or an ignored paragraph
    tex = book / "02-morning.tex"
    _, payload = check_json(tex)
    assert [LATEX[i["start"] : i["end"]] for i in payload["files"][0]["issues"]] == ["there"]


def test_fix_never_edits_markup(book, monkeypatch):
    # Trust the fake's misspellings at any score, so only the markup guard decides.
    monkeypatch.setattr(check_cli, "shipped_safe_fixes", lambda: SafeFixes({"misspellings": 0.0}))
    md = book / "part1" / "01-harbour.md"
    md.write_text(MARKDOWN + "\nOne more teh slip, with `teh` code.\n", encoding="utf-8")
    result = run("check", "--fix", "--no-color", md)
    assert result.exit_code == 1, result.output
    fixed = (book / "part1" / "01-harbour.fixed.md").read_text(encoding="utf-8")
    assert fixed == MARKDOWN + "\nOne more the slip, with `teh` code.\n"


def test_a_folder_checks_its_manuscript_files_in_order(book):
    result, payload = check_json(book)
    assert result.exit_code == 1
    names = [Path(f["file"]).relative_to(book).as_posix() for f in payload["files"]]
    assert names == ["02-morning.tex", "03-letter.txt", "04-draft.docx", "part1/01-harbour.md"]
    docx_issues = payload["files"][2]["issues"]
    assert [(i["paragraph"], i["paragraph_offset"]) for i in docx_issues] == [(2, 43), (2, 74), (4, 12), (6, 5)]
    assert all(i["line"] == i["paragraph"] for i in docx_issues)


def test_config_excludes_files_and_sets_words_rules_and_score(book):
    (book / "galleyproof.toml").write_text('exclude = ["part1/", "*.docx"]\nignore = ["word_choice"]\n', encoding="utf-8")
    _, payload = check_json(book)
    assert [Path(f["file"]).name for f in payload["files"]] == ["02-morning.tex", "03-letter.txt"]
    assert [i["rule"] for f in payload["files"] for i in f["issues"]] == ["misspellings"]
    (book / "galleyproof.toml").write_text('words = ["Teh"]\n', encoding="utf-8")
    _, payload = check_json(book / "03-letter.txt")
    assert payload["files"][0]["issues"] == []


def test_pyproject_table_is_a_config_too(book):
    (book / "pyproject.toml").write_text('[project]\nname = "novel"\n\n[tool.galleyproof]\nmin_score = 0.9\n',
                                         encoding="utf-8")
    _, payload = check_json(book / "02-morning.tex")
    assert payload["files"][0]["issues"] == []  # "there" scores 0.55


def test_min_score_only_and_ignore_apply_to_the_listing(book):
    tex = book / "02-morning.tex"
    tex.write_text("Rough in there manners, into teh house.\n", encoding="utf-8")
    rules = lambda *opts: [i["rule"] for i in check_json(tex, *opts)[1]["files"][0]["issues"]]  # noqa: E731
    assert rules() == ["confusions", "misspellings"]
    assert rules("--min-score", "0.9") == ["misspellings"]
    assert rules("--only", "word_choice") == ["confusions"]
    assert rules("--ignore", "misspellings") == ["confusions"]
    assert rules("--disable", "spelling", "--disable", "confusions") == []
    result = run("check", "--only", "nonsense", tex)
    assert result.exit_code == 2 and "unknown rule or category 'nonsense'" in result.stderr


def test_one_bad_file_does_not_stop_the_others(book, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9 teh".encode("latin-1"))
    good = book / "03-letter.txt"
    result, payload = check_json(good, bad, tmp_path / "missing.md")
    assert result.exit_code == 2
    assert [(Path(f["file"]).name, f["error"] is None) for f in payload["files"]] == [
        ("03-letter.txt", True), ("latin1.txt", False), ("missing.md", False)]
    assert payload["files"][0]["issues"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and "not valid UTF-8" in errors[0] and "no such file" in errors[1]
    text = run("check", "--no-color", good, bad)
    assert text.exit_code == 2 and "03-letter.txt:1:17" in text.stdout
    assert "1 file checked: 1 issue; 1 could not be checked" in text.stdout


def test_standard_input_is_read_with_a_dash():
    result, payload = check_json("-", input="She walked into teh house.")
    assert result.exit_code == 1 and payload["files"][0]["file"] == "<stdin>"
    result, payload = check_json("--input-format", "markdown", "-", input="Run `teh` and teh.")
    assert [i["start"] for i in payload["files"][0]["issues"]] == [14]


def test_fix_is_refused_for_word_files_with_a_hint(book):
    result = run("check", "--fix", book / "04-draft.docx")
    assert result.exit_code == 2 and "--format docx -o OUT.docx" in result.stderr


def test_docx_output_writes_a_commented_copy(book, tmp_path):
    original = (book / "04-draft.docx").read_bytes()
    out = tmp_path / "commented.docx"
    result = run("check", "--format", "docx", "-o", out, book / "04-draft.docx")
    assert result.exit_code == 1, result.output
    assert (book / "04-draft.docx").read_bytes() == original
    import docx  # the copy is a Word file python-docx reads back

    assert len(list(docx.Document(str(out)).comments)) == 4
    refused = run("check", "--format", "docx", "-o", out, book / "03-letter.txt")
    assert refused.exit_code == 2 and "exactly one .docx" in refused.stderr


def test_version_and_init(tmp_path):
    result = run("--version")
    assert result.exit_code == 0 and re.fullmatch(r"galleyproof \d+\.\d+\.\d+\S*\n", result.stdout)
    assert run("init", tmp_path).exit_code == 0
    written = (tmp_path / "galleyproof.toml").read_text(encoding="utf-8")
    assert "# ignore = " in written
    assert run("init", tmp_path).exit_code == 2
    (tmp_path / "galleyproof.toml").write_text(written.replace("# min_score", "min_score"), encoding="utf-8")
    (tmp_path / "a.txt").write_text("teh", encoding="utf-8")
    _, payload = check_json(tmp_path / "a.txt")
    assert len(payload["files"][0]["issues"]) == 1


def test_a_bad_config_is_named(tmp_path):
    (tmp_path / "galleyproof.toml").write_text("min_scor = 1\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("teh", encoding="utf-8")
    result = run("check", tmp_path / "a.txt")
    assert result.exit_code == 2 and "unknown setting 'min_scor'" in result.stderr


def test_config_and_command_line_variety_flag_the_other_varietys_spellings(tmp_path):
    (tmp_path / "a.txt").write_text("The color of the grey sea.\n", encoding="utf-8")
    rules = lambda *opts: [(i["rule"], i["suggestions"][0]) for i in check_json(tmp_path / "a.txt", *opts)[1]["files"][0]["issues"]]  # noqa: E501, E731
    assert rules() == []  # the fake detector runs no rule, and no variety is set
    (tmp_path / "galleyproof.toml").write_text('variety = "en-GB"\n', encoding="utf-8")
    assert rules() == [("mixed_spellings", "colour")]
    assert rules("--variety", "en-US") == [("mixed_spellings", "gray")]
    assert rules("--ignore", "mixed_spellings") == []
    result = run("check", "--variety", "en-AU", tmp_path / "a.txt")
    assert result.exit_code == 2 and "unknown English variety 'en-AU'" in result.stderr
    (tmp_path / "galleyproof.toml").write_text('variety = "British"\n', encoding="utf-8")
    result = run("check", tmp_path / "a.txt")
    assert result.exit_code == 2 and "variety must be one of 'en-US', 'en-GB'" in result.stderr


class SensitiveDetector:
    """Flags "there" only when asked to be thorough; records what each call asked for."""

    version = "fake-2"

    def __init__(self):
        self.asked = []

    def detect(self, text, sensitivity="precise"):
        self.asked.append(sensitivity)
        if sensitivity != "thorough":
            return []
        return [Issue(m.start(), m.end(), "word_choice", "Their?", ("their",), 0.3, rule="model.word_choice")
                for m in re.finditer(r"\bthere\b", text)]


def test_config_and_command_line_sensitivity_reach_the_detector(tmp_path, monkeypatch):
    detector = SensitiveDetector()
    monkeypatch.setattr(proofreader, "load_default", lambda **_: detector)
    (tmp_path / "a.txt").write_text("They lost there way.\n", encoding="utf-8")
    found = lambda *opts: [i["start"] for i in check_json(tmp_path / "a.txt", *opts)[1]["files"][0]["issues"]]  # noqa: E731
    assert found() == [10] and detector.asked == ["thorough"]  # the default
    assert found("--sensitivity", "precise") == []
    (tmp_path / "galleyproof.toml").write_text('sensitivity = "precise"\n', encoding="utf-8")
    assert found() == []
    assert found("--sensitivity", "thorough") == [10]  # the command line's replaces the config's
    result = run("check", "--sensitivity", "loud", tmp_path / "a.txt")
    assert result.exit_code == 2 and "unknown sensitivity 'loud'" in result.stderr
    (tmp_path / "galleyproof.toml").write_text('sensitivity = "high"\n', encoding="utf-8")
    result = run("check", tmp_path / "a.txt")
    assert result.exit_code == 2 and "sensitivity must be one of 'precise', 'thorough'" in result.stderr


def test_a_detector_with_one_sensitivity_still_checks_when_asked_for_another(tmp_path):
    (tmp_path / "a.txt").write_text("teh cat\n", encoding="utf-8")
    result, payload = check_json(tmp_path / "a.txt", "--sensitivity", "thorough")
    assert [i["suggestions"][0] for i in payload["files"][0]["issues"]] == ["the"]
