"""`galleyproof lexicon build`: count words in a training corpus."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from galleyproof.cli.common import fail

app = typer.Typer(help="Build the word-count lexicon the detector looks words up in.", no_args_is_help=True)


@app.command("build")
def build(
    corpus: Path = typer.Option(..., "--corpus", help="Folder of .txt books (training books only)."),
    out: Path = typer.Option(Path("lexicon.tsv.gz"), "--out", help="Where to write the gzipped word counts."),
    min_count: int = typer.Option(2, "--min-count", help="Drop words seen fewer times than this."),
) -> None:
    """Count every word of the cleaned training books and write the lexicon."""
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.corpus import HeldOutCorpusError, load_books
    from galleyproof.english.lexicon import Lexicon
    from galleyproof.text.io import InputError

    started = time.perf_counter()
    try:
        books = load_books(corpus)
    except (HeldOutCorpusError, InputError, OSError) as err:
        raise fail(str(err)) from None
    if not books:
        raise fail(f"{corpus}: no .txt books found")
    lexicon = Lexicon.from_texts((p.text for b in books for p in b.paragraphs), min_count=min_count)
    lexicon.save(out)
    typer.echo(
        f"{len(lexicon):,} words from {len(books)} books in {time.perf_counter() - started:.1f} s → {out}"
    )
