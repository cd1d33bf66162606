"""`galleyproof corpus stats`: counts after cleaning, as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from galleyproof.cli.corpus import app

runner = CliRunner()

SHARED = "It was the best of times, it was the worst of times, it was the age of wisdom."


def make_corpus(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "alpha.txt").write_text(
        f"Produced by A. Volunteer\n\n\n\nCHAPTER I.\n\n{SHARED}\n\nYes.\n", encoding="utf-8"
    )
    (root / "beta.txt").write_text(f"Yes.\n\n{SHARED.upper()}\n\nThe end\nof it.\n", encoding="utf-8")
    return root


def test_stats_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", str(make_corpus(tmp_path / "books")), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    alpha, beta = data["books"]
    assert alpha == {
        "name": "alpha",
        "characters": len("CHAPTER I.") + len(SHARED) + 4,
        "words": 2 + 18 + 1,
        "paragraphs": 2,
        "headings": 1,
        "duplicates_removed": 0,
    }
    assert beta == {
        "name": "beta",
        "characters": 4 + len("The end of it."),
        "words": 1 + 4,
        "paragraphs": 2,
        "headings": 0,
        "duplicates_removed": 1,
    }
    assert data["total"]["duplicates_removed"] == 1 and data["total"]["words"] == 26


def test_stats_table(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", str(make_corpus(tmp_path / "books"))])
    assert result.exit_code == 0, result.output
    assert "alpha" in result.stdout and "total" in result.stdout and "duplicates" in result.stdout


def test_stats_errors_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["stats", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "no .txt books" in result.stderr


def test_stats_refuses_heldout_unless_flagged(tmp_path: Path) -> None:
    heldout = make_corpus(tmp_path / "corpus" / "eval")
    result = runner.invoke(app, ["stats", str(heldout)])
    assert result.exit_code == 2 and "--allow-heldout" in result.stderr and "Traceback" not in result.output
    assert runner.invoke(app, ["stats", str(heldout), "--allow-heldout", "--json"]).exit_code == 0
