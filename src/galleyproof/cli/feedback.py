"""`galleyproof feedback`: record verdicts on flagged spans, and move them between machines."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from galleyproof.cli.common import fail, load_proofreader
from galleyproof.text.io import InputError, read_text

app = typer.Typer(
    help="Tell galleyproof which flags were right and which were not; the next check honours it.",
    no_args_is_help=True,
)


def _decide(file: Path, start: int, end: int, verdict: str) -> None:
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.feedback.store import record_decision

    try:
        text = read_text(file)
    except InputError as err:
        raise fail(str(err)) from None
    try:
        # The unfiltered model: a span rejected before can still be ruled on again.
        detector = load_proofreader(personal=False)
    except typer.Exit:
        raise
    issue = next((i for i in detector.detect(text) if (i.start, i.end) == (start, end)), None)
    if issue is None:
        raise fail(
            f"{file}: no issue at [{start}, {end}) ({text[start:end]!r}); "
            "`galleyproof check --format json` lists the spans"
        )
    record_decision(file, text, issue, verdict, model_version=detector.version)
    typer.echo(f"{verdict} {issue.category} {text[start:end]!r} at [{start}, {end}) in {file}")


@app.command("accept")
def accept(
    file: Path = typer.Argument(..., help="The checked file."),
    start: int = typer.Argument(..., help="Start offset of the flagged span, as `check --format json` gives it."),
    end: int = typer.Argument(..., help="End offset (exclusive)."),
) -> None:
    """Record that the flag at [START, END) is a real error. Exit 2: no such flag."""
    _decide(file, start, end, "accepted")


@app.command("reject")
def reject(
    file: Path = typer.Argument(..., help="The checked file."),
    start: int = typer.Argument(..., help="Start offset of the flagged span, as `check --format json` gives it."),
    end: int = typer.Argument(..., help="End offset (exclusive)."),
) -> None:
    """Record that the flag at [START, END) is a false alarm: the same text is not flagged
    again for that reason, in any document. Exit 2: no such flag."""
    _decide(file, start, end, "rejected")


@app.command("export")
def export(
    jsonl: bool = typer.Option(True, "--jsonl/--json", help="One decision a line, or one JSON list."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write here instead of stdout."),
) -> None:
    """Write every recorded decision, oldest first."""
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.feedback.store import FeedbackStore

    with FeedbackStore() as store:
        lines = list(store.export_jsonl())
    payload = "".join(line + "\n" for line in lines) if jsonl else "[" + ",\n".join(lines) + "]\n"
    if out is None:
        sys.stdout.write(payload)
        return
    try:
        out.write_text(payload, encoding="utf-8")
    except OSError as err:
        raise fail(f"{out}: cannot write: {err.strerror or err}") from None
    typer.echo(f"{len(lines)} decisions → {out}", err=True)


@app.command("import")
def import_(file: Path = typer.Argument(..., help="A file written by `feedback export`.")) -> None:
    """Add the decisions of an export; those already here are skipped, so importing twice is harmless."""
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.feedback.store import Decision, FeedbackStore

    try:
        content = read_text(file)
    except InputError as err:
        raise fail(str(err)) from None
    decisions = []
    try:
        if content.lstrip().startswith("["):
            rows = [(n, obj) for n, obj in enumerate(json.loads(content), 1)]
        else:
            rows = [(n, json.loads(line)) for n, line in enumerate(content.split("\n"), 1) if line.strip()]
    except json.JSONDecodeError as err:
        raise fail(f"{file}: not JSON lines or a JSON list ({err.msg})") from None
    for n, obj in rows:
        try:
            decisions.append(Decision.from_json(obj))
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise fail(f"{file}: decision {n}: not an exported decision ({err})") from None
    with FeedbackStore() as store:
        added = store.add_decisions(decisions)
    typer.echo(f"{added} decisions added, {len(decisions) - added} already there")
