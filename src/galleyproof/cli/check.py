"""`galleyproof check FILE...`: the main job."""

from __future__ import annotations

import io
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from galleyproof import runlog
from galleyproof.cli.common import fail, load_proofreader
from galleyproof.issues import Issue
from galleyproof.model.passage_cache import PassageCache
from galleyproof.review import fix
from galleyproof.text.io import FileStamp, InputError, line_col, read_stamped
from galleyproof.text.words import iter_words
from galleyproof.threads import default_threads
from galleyproof.views import html, marked
from galleyproof.views import terminal as report

GIL_SWITCH_S = 0.0002


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    spans = "spans"
    html = "html"
    marked = "marked"


@contextmanager
def fast_gil_switch() -> Iterator[None]:
    """How long a thread keeps the GIL once another asks for it (Python's default: 5 ms): a
    model thread back from numpy gets it sooner and the cores stay busy (a few % faster)."""
    switch = sys.getswitchinterval()
    sys.setswitchinterval(GIL_SWITCH_S)
    try:
        yield
    finally:
        sys.setswitchinterval(switch)


def passage_cache(enabled: bool) -> AbstractContextManager[PassageCache | None]:
    """The user's passage cache, closed after the checks inside (its own context manager);
    None when disabled."""
    return PassageCache() if enabled else nullcontext()


def make_console(color: bool, file: io.TextIOBase | None = None) -> Console:
    """A console that colours exactly when `color` says (stdout when `file` is None)."""
    return Console(file=file, force_terminal=color, color_system="auto" if color else None, highlight=False)


def check(
    files: list[Path] = typer.Argument(..., help="UTF-8 text files to check.", show_default=False),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f", help="text: each issue on its line, for people; "
        "html: one self-contained page with the whole text highlighted; marked: the text with "
        "⟦span→suggestion⟧ markers; json: issues per file; spans: the bare \\[\\[start, end], ...] "
        "list (offsets are Python str indices into the file as read, BOM and CRLF included)."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the report to this file (atomically) instead of stdout.",
        show_default=False,
    ),
    color: bool | None = typer.Option(
        None, "--color/--no-color", help="Colour in the text view. Default: only on a terminal; "
        "without colour, ^^^ marks each span.", show_default=False,
    ),
    context: int = typer.Option(0, "--context", "-C", min=0, help="Lines shown before and after each issue's line."),
    apply_fixes: bool = typer.Option(
        False, "--fix", help="Apply top suggestions scoring at least --min-score (overlaps: the "
        "higher score wins) and write FILE.fixed.txt beside FILE (draft.txt -> draft.fixed.txt)."
    ),
    min_score: float = typer.Option(0.8, "--min-score", min=0.0, max=1.0, help="Least issue score --fix applies."),
    in_place: bool = typer.Option(
        False, "--in-place", help="With --fix: rewrite FILE itself, first backing it up as FILE.bak."
    ),
    force: bool = typer.Option(False, "--force", help="With --in-place: overwrite an existing FILE.bak."),
    ask: bool = typer.Option(
        False, "--interactive", "-i", help="With --fix: decide each issue with one key: a accept, "
        "1-5 pick a suggestion, r reject, e edit (type a line), s skip, q quit (keeps what was decided)."
    ),
    threads: int = typer.Option(
        0, "--threads", "-j", min=0, help="Threads to run the model on; 0: one per core, at most 4. "
        "The issues are the same for any number.", show_default=False,
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Score every paragraph afresh. By default paragraphs scored before "
        "(same text, same model) are taken from a cache in the user data folder, so re-checking an "
        "edited file re-runs only the paragraphs that changed."
    ),
) -> None:
    """Check files and list suspect spans.

    Exit 0: no issues (with --fix: none left unfixed); 1: issues found (left); 2: bad input.
    --in-place and --interactive imply --fix.
    """
    apply_fixes = apply_fixes or in_place or ask
    if apply_fixes and (output_format is not OutputFormat.text or output is not None):
        raise fail("--fix lists the fixes it applies; --format and --output are for reports")
    if output is not None and any(output.resolve() == p.resolve() for p in files):
        raise fail(f"--output {output} is one of the files being checked; refusing to overwrite it")
    on_terminal = sys.stdout.isatty() if color is None else color
    texts: list[tuple[str, str]] = []
    stamps: list[FileStamp] = []  # what each file was when read: a fix refuses a file changed since
    for path in files:
        try:
            text, stamp = read_stamped(path)
            texts.append((str(path), text))
            stamps.append(stamp)
            if in_place:
                fix.ensure_backup_free(path, force)
        except (InputError, fix.FixError) as err:
            raise fail(str(err)) from None

    with passage_cache(not no_cache) as cache:
        detector = load_proofreader(threads or default_threads(), cache)
        started = time.perf_counter()
        with fast_gil_switch():
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

    if apply_fixes:
        left = fix_files(results, stamps, min_score, in_place, force, ask, make_console(on_terminal), context)
        raise typer.Exit(1 if left else 0)
    if output_format is OutputFormat.text and output is None:
        console = make_console(on_terminal)
        for path, text, issues in results:
            report.render_text(console, path, text, issues, context)
    elif output is None:
        sys.stdout.write(render(results, output_format, context))
    else:
        try:
            fix.atomic_write(output, render(results, output_format, context, bool(color)).encode("utf-8"))
        except OSError as err:
            raise fail(f"cannot write {output}: {err.strerror or err}") from None
    raise typer.Exit(1 if sum(found.values()) else 0)


def render(
    results: list[tuple[str, str, list[Issue]]], fmt: OutputFormat, context: int, color: bool = False
) -> str:
    """The report in `fmt`, as the text to print or write."""
    if fmt is OutputFormat.json:
        payload = [report.file_json(p, issues) for p, _, issues in results]
        return json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=1) + "\n"
    if fmt is OutputFormat.spans:
        payload = [report.spans(issues) for _, _, issues in results]
        return json.dumps(payload[0] if len(payload) == 1 else payload) + "\n"
    if fmt is OutputFormat.html:
        return html.render_page(results)
    if fmt is OutputFormat.marked:
        if len(results) == 1:
            return marked.render_marked(results[0][1], results[0][2])
        return "".join(f"==> {p} <==\n{marked.render_marked(t, issues)}\n" for p, t, issues in results)
    buffer = io.StringIO()
    console = make_console(color, buffer)
    for path, text, issues in results:
        report.render_text(console, path, text, issues, context)
    return buffer.getvalue()


def fix_files(
    results: list[tuple[str, str, list[Issue]]],
    stamps: list[FileStamp],
    min_score: float,
    in_place: bool,
    force: bool,
    ask: bool,
    console: Console,
    context: int,
) -> int:
    """Fix each file, printing what was applied; return how many issues are left unfixed. A file
    changed since it was read is not written (exit 2): the fix would undo the change."""
    left = 0
    for (path, text, issues), stamp in zip(results, stamps):
        if ask:
            # Imported only when asked: it needs termios, which is POSIX only.
            from galleyproof.review import interactive

            try:
                with interactive.open_keys() as keys:
                    edits, quit_ = interactive.review(path, text, issues, keys, console, context=context)
            except KeyboardInterrupt:
                console.print(Text(f"\n{path}: interrupted; nothing written"))
                raise typer.Exit(130) from None
        else:
            edits, quit_ = fix.auto_edits(text, issues, min_score), False
        for e in edits:
            line, col = line_col(text, e.issue.start)
            console.print(
                Text.assemble(
                    f"{path}:{line}:{col}  ",
                    (e.issue.category, report.CATEGORY_STYLES[e.issue.category]),
                    f"  {report.show_replacement(text[e.issue.start:e.issue.end])} → ",
                    (report.show_replacement(e.replacement), "green"),
                ),
                soft_wrap=True,
            )
        try:
            written = fix.write_fixed(Path(path), text, edits, in_place=in_place, force=force, stamp=stamp)
        except fix.FixError as err:
            raise fail(str(err)) from None
        except OSError as err:
            raise fail(f"{path}: cannot write the fix: {err}") from None
        left += len(issues) - len(edits)
        if not in_place:
            where = f"wrote {written.target}"
            if written.set_aside is not None:
                where += f" (the earlier one kept as {written.set_aside})"
        else:
            where = f"rewrote {path} (original in {fix.backup_path(Path(path))})" if edits else "file unchanged"
        console.print(
            Text(f"{path}: {len(edits)} of {len(issues)} issue{'s' if len(issues) != 1 else ''} fixed; {where}"),
            soft_wrap=True,
        )
        if quit_:
            break
    return left
