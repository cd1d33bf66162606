"""`galleyproof tokenizer`: train the byte-level BPE vocabulary and look at how it splits text."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import typer

from galleyproof.model.tokenizer import Tokenizer, default_tokenizer_path, token_entries
from galleyproof.text.io import InputError, read_text

app = typer.Typer(
    help="Train the byte-level BPE tokenizer and inspect how it splits text.",
    no_args_is_help=True,
)


@app.command()
def train(
    corpus: Path = typer.Option(
        ..., "--corpus", help="Folder of *.txt books; only its training split is used."
    ),
    vocab_size: int = typer.Option(8192, "--vocab-size", help="Vocabulary size, special tokens included."),
    out: Path = typer.Option(..., "--out", help="Where to write tokenizer.json."),
    val_fraction: float = typer.Option(0.1, "--val-fraction", help="Share of books held out for validation."),
    seed: int = typer.Option(0, "--seed", help="Seed of the book split."),
) -> None:
    """Train a tokenizer on the training split of a corpus.

    Books, not paragraphs, are split between training and validation.
    The tokens per character it prints are measured on the unseen validation books.
    """
    # Imported when used, not on every command's start (start-up time).
    from galleyproof.corpus import HeldOutCorpusError, load_books, split_books

    t0 = time.perf_counter()
    try:
        books = load_books(corpus)
    except (HeldOutCorpusError, FileNotFoundError, InputError) as err:
        typer.echo(f"galleyproof: {err}", err=True)
        raise typer.Exit(2) from None
    train_books, val_books = split_books(books, val_fraction=val_fraction, seed=seed)
    if not train_books:
        typer.echo(f"galleyproof: no training books under {corpus}", err=True)
        raise typer.Exit(2)
    texts = [p.text for b in train_books for p in b.paragraphs]
    t1 = time.perf_counter()
    tokenizer = Tokenizer.train(texts, vocab_size)
    t2 = time.perf_counter()
    tokenizer.save(out)

    train_chars = sum(len(t) for t in texts)
    typer.echo(f"books: {len(train_books)} train, {len(val_books)} validation (loaded in {t1 - t0:.1f}s)")
    typer.echo(f"trained on {len(texts):,} paragraphs, {train_chars:,} characters")
    typer.echo(f"vocabulary: {tokenizer.vocab_size:,} (asked for {vocab_size:,}) in {t2 - t1:.1f}s")
    val_texts = [p.text for b in val_books for p in b.paragraphs]
    val_chars = sum(len(t) for t in val_texts)
    if val_chars:
        val_tokens = sum(len(tokenizer.encode(t).ids) for t in val_texts)
        typer.echo(f"validation: {val_tokens / val_chars:.3f} tokens per character")
    typer.echo(f"wrote {out}")


@app.command()
def encode(
    file: Path = typer.Argument(..., help="UTF-8 text file to tokenize."),
    tokenizer_path: Path | None = typer.Option(
        None, "--tokenizer", help="tokenizer.json to use (default: the shipped model's)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON entries instead of a table."),
) -> None:
    """Show how FILE splits into tokens.

    One entry per token, or per run of tokens that split a character between them.
    Each entry's text is the file's characters from start to end.
    The entries concatenate to the whole file.
    """
    try:
        text = read_text(file)
    except InputError as err:
        typer.echo(f"galleyproof: {err}", err=True)
        raise typer.Exit(2) from None
    try:
        tokenizer = Tokenizer.load(tokenizer_path or default_tokenizer_path())
    except (OSError, ValueError) as err:
        typer.echo(f"galleyproof: cannot load tokenizer: {err}", err=True)
        raise typer.Exit(2) from None
    entries = token_entries(tokenizer, text)
    if as_json:
        typer.echo(json.dumps([dataclasses.asdict(e) for e in entries], ensure_ascii=False))
        return
    for e in entries:
        typer.echo(f"{e.start:>7} {e.end:>7}  {json.dumps(e.text, ensure_ascii=False):<20} {e.ids}")
