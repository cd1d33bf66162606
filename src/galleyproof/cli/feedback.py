"""`galleyproof feedback`: record verdicts on flagged spans, and move them between machines."""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Optional

import typer

from galleyproof.cli.common import fail, load_proofreader
from galleyproof.config import settings_for
from galleyproof.issues import Issue
from galleyproof.text.io import InputError, read_text
from galleyproof.text.paragraphs import paragraph_spans

app = typer.Typer(
    help="Tell galleyproof which flags were right and which were not; the next check honours it.",
    no_args_is_help=True,
)


EVERYWHERE_HELP = "Speak for every manuscript on this machine, not only this one (its project, or the file)."


def manuscript_scope(file: Path) -> str:
    """The manuscript a decision in `file` speaks for: its project's folder (the nearest
    galleyproof.toml's), or the file itself."""
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.feedback.store import scope_of

    settings = settings_for(file)
    return scope_of(file, settings.root if settings.source else None)


def issue_at(detector, text: str, start: int, end: int) -> Issue | None:
    """The detector's issue at exactly [start, end): looked for in the span's paragraph first,
    so ruling on one flag does not re-check a whole novel, then in the whole text."""
    for lo, hi in paragraph_spans(text):
        if lo <= start and end <= hi:
            found = next((i for i in detector.detect(text[lo:hi]) if (i.start + lo, i.end + lo) == (start, end)), None)
            if found is not None:
                return dataclasses.replace(found, start=start, end=end)
            break
    return next((i for i in detector.detect(text) if (i.start, i.end) == (start, end)), None)


def _decide(file: Path, start: int, end: int, verdict: str, everywhere: bool = False) -> None:
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
    issue = issue_at(detector, text, start, end) if 0 <= start < end <= len(text) else None
    if issue is None:
        raise fail(
            f"{file}: no issue at [{start}, {end}) ({text[start:end]!r}); "
            "`galleyproof check --format json` lists the spans"
        )
    scope = None if everywhere else manuscript_scope(file)
    record_decision(file, text, issue, verdict, model_version=detector.version, scope=scope)
    where = "every manuscript" if everywhere else scope
    typer.echo(f"{verdict} {issue.category} {text[start:end]!r} at [{start}, {end}) in {file} (for {where})")


@app.command("accept")
def accept(
    file: Path = typer.Argument(..., help="The checked file."),
    start: int = typer.Argument(..., help="Start offset of the flagged span, as `check --format json` gives it."),
    end: int = typer.Argument(..., help="End offset (exclusive)."),
    everywhere: bool = typer.Option(False, "--everywhere", help=EVERYWHERE_HELP),
) -> None:
    """Record that the flag at [START, END) is a real error. Exit 2: no such flag."""
    _decide(file, start, end, "accepted", everywhere)


@app.command("reject")
def reject(
    file: Path = typer.Argument(..., help="The checked file."),
    start: int = typer.Argument(..., help="Start offset of the flagged span, as `check --format json` gives it."),
    end: int = typer.Argument(..., help="End offset (exclusive)."),
    everywhere: bool = typer.Option(False, "--everywhere", help=EVERYWHERE_HELP),
) -> None:
    """Record that the flag at [START, END) is a false alarm: the same text is not flagged
    again for that reason in this manuscript (its project's files, or the file alone), or in
    any with --everywhere. Exit 2: no such flag."""
    _decide(file, start, end, "rejected", everywhere)


@app.command("list")
def list_(
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Only the decisions made in this file."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object a line."),
) -> None:
    """List the recorded decisions, oldest first: id (for `feedback undo`), date, verdict,
    category, the text decided on, the file, and the manuscripts it speaks for."""
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.feedback.store import FeedbackStore
    from galleyproof.views.terminal import show_replacement

    with FeedbackStore() as store:
        rows = store.listed(str(file.resolve()) if file is not None else None)
    for r in rows:
        date = time.strftime("%Y-%m-%d %H:%M", time.localtime(r["created"]))
        scope = r["scope"] or "everywhere"
        if as_json:
            typer.echo(json.dumps({"id": r["id"], "date": date, "verdict": r["verdict"], "category": r["category"],
                                   "span": r["span"], "file": r["document_path"], "scope": r["scope"]},
                                  ensure_ascii=False))
        else:
            typer.echo(f"{r['id']:>5}  {date}  {r['verdict']:<8}  {r['category']:<14}  {show_replacement(r['span'])}"
                       f"  {r['document_path']}" + ("" if scope == r["document_path"] else f"  (for {scope})"))
    if not rows and not as_json:
        typer.echo("no decisions recorded", err=True)


@app.command("undo")
def undo(ids: list[int] = typer.Argument(..., help="Ids that `feedback list` shows.")) -> None:
    """Forget decisions, so their flags come back at the next check. Exit 2: an id not found."""
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.feedback.store import FeedbackStore

    with FeedbackStore() as store:
        known = {r["id"] for r in store.listed()}
        missing = [i for i in ids if i not in known]
        if missing:
            raise fail(f"no decision with id {', '.join(map(str, missing))}; `galleyproof feedback list` shows them")
        n = store.undo(ids)
    typer.echo(f"{n} decision{'s' if n != 1 else ''} undone")


@app.command("forget")
def forget(file: Path = typer.Option(..., "--file", "-f", help="The file whose decisions to forget.")) -> None:
    """Forget every decision made in one file."""
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.feedback.store import FeedbackStore

    with FeedbackStore() as store:
        n = store.forget_file(str(file.resolve()))
    typer.echo(f"{n} decision{'s' if n != 1 else ''} made in {file} forgotten")


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
