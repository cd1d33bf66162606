"""`galleyproof check FILE...`: the main job."""

from __future__ import annotations

import io
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from galleyproof import manuscripts, runlog
from galleyproof.cli.common import fail, load_proofreader
from galleyproof.config import ConfigError, Settings, check_names, settings_for
from galleyproof.feedback.store import scope_of
from galleyproof.issues import Issue, detect_with
from galleyproof.manuscripts import EXTENSIONS, Manuscript
from galleyproof.manuscripts.folders import manuscript_files
from galleyproof.model.passage_cache import PassageCache
from galleyproof.paths import data_home
from galleyproof.paths import unwritable as unwritable_home
from galleyproof.review import fix
from galleyproof.rules import all_rules
from galleyproof.rules.mixed_spellings import with_variety
from galleyproof.suggest.safe import shipped_safe_fixes
from galleyproof.text.io import FileStamp, InputError, line_col
from galleyproof.text.words import iter_words
from galleyproof.threads import default_threads
from galleyproof.views import json_report

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# rich and the other views are imported where they are used: a check reporting JSON loads
# none of them (start-up time, `benchmarks/cold_start.py`).

GIL_SWITCH_S = 0.0002


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    spans = "spans"
    html = "html"
    marked = "marked"
    docx = "docx"


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
    # Imported when used, not on every command's start (start-up time).
    from rich.console import Console

    return Console(file=file, force_terminal=color, color_system="auto" if color else None, highlight=False)


class InputFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    latex = "latex"
    docx = "docx"
    odt = "odt"


#: `check -`: the text comes from standard input.
STDIN = "-"


@dataclass
class Checked:
    """One file checked: the manuscript read and the issues listed for it."""

    manuscript: Manuscript
    issues: list[Issue]
    settings: Settings
    #: What the file was when read (None for standard input): a fix refuses a file changed since.
    stamp: FileStamp | None = None

    @property
    def path(self) -> str:
        return self.manuscript.path


def _complain(message: str) -> None:
    print(f"galleyproof: {message}", file=sys.stderr)


def gather(files: list[Path]) -> tuple[list[tuple[str, Path | None]], int]:
    """The files to check (a folder's manuscript files, `-` standard input) and how many
    arguments could not be (each said on stderr)."""
    found: list[tuple[str, Path | None]] = []
    failed = 0
    for path in files:
        if str(path) == STDIN:
            found.append(("<stdin>", None))
        elif path.is_dir():
            try:
                excluded = settings_for(path).excluded
            except ConfigError as err:
                _complain(str(err))
                failed += 1
                continue
            inside = manuscript_files(path, excluded)
            if not inside:
                _complain(f"{path}: no manuscript files in this folder ({', '.join(e for es in EXTENSIONS.values() for e in es)})")
                failed += 1
            found += [(str(p), p) for p in inside]
        else:
            found.append((str(path), path))
    return found, failed


def read_one(name: str, path: Path | None, input_format: InputFormat | None,
             options: dict) -> tuple[Manuscript, Settings, FileStamp | None]:
    """The manuscript, the settings it is checked with (its config, then the command line) and
    the file's stamp (none for standard input)."""
    settings = settings_for(path if path is not None else Path.cwd()).with_options(**options)
    if settings.only or settings.ignore:
        check_names(settings.only | settings.ignore, (r.id for r in all_rules()),
                    str(settings.source) if settings.source else "--only/--ignore")
    fmt = input_format.value if input_format is not None else None
    if path is None:
        return manuscripts.from_bytes(name, sys.stdin.buffer.read(), fmt or "text"), settings, None
    manuscript, stamp = manuscripts.read_stamped(path, fmt)
    return manuscript, settings, stamp


def forget_passages(detector) -> None:
    """Tell the model not to keep passages for a next check (`ModelDetector.remember_passages`),
    where the detector has one (a `GALLEYPROOF_DETECTOR` factory's may not)."""
    model = getattr(detector, "model", None)
    if hasattr(model, "remember_passages"):
        model.remember_passages = False


def progress_bar(total: int, enabled: bool) -> AbstractContextManager:
    """A bar on stderr, by characters checked, for people watching a terminal; else nothing."""
    if not enabled:
        return nullcontext(None)
    # Imported when used, not on every command's start (start-up time).
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True)


def check(
    files: list[Path] = typer.Argument(..., help="Files to check: plain text (.txt), Markdown (.md), LaTeX (.tex), "
                                       "Word (.docx), OpenDocument (.odt); a folder checks the manuscript files in "
                                       "it; - reads standard input.", show_default=False),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f", help="text: each issue on its line, for people; "
        "html: one self-contained page with the whole text highlighted; marked: the text with "
        "⟦span→suggestion⟧ markers; json: {schema_version, files: [...]} with each issue's line, column "
        "and rule; spans: the bare \\[\\[start, end], ...] list (offsets are Python str indices into the file "
        "as read, BOM and CRLF included); docx: with -o OUT.docx, a copy of a .docx with a comment on each issue."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the report to this file (atomically) instead of stdout.",
        show_default=False,
    ),
    input_format: InputFormat | None = typer.Option(
        None, "--input-format", help="Read every file as this format, whatever its extension (default: "
        "by extension; plain text when unknown, and for standard input).", show_default=False,
    ),
    only: list[str] = typer.Option(
        [], "--only", help="List only issues of this category or rule id (`galleyproof rules`); repeatable.",
        show_default=False,
    ),
    ignore: list[str] = typer.Option(
        [], "--ignore", "--disable", help="Leave out issues of this category or rule id; repeatable.",
        show_default=False,
    ),
    variety: str | None = typer.Option(
        None, "--variety", help="The manuscript's English, en-US or en-GB: the other variety's spellings are "
        "flagged (default: a config's variety; unset, only a spelling the text also writes the other way).",
        show_default=False,
    ),
    sensitivity: str | None = typer.Option(
        None, "--sensitivity", help="How much the model flags: thorough (more slips found) or precise (its "
        "surest flags only: a third to a fifth of the false alarms). Default: a config's, else thorough.",
        show_default=False,
    ),
    color: bool | None = typer.Option(
        None, "--color/--no-color", help="Colour in the text view. Default: only on a terminal; "
        "without colour, ^^^ marks each span.", show_default=False,
    ),
    context: int = typer.Option(0, "--context", "-C", min=0, help="Lines shown before and after each issue's line."),
    apply_fixes: bool = typer.Option(
        False, "--fix", help="Apply the top suggestion of each issue whose rule was measured right at "
        "least 95% of the time at its score (and scoring at least --min-score; overlaps: the higher "
        "score wins), list the other issues, and write FILE.fixed.txt beside FILE (draft.txt -> "
        "draft.fixed.txt); text, Markdown and LaTeX files only, and never inside markup."
    ),
    show_diff: bool = typer.Option(
        False, "--diff", help="Print what --fix would change as a unified diff, and write nothing."
    ),
    min_score: float | None = typer.Option(
        None, "--min-score", min=0.0, max=1.0, help="Least score of an issue listed, and applied by --fix "
        "(default: every issue listed, --fix from 0.8; a config's min_score when it sets one).",
        show_default=False,
    ),
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
    all_voice: bool = typer.Option(
        False, "--all-voice", help="Also list the flags taken as the manuscript's own usage: constructions "
        "flagged again and again in a manuscript where you have rejected flags (a note says how many)."
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Score every paragraph afresh. By default paragraphs scored before "
        "(same text, same model) are taken from a cache in the user data folder, so re-checking an "
        "edited file re-runs only the paragraphs that changed."
    ),
) -> None:
    """Check files and list suspect spans.

    Exit 0: no issues (with --fix: none left unfixed); 1: issues found (left); 2: a file could
    not be read or checked (the others still are). --in-place, --interactive and --diff imply --fix.
    Settings come from the nearest galleyproof.toml above each file (`galleyproof init`).
    """
    if show_diff and (in_place or ask):
        raise fail("--diff writes nothing: it goes with neither --in-place nor --interactive")
    apply_fixes = apply_fixes or in_place or ask or show_diff
    if apply_fixes and (output_format is not OutputFormat.text or output is not None):
        raise fail("--fix lists the fixes it applies; --format and --output are for reports")
    if output_format is OutputFormat.docx and output is None:
        raise fail("--format docx writes a commented copy of a .docx: name it with -o OUT.docx")
    if output is not None and any(str(p) != STDIN and output.resolve() == p.resolve() for p in files):
        raise fail(f"--output {output} is one of the files being checked; refusing to overwrite it")
    if apply_fixes and any(str(p) == STDIN for p in files):
        raise fail("--fix writes beside the file it fixes; standard input has none")
    on_terminal = sys.stdout.isatty() if color is None else color
    try:  # a bad --variety or --sensitivity is named once, here, not once per file read
        Settings().with_options(variety=variety, sensitivity=sensitivity)
    except ConfigError as err:
        raise fail(str(err)) from None
    options = {"only": only, "ignore": ignore, "min_score": min_score, "variety": variety,
               "sensitivity": sensitivity}
    found, failed = gather(files)
    read: list[tuple[Manuscript, Settings, FileStamp | None]] = []
    errors: dict[str, str] = {}
    for name, path in found:
        try:
            manuscript, settings, stamp = read_one(name, path, input_format, options)
            if apply_fixes and manuscript.format in manuscripts.PACKAGED:
                raise InputError(name, f"--fix rewrites text files, not .{manuscript.format}; "
                                 "for a .docx, `--format docx -o OUT.docx` writes a copy with a comment on each issue")
            if in_place:
                fix.ensure_backup_free(Path(name), force)
        except (InputError, fix.FixError, ConfigError) as err:
            _complain(str(err))
            errors[name] = getattr(err, "reason", str(err))
            continue
        read.append((manuscript, settings, stamp))
    failed += len(errors)
    if output_format is OutputFormat.docx and (len(read) != 1 or read[0][0].format != "docx"):
        raise fail("--format docx needs exactly one .docx file to copy")
    if not read:
        raise typer.Exit(2)

    read_only = unwritable_home()
    if read_only is not None:
        print(f"galleyproof: warning: the data folder {data_home()} cannot be written ({read_only}): checking "
              "without the passage cache, and this run is not logged; your decisions and dictionary still apply",
              file=sys.stderr)
    results: list[Checked] = []
    with passage_cache(not no_cache and read_only is None) as cache:
        detector = load_proofreader(threads or default_threads(), cache)
        if len(read) == 1:  # nothing checks again in this process: keep no passages for a next check
            forget_passages(detector)
        if all_voice and hasattr(detector, "hear_voice"):
            detector.hear_voice = False
        voiced: dict[str, Counter[str]] = {}
        started = time.perf_counter()
        total = sum(len(m.prose) for m, _, _ in read)
        with fast_gil_switch(), progress_bar(total, sys.stderr.isatty()) as bar:
            task = bar.add_task("", total=total) if bar is not None else None
            for manuscript, settings, stamp in read:
                if bar is not None:
                    bar.update(task, description=manuscript.path)
                scope = None if stamp is None else scope_of(manuscript.path, settings.root if settings.source else None)
                found_in_prose = with_variety(detect_with(detector, manuscript.prose, scope, settings.sensitivity),
                                              manuscript.prose,
                                              settings.variety)
                if getattr(detector, "last_voiced", None):
                    voiced[manuscript.path] = Counter(detector.last_voiced)
                issues = manuscript.to_source(found_in_prose)
                results.append(Checked(manuscript, settings.select(issues, manuscript.source), settings, stamp))
                if bar is not None:
                    bar.advance(task, len(manuscript.prose))
    seconds = time.perf_counter() - started

    for path, patterns in voiced.items():
        print(voice_note(path, patterns), file=sys.stderr)
    found_count: Counter[str] = Counter(i.category for r in results for i in r.issues)
    if read_only is None:
        runlog.append(
            runlog.RunRecord(
                model_version=detector.version,
                files=len(results),
                characters=sum(len(r.manuscript.prose) for r in results),
                tokens=sum(sum(1 for _ in iter_words(r.manuscript.prose)) for r in results),
                seconds=round(seconds, 4),
                issues=dict(found_count),
            )
        )

    if apply_fixes:
        if show_diff:
            left = diff_files(results)
            raise typer.Exit(2 if failed else 1 if left else 0)
        left = fix_files(results, in_place, force, ask, make_console(on_terminal), context)
        raise typer.Exit(2 if failed else 1 if left else 0)
    if output_format is OutputFormat.text and output is None:
        # Imported when used, not on every command's start (start-up time).
        from galleyproof.views import terminal as report

        console = make_console(on_terminal)
        for r in results:
            report.render_text(console, r.path, r.manuscript.source, r.issues, context, placer(r.manuscript))
        if len(found) > 1 or failed:
            console.print(total_line(results, failed), soft_wrap=True)
    elif output_format is OutputFormat.docx:
        # Imported when used, not on every command's start (start-up time).
        from galleyproof.views import word

        from_path = Path(read[0][0].path)
        try:
            data = word.commented_copy(from_path.read_bytes(), results[0].manuscript, results[0].issues)
        except OSError as err:
            raise fail(f"{from_path}: cannot read: {err}") from None
        fix.atomic_write(output, data)
    elif output is None:
        sys.stdout.write(render(results, output_format, context, errors=errors))
    else:
        try:
            fix.atomic_write(output, render(results, output_format, context, bool(color), errors).encode("utf-8"))
        except OSError as err:
            raise fail(f"cannot write {output}: {err.strerror or err}") from None
    raise typer.Exit(2 if failed else 1 if sum(found_count.values()) else 0)


def voice_note(path: str, patterns: Counter[str]) -> str:
    """Why flags the writer will not see are gone: the constructions taken as the manuscript's
    voice (`feedback.filter.Voice`), most often left out first, and how to see them again."""
    # Imported when there is a voice to tell of, not on every command's start (start-up time).
    from galleyproof.feedback.filter import FORM_KIND_REJECTIONS, VOICE_REJECTIONS, VOICE_REPEATS

    n = sum(patterns.values())
    shown = ", ".join(f"“{p}” ×{k}" for p, k in patterns.most_common(8))
    more = f" and {len(patterns) - 8} more" if len(patterns) > 8 else ""
    return (f"galleyproof: {path}: {n} flag{'s' if n != 1 else ''} not listed as this manuscript's own usage "
            f"(the same construction flagged {VOICE_REPEATS} times or more, or a kind of form you rejected "
            f"{FORM_KIND_REJECTIONS} times or more, after {VOICE_REJECTIONS} or more of your rejections in it): "
            f"{shown}{more}; `--all-voice` lists them, `feedback accept` on one brings its construction or "
            "kind back, `feedback undo` of your rejections brings them all")


def placer(manuscript: Manuscript) -> Callable[[Issue], str] | None:
    """Word and OpenDocument issues are placed as `file:¶paragraph:column`; others by line."""
    if manuscript.paragraphs is None:
        return None

    def place(issue: Issue) -> str:
        paragraph, offset = manuscript.paragraph_of(issue.start)
        return f"{manuscript.path}:¶{paragraph}:{offset + 1}"

    return place


def total_line(results: list[Checked], failed: int) -> Text:
    """The run's last line when several files were asked for."""
    # Imported when used, not on every command's start (start-up time).
    from rich.text import Text

    issues = sum(len(r.issues) for r in results)
    out = Text(f"{len(results)} file{'s' if len(results) != 1 else ''} checked: {issues} issue{'s' if issues != 1 else ''}")
    if failed:
        out.append(f"; {failed} could not be checked (see above)", "bold red")
    return out


def render(results: list[Checked], fmt: OutputFormat, context: int, color: bool = False,
           errors: dict[str, str] | None = None) -> str:
    """The report in `fmt`, as the text to print or write."""
    if fmt is OutputFormat.json:
        files = [json_report.file_json(r.manuscript, r.issues) for r in results]
        files += [json_report.error_json(path, reason) for path, reason in (errors or {}).items()]
        return json.dumps(json_report.report(files), ensure_ascii=False, indent=1) + "\n"
    # Imported when used, not on every command's start (start-up time).
    from galleyproof.views import html, marked
    from galleyproof.views import terminal as report

    if fmt is OutputFormat.spans:
        payload = [report.spans(r.issues) for r in results]
        return json.dumps(payload[0] if len(payload) == 1 else payload) + "\n"
    if fmt is OutputFormat.html:
        return html.render_page([(r.path, r.manuscript.source, r.issues) for r in results])
    if fmt is OutputFormat.marked:
        if len(results) == 1:
            return marked.render_marked(results[0].manuscript.source, results[0].issues)
        return "".join(f"==> {r.path} <==\n{marked.render_marked(r.manuscript.source, r.issues)}\n" for r in results)
    buffer = io.StringIO()
    console = make_console(color, buffer)
    for r in results:
        report.render_text(console, r.path, r.manuscript.source, r.issues, context, placer(r.manuscript))
    return buffer.getvalue()


def safe_edits(result: Checked) -> list[fix.Edit]:
    """What --fix applies unasked to one checked file (`suggest.safe`)."""
    return fix.auto_edits(result.manuscript.source, result.issues, result.settings.fix_score, shipped_safe_fixes())


def diff_files(results: list[Checked]) -> int:
    """Print the unified diff --fix would make of each file; return how many issues it leaves.
    What is left is said on stderr, so an empty diff is not read as "nothing found"."""
    left = 0
    for result in results:
        edits = safe_edits(result)
        sys.stdout.write(fix.unified_diff(result.path, result.manuscript.source, edits))
        unfixed = len(result.issues) - len(edits)
        if unfixed:
            sys.stderr.write(f"galleyproof: {result.path}: {len(edits)} of {len(result.issues)} issues would be "
                             f"fixed; {unfixed} left to read (`galleyproof check {result.path}` lists them)\n")
        left += unfixed
    return left


def fix_files(results: list[Checked], in_place: bool, force: bool, ask: bool, console: Console, context: int) -> int:
    """Fix each file, printing what was applied; return how many issues are left unfixed. A file
    changed since it was read is not written (exit 2): the fix would undo the change."""
    # Imported when used, not on every command's start (start-up time).
    from rich.text import Text

    from galleyproof.views import terminal as report

    left = 0
    for result in results:
        path, text, issues = result.path, result.manuscript.source, result.issues
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
            edits, quit_ = safe_edits(result), False
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
        if not ask:  # what is not applied unasked is listed for the writer to decide
            applied, place = {id(e.issue) for e in edits}, placer(result.manuscript)
            for issue in issues:
                if id(issue) not in applied:
                    console.print(report.issue_block(path, text, issue, context, report.is_plain(console),
                                                     place(issue) if place else None), soft_wrap=True)
        try:
            written = fix.write_fixed(Path(path), text, edits, in_place=in_place, force=force, stamp=result.stamp)
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
