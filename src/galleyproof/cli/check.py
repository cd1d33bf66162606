"""`galleyproof check FILE...`: the main job."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from galleyproof import report, runlog
from galleyproof.textio import InputError, read_text
from galleyproof.words import iter_words


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    spans = "spans"


def fail(message: str) -> typer.Exit:
    """Print one line to stderr and give the exit that scripts read as a usage/input error."""
    print(f"galleyproof: {message}", file=sys.stderr)
    return typer.Exit(2)


def check(
    files: list[Path] = typer.Argument(..., help="UTF-8 text files to check.", show_default=False),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f", help="text: highlighted for people; json: issues per file; "
        "spans: the bare [[start, end], ...] list (offsets are Python str indices)."
    ),
    color: bool = typer.Option(True, "--color/--no-color", help="Colour in the text view."),
) -> None:
    """Check files and list suspect spans. Exit 0: no issues; 1: issues found; 2: bad input."""
    texts: list[tuple[str, str]] = []
    for path in files:
        try:
            texts.append((str(path), read_text(path)))
        except InputError as err:
            raise fail(str(err)) from None

    from galleyproof.detect import load_default_detector

    try:
        detector = load_default_detector()
    except (OSError, ValueError) as err:
        raise fail(f"cannot load the model: {err}") from None

    started = time.perf_counter()
    results = [(path, text, detector.detect(text)) for path, text in texts]
    seconds = time.perf_counter() - started

    found: Counter[str] = Counter(i.category for _, _, issues in results for i in issues)
    runlog.append(
        runlog.RunRecord(
            model_version=detector.version,
            files=len(texts),
            characters=sum(len(t) for _, t in texts),
            tokens=sum(sum(1 for _ in iter_words(t)) for _, t in texts),
            seconds=round(seconds, 4),
            issues=dict(found),
        )
    )

    if output_format is OutputFormat.json:
        payload = [report.file_json(p, issues) for p, _, issues in results]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=1))
    elif output_format is OutputFormat.spans:
        payload = [report.spans(issues) for _, _, issues in results]
        print(json.dumps(payload[0] if len(payload) == 1 else payload))
    else:
        console = Console(no_color=not color, highlight=False)
        for path, text, issues in results:
            report.render_text(console, path, text, issues)
    raise typer.Exit(1 if sum(found.values()) else 0)
