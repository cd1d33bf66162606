"""Views over issues: JSON for machines, bare spans for the task, highlighted text for people."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from rich.cells import cell_len
from rich.console import Console, Group
from rich.text import Text

from galleyproof.issues import CATEGORIES, Issue
from galleyproof.text.io import line_col, line_start

CATEGORY_STYLES = {
    "spelling": "bold red",
    "word_choice": "bold magenta",
    "punctuation": "bold yellow",
    "whitespace": "bold cyan",
    "capitalization": "bold blue",
    "grammar": "bold green",
}

#: Characters shown each side of a span on its line; prose lines can be whole paragraphs.
WINDOW = 60


def spans(issues: list[Issue]) -> list[list[int]]:
    return [[i.start, i.end] for i in issues]


_EDGE_SPACE = "␣"


def show_replacement(s: str) -> str:
    """A suggestion as a person can read it, never as a Python literal: deletions named, line
    breaks `⏎`, tabs `⇥`, other control characters their Unicode pictures, and a space at
    either end `␣`, so "the⏎side" and "␣;" show what will be written."""
    if not s:
        return "(delete)"
    s = s.replace("\t", "⇥")
    shown = _visible(s, 0, len(s))[0]
    core = shown.strip(" ")
    if not core:
        return _EDGE_SPACE * len(shown)
    lead = len(shown) - len(shown.lstrip(" "))
    trail = len(shown) - len(shown.rstrip(" "))
    return _EDGE_SPACE * lead + core + _EDGE_SPACE * trail


def category_counts(issues: list[Issue]) -> list[tuple[str, int]]:
    """Issues per category, in the fixed category order, leaving out empty ones."""
    counts = Counter(i.category for i in issues)
    return [(c, counts[c]) for c in CATEGORIES if counts[c]]


def _visible(text: str, lo: int, hi: int) -> tuple[str, list[int]]:
    """`text[lo:hi]` made safe for one terminal row, and where each source offset lands in it.

    Tabs become spaces, line breaks `⏎` (a CRLF one symbol), other control characters their
    Unicode pictures, so a file cannot send escape codes to the terminal.
    """
    out: list[str] = []
    where: list[int] = []
    pos = 0
    for i in range(lo, hi):
        ch = text[i]
        where.append(pos)
        if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            shown = ""
        elif ch in "\r\n":
            shown = "⏎"
        elif ch == "\t":
            shown = " "
        elif ord(ch) < 0x20:
            shown = chr(0x2400 + ord(ch))
        elif ch == "\x7f":
            shown = "␡"
        else:
            shown = ch
        out.append(shown)
        pos += len(shown)
    where.append(pos)
    return "".join(out), where


_line_start = line_start
_LINE_END = re.compile(r"\r\n?|\n")


def _content_end(text: str, start: int) -> int:
    """End of a line's text, before its `\\n`, `\\r\\n` or lone `\\r`."""
    end = _LINE_END.search(text, start)
    return len(text) if end is None else end.start()


def _next_line(text: str, pos: int) -> int:
    """Where the line after the one holding `pos` starts; -1 after the last line."""
    end = _LINE_END.search(text, pos)
    return -1 if end is None or end.end() >= len(text) else end.end()


def _issue_region(text: str, issue: Issue) -> tuple[int, int]:
    """The whole lines the span touches; a span ending in a line break ends there."""
    lo = _line_start(text, issue.start)
    if text[issue.end - 1] == "\n" or (text[issue.end - 1] == "\r" and text[issue.end : issue.end + 1] != "\n"):
        return lo, issue.end
    return lo, max(_content_end(text, issue.end - 1), issue.end)


def _context_lines(text: str, lo: int, hi: int, n: int) -> tuple[list[int], list[int]]:
    """Start offsets of up to `n` lines before `lo`'s line and after the line ending at `hi`."""
    before = []
    pos = lo
    while len(before) < n and pos > 0:
        pos = _line_start(text, pos - 1)
        before.insert(0, pos)
    after = []
    nxt = hi if hi > 0 and line_start(text, hi) == hi else _next_line(text, hi)
    while len(after) < n and 0 <= nxt < len(text):
        after.append(nxt)
        nxt = _next_line(text, nxt)
    return before, after


def _row(gutter: str, body: Text) -> Text:
    return Text.assemble((gutter, "dim"), body)


def _context_row(text: str, start: int, gutter: str, keep_tail: bool) -> Text:
    end = _content_end(text, start)
    lo, hi = start, end
    if end - start > 2 * WINDOW:
        lo, hi = (end - 2 * WINDOW, end) if keep_tail else (start, start + 2 * WINDOW)
    shown, _ = _visible(text, lo, hi)
    return _row(gutter, Text(("…" if lo > start else "") + shown + ("…" if hi < end else ""), "dim"))


def issue_block(path: str, text: str, issue: Issue, context: int = 0, plain: bool = False,
                place: str | None = None) -> Group:
    """One issue: where, what, suggestions, and its line (with `context` lines around) marked.

    `plain` draws `^^^` under the span instead of colour, for output without styles; `place`
    replaces `path:line:col` (a Word file's issue is placed by paragraph).
    """
    line, col = line_col(text, issue.start)
    style = CATEGORY_STYLES[issue.category]
    head = Text.assemble((place or f"{path}:{line}:{col}", "bold"), "  ", (issue.category, style), "  ", issue.message)
    if issue.suggestions:
        head.append("  → ")
        head.append(" | ".join(show_replacement(s) for s in issue.suggestions), "green")
    head.append(f"  [{issue.score:.2f}]", "dim")

    line_lo, line_hi = _issue_region(text, issue)
    before, after = _context_lines(text, line_lo, line_hi, context)
    last_line = line_col(text, after[-1])[0] if after else line_col(text, line_hi)[0]
    width = len(str(last_line))

    def gutter(n: int | None) -> str:
        return f"{'' if n is None else n:>{width}} │ "

    rows = [_context_row(text, s, gutter(line_col(text, s)[0]), keep_tail=True) for s in before]
    lo, hi = max(line_lo, issue.start - WINDOW), min(line_hi, issue.end + WINDOW)
    shown, where = _visible(text, lo, hi)
    prefix = "…" if lo > line_lo else ""
    body = Text(prefix + shown + ("…" if hi < line_hi else ""))
    a, b = len(prefix) + where[issue.start - lo], len(prefix) + where[issue.end - lo]
    if plain:
        rows.append(_row(gutter(line), body))
        marks = " " * cell_len(body.plain[:a]) + "^" * max(1, cell_len(body.plain[a:b]))
        rows.append(_row(gutter(None), Text(marks)))
    else:
        body.stylize(f"{style} underline", a, b)
        rows.append(_row(gutter(line), body))
    rows += [_context_row(text, s, gutter(line_col(text, s)[0]), keep_tail=False) for s in after]
    return Group(head, *rows, Text(""))


def is_plain(console: Console) -> bool:
    """True when the console shows no colour (piped, `--no-color`, `NO_COLOR`)."""
    return console.no_color or console.color_system is None


def summary(path: str, issues: list[Issue]) -> Text:
    """`path: 3 issues (spelling 2, grammar 1)`, the line a writer reads last."""
    if not issues:
        return Text.assemble((path, "bold"), ": no issues found")
    out = Text.assemble((path, "bold"), f": {len(issues)} issue{'s' if len(issues) != 1 else ''} (")
    for k, (category, n) in enumerate(category_counts(issues)):
        out.append(", " if k else "")
        out.append(category, CATEGORY_STYLES[category])
        out.append(f" {n}")
    out.append(")")
    return out


def render_text(console: Console, path: str, text: str, issues: list[Issue], context: int = 0,
                place: Callable[[Issue], str] | None = None) -> None:
    plain = is_plain(console)
    for issue in issues:
        where = place(issue) if place is not None else None
        console.print(issue_block(path, text, issue, context, plain, where), soft_wrap=True)
    console.print(summary(path, issues), soft_wrap=True)
