"""`galleyproof noise`: look at the synthetic errors, and build a validation set from them."""

from __future__ import annotations

import json
import random
from pathlib import Path

import typer

app = typer.Typer(
    help="Synthetic errors: print samples of them, or build a validation set of them.",
    no_args_is_help=True,
)


def _books(corpus: Path):
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.corpus import HeldOutCorpusError, load_books

    try:
        books = load_books(corpus)
    except (HeldOutCorpusError, OSError) as err:
        typer.echo(f"galleyproof: {err}", err=True)
        raise typer.Exit(2) from None
    if not books:
        typer.echo(f"galleyproof: {corpus}: no .txt books found", err=True)
        raise typer.Exit(2)
    return books


def _snippet(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return f"{'…' if start > width else ''}{left}⟦{text[start:end]}⟧{right}{'…' if end + width < len(text) else ''}"


@app.command()
def sample(
    corpus: Path = typer.Option(..., "--corpus", help="Folder of .txt books (training books only)."),
    n: int = typer.Option(20, "--n", help="How many errors to show."),
    seed: int = typer.Option(0, "--seed", help="Seed of the paragraphs and the errors."),
    category: str | None = typer.Option(
        None, "--category", help="Only this generator: spelling, word_choice, punctuation, whitespace, "
        "capitalization, grammar, missing_word or extra_word."),
    rate: float = typer.Option(4.0, "--rate", help="Errors per 100 words."),
) -> None:
    """Print errors in context, one per paragraph, with the gold correction.

    Each line: generator category/kind, book and paragraph, the corrupted text around the
    error with the gold span in ⟦ ⟧, then wrong → correct.
    """
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.noise import GENERATORS, corrupt, shipped_noise

    if category is not None and category not in GENERATORS:
        typer.echo(f"galleyproof: unknown category {category!r}; one of {', '.join(GENERATORS)}", err=True)
        raise typer.Exit(2)
    config = shipped_noise().with_rate(rate)
    if category:
        config = config.only(category)
    paragraphs = [(b.name, i, p.text) for b in _books(corpus) for i, p in enumerate(b.paragraphs)
                  if not p.is_heading and len(p.text.split()) >= 20]
    if not paragraphs:
        typer.echo(f"galleyproof: {corpus}: no paragraphs of 20 words or more", err=True)
        raise typer.Exit(2)
    rng = random.Random(seed)
    shown = 0
    for _ in range(50 * n):  # a category can be absent from a paragraph; stop trying eventually
        if shown == n:
            break
        source, index, text = rng.choice(paragraphs)
        noisy, edits = corrupt(text, rng, config)
        if not edits:
            continue
        e = rng.choice(edits)
        shown += 1
        typer.echo(f"{shown:3}. {e.category}/{e.kind}  {source} p{index}\n     {_snippet(noisy, e.start, e.end)}\n"
                   f"     {e.wrong!r} → {e.correct!r}")


@app.command("build-valset")
def build_valset_command(
    corpus: Path = typer.Option(..., "--corpus", help="Folder of .txt books; only its validation split is used."),
    out: Path = typer.Option(..., "--out", help="Where to write the JSONL validation set."),
    paragraphs: int = typer.Option(80, "--paragraphs", help="Paragraphs to write, the categories in turn."),
    seed: int = typer.Option(0, "--seed", help="Seed of the book split (as in training) and of the errors."),
    val_fraction: float = typer.Option(0.1, "--val-fraction", help="Share of books held out for validation."),
) -> None:
    """Write a synthetic validation set in the eval set's JSONL shape.

    Paragraphs of 120-250 words from the validation books (`split_books`), each with 8-10
    errors of one category: spelling, word_choice, punctuation, whitespace, capitalization,
    grammar, extra_words, missing_words. Errors also carry their kind.
    """
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.corpus import split_books
    from galleyproof.noise import shipped_noise
    from galleyproof.noise.valset import build_valset

    _, val_books = split_books(_books(corpus), val_fraction=val_fraction, seed=seed)
    items = build_valset(val_books, n_paragraphs=paragraphs, seed=seed, config=shipped_noise())
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    n_errors = sum(len(item["errors"]) for item in items)
    typer.echo(f"{len(items)} paragraphs, {n_errors} errors from {len(val_books)} validation books → {out}")
