"""`galleyproof tokenizer encode` and `train` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from galleyproof.cli.tokenizer import app
from galleyproof.model.tokenizer import Tokenizer

runner = CliRunner()


@pytest.fixture()
def tokenizer_file(tokenizer: Tokenizer, tmp_path: Path) -> Path:
    path = tmp_path / "tokenizer.json"
    tokenizer.save(path)
    return path


def test_encode_json_entries_tile_the_file(tokenizer_file: Path, tmp_path: Path) -> None:
    text = "“Naïve,” she said —\r\nthe café 😀.\n"
    src = tmp_path / "in.txt"
    src.write_bytes(text.encode("utf-8"))
    result = runner.invoke(app, ["encode", str(src), "--tokenizer", str(tokenizer_file), "--json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    assert "".join(e["text"] for e in entries) == text
    assert all(text[e["start"] : e["end"]] == e["text"] for e in entries)
    assert [i for e in entries for i in e["ids"]] == Tokenizer.load(tokenizer_file).encode(text).ids
    assert any(len(e["ids"]) > 1 for e in entries)  # the emoji is split over byte tokens


def test_encode_table_for_people(tokenizer_file: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("the café", encoding="utf-8")
    result = runner.invoke(app, ["encode", str(src), "--tokenizer", str(tokenizer_file)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["0", "3", '"the"'] and '"é"' in result.stdout


@pytest.mark.parametrize("content", [None, b"caf\xe9"])
def test_unreadable_file_is_one_line_and_exit_2(tokenizer_file: Path, tmp_path: Path, content) -> None:
    src = tmp_path / "in.txt"
    if content is not None:
        src.write_bytes(content)
    result = runner.invoke(app, ["encode", str(src), "--tokenizer", str(tokenizer_file), "--json"])
    assert result.exit_code == 2
    assert result.stdout == "" and result.stderr.count("\n") == 1 and str(src) in result.stderr


def test_missing_tokenizer_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("hello", encoding="utf-8")
    result = runner.invoke(app, ["encode", str(src), "--tokenizer", str(tmp_path / "none.json")])
    assert result.exit_code == 2 and "cannot load tokenizer" in result.stderr


def test_train_uses_training_split_and_writes_a_loadable_file(tmp_path: Path) -> None:
    corpus = tmp_path / "books"
    corpus.mkdir()
    for n in range(10):
        paragraphs = [f"Paragraph {k} of book {n}: the quick brown fox, naïve and “wise.”" for k in range(30)]
        (corpus / f"book_{n}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    out = tmp_path / "tok" / "tokenizer.json"
    result = runner.invoke(app, ["train", "--corpus", str(corpus), "--vocab-size", "300", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "tokens per character" in result.stdout
    tok = Tokenizer.load(out)
    assert tok.vocab_size == 300 and tok.decode(tok.encode("naïve fox").ids) == "naïve fox"


def test_train_refuses_heldout_corpus(tmp_path: Path) -> None:
    heldout = tmp_path / "corpus" / "eval"
    heldout.mkdir(parents=True)
    (heldout / "book.txt").write_text("Some text.\n", encoding="utf-8")
    out = tmp_path / "tokenizer.json"
    result = runner.invoke(app, ["train", "--corpus", str(heldout), "--vocab-size", "300", "--out", str(out)])
    assert result.exit_code == 2 and "held-out" in result.stderr and not out.exists()


def test_malformed_tokenizer_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("hello", encoding="utf-8")
    bad = tmp_path / "tokenizer.json"
    bad.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["encode", str(src), "--tokenizer", str(bad)])
    assert result.exit_code == 2 and "not a tokenizer.json" in result.stderr
