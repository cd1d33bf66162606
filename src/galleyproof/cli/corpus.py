"""`galleyproof corpus`: fetch Project Gutenberg books and see what cleaning keeps of a folder."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import typer

from galleyproof.cli.common import fail

app = typer.Typer(help="Fetch and inspect training corpora.", no_args_is_help=True)


@app.command()
def fetch(
    ids: list[int] = typer.Argument(
        ..., help="Project Gutenberg eBook numbers, e.g. 1342 2701.", show_default=False
    ),
    out: Path = typer.Option(..., "--out", help="Folder to save pg{id}.txt files in (created if missing)."),
    mirror: str | None = typer.Option(
        None,
        "--mirror",
        help="URL template with {id}, e.g. https://mirror.example/cache/epub/{id}/pg{id}.txt. "
        "Default: gutenberg.org's cache/epub copy, then its files/{id}/{id}-0.txt copy.",
        show_default=False,
    ),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds to wait on the network per request."),
    allow_heldout: bool = typer.Option(
        False,
        "--allow-heldout",
        help="Also fetch the shared corpus's reserved and eval books (never train on them).",
    ),
) -> None:
    """Download eBooks as plain text with the Project Gutenberg header and licence stripped.

    Exit 0: all saved; 2: any book failed (one line each on stderr), or a held-out book was asked for.
    """
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.corpus.gutenberg import HELDOUT_GUTENBERG_IDS, FetchError, fetch_book

    heldout = sorted(set(ids) & HELDOUT_GUTENBERG_IDS)
    if heldout and not allow_heldout:
        raise fail(
            f"eBook {', '.join(map(str, heldout))}: held out for evaluation in the shared corpus; "
            "fetching it for training would leak it (pass --allow-heldout to fetch anyway)"
        )
    failed = False
    for gutenberg_id in ids:
        try:
            saved = fetch_book(gutenberg_id, out, mirror=mirror, timeout=timeout)
        except FetchError as err:
            print(f"galleyproof: {err}", file=sys.stderr)
            failed = True
            continue
        except OSError as err:
            raise fail(f"cannot write to {out}: {err.strerror or err}") from None
        note = "" if saved.had_markers else " (no START/END markers: kept the whole text)"
        typer.echo(f"saved {saved.path}: {saved.characters:,} characters from {saved.url}{note}")
    if failed:
        raise typer.Exit(2)


@app.command()
def stats(
    directory: Path = typer.Argument(..., help="Folder of *.txt books (or one book).", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    allow_heldout: bool = typer.Option(
        False,
        "--allow-heldout",
        help="Allow the shared corpus's reserved and eval folders (to inspect, not train).",
    ),
) -> None:
    """Per book and in total: characters, words, paragraphs, headings and near-duplicates removed.

    Counts are after cleaning, so they are what training sees. Exit 2: no books, or a held-out folder.
    """
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.corpus import HeldOutCorpusError, book_stats, load_books, total_stats
    from galleyproof.text.io import InputError

    started = time.perf_counter()
    try:
        books = load_books(directory, allow_heldout=allow_heldout)
    except (HeldOutCorpusError, InputError) as err:
        raise fail(str(err)) from None
    except OSError as err:
        raise fail(f"{directory}: {err.strerror or err}") from None
    if not books:
        raise fail(f"{directory}: no .txt books found")
    seconds = time.perf_counter() - started
    rows = [book_stats(b) for b in books]
    total = total_stats(rows)

    if as_json:
        payload = {"books": [r.to_json() for r in rows], "total": total.to_json()}
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    # Imported when used, not on every command's start (start-up time).
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{directory}: {len(books)} books, cleaned in {seconds:.1f} s")
    table.add_column("book", overflow="fold")
    for column in ("characters", "words", "paragraphs", "headings", "duplicates removed"):
        table.add_column(column, justify="right")
    for r in [*rows, total]:
        style = "bold" if r is total else None
        cells = (r.characters, r.words, r.paragraphs, r.headings, r.duplicates_removed)
        table.add_row(r.name, *(f"{n:,}" for n in cells), style=style, end_section=r is rows[-1])
    Console().print(table)
