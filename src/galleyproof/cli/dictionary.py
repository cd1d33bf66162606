"""`galleyproof dict`: the writer's own words, never flagged again."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from galleyproof.cli.common import fail
from galleyproof.feedback.store import FeedbackStore
from galleyproof.text.io import InputError, read_text

app = typer.Typer(help="The personal dictionary: names and coinages galleyproof should accept.", no_args_is_help=True)


@app.command("add")
def add(words: list[str] = typer.Argument(..., help="Words to accept from now on (case does not matter).")) -> None:
    """Add words; a flag on one of them is dropped at once, in every document."""
    with FeedbackStore() as store:
        added = store.add_words(words)
    already = [w for w in words if w not in added]
    typer.echo(f"added {len(added)}" + (f"; already there: {', '.join(already)}" if already else ""))


@app.command("remove")
def remove(words: list[str] = typer.Argument(..., help="Words to take out.")) -> None:
    """Remove words. Exit 1 if some were not in the dictionary."""
    with FeedbackStore() as store:
        removed = store.remove_words(words)
    missing = [w for w in words if w not in removed]
    typer.echo(f"removed {len(removed)}" + (f"; not in the dictionary: {', '.join(missing)}" if missing else ""))
    raise typer.Exit(1 if missing else 0)


@app.command("list")
def list_() -> None:
    """Print the dictionary, one word a line."""
    with FeedbackStore() as store:
        for word in store.words():
            typer.echo(word)


class SuggestFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("suggest")
def suggest(
    file: Path = typer.Argument(..., help="A manuscript to look for names and coined words in."),
    min_count: int = typer.Option(3, "--min-count", help="Propose words used at least this often."),
    add_all: bool = typer.Option(False, "--add", help="Add every suggestion to the dictionary."),
    output_format: SuggestFormat = typer.Option(SuggestFormat.text, "--format", "-f"),
) -> None:
    """Propose the manuscript's recurring names (capitalised mid-sentence) and words the
    lexicon does not know, with how often each is used."""
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.english.lexicon import Lexicon
    from galleyproof.feedback.dictionary import suggest_words
    from galleyproof.model import versions as registry
    from galleyproof.model.folder import LEXICON_FILE
    from galleyproof.text.paragraphs import passages

    try:
        text = read_text(file)
    except InputError as err:
        raise fail(str(err)) from None
    # The lexicon the active model looks words up in; the packaged one if there is no model yet.
    lexicon_path = registry.model_dir(registry.active_version()) / LEXICON_FILE
    lexicon = Lexicon.load(lexicon_path) if lexicon_path.is_file() else Lexicon.load_default()
    with FeedbackStore() as store:
        found = suggest_words([p.text for p in passages(text)], lexicon, store.word_keys(), min_count)
        if add_all:
            store.add_words(s.word for s in found)
    if output_format is SuggestFormat.json:
        typer.echo(json.dumps([{"word": s.word, "count": s.count, "reason": s.reason} for s in found],
                              ensure_ascii=False, indent=1))
    else:
        # Imported when used, not on every command's start (start-up time).
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(title=f"dictionary candidates in {file}" + (" (added)" if add_all else ""))
        for name in ("word", "uses", "why"):
            table.add_column(name, justify="right" if name == "uses" else "left")
        for s in found:
            table.add_row(Text(s.word), str(s.count), s.reason)
        Console(highlight=False).print(table if found else f"no candidates used {min_count}+ times in {file}")
