"""Smoke tests of `galleyproof noise sample` and `build-valset` on a small folder of books."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from galleyproof.cli.noise import app

PARAGRAPHS = [p.strip() for p in (Path(__file__).parent / "paragraphs.txt").read_text("utf-8").split("\n\n")]


@pytest.fixture
def corpus(tmp_path):
    """Two books of distinct ~180-word paragraphs (pairs of the fixture paragraphs)."""
    pairs = [a + " " + b for a in PARAGRAPHS for b in PARAGRAPHS if a != b]
    for i in range(2):
        (tmp_path / f"book{i}.txt").write_text("\n\n".join(pairs[i::2]) + "\n", encoding="utf-8")
    return tmp_path


def test_sample_prints_errors_with_their_corrections(corpus):
    result = CliRunner().invoke(app, ["sample", "--corpus", str(corpus), "--n", "5", "--seed", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.count("→") == 5 and result.output.count("⟦") == 5


def test_sample_one_category(corpus):
    result = CliRunner().invoke(app, ["sample", "--corpus", str(corpus), "--n", "4", "--category", "missing_word"])
    assert result.exit_code == 0, result.output
    assert result.output.count("grammar/missing_word") == 4
    bad = CliRunner().invoke(app, ["sample", "--corpus", str(corpus), "--category", "typos"])
    assert bad.exit_code == 2


def test_build_valset_writes_eval_shaped_jsonl(corpus, tmp_path):
    out = tmp_path / "out" / "valset.jsonl"
    args = ["build-valset", "--corpus", str(corpus), "--out", str(out), "--paragraphs", "8"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    items = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(items) == 8 and len({i["category"] for i in items}) == 8
    assert len({i["source"] for i in items}) == 1  # one validation book of two
    for item in items:
        for e in item["errors"]:
            assert item["text"][e["start"] : e["end"]] == e["wrong"]
