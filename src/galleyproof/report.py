"""Views over issues: JSON for machines, bare spans for the task, highlighted text for people."""

from __future__ import annotations

from rich.console import Console, Group
from rich.text import Text

from galleyproof.issues import Issue
from galleyproof.textio import line_col

CATEGORY_STYLES = {
    "spelling": "bold red",
    "word_choice": "bold magenta",
    "punctuation": "bold yellow",
    "whitespace": "bold cyan",
    "capitalization": "bold blue",
    "grammar": "bold green",
}


def file_json(path: str, issues: list[Issue]) -> dict:
    return {"file": path, "issues": [i.to_json() for i in issues]}


def spans(issues: list[Issue]) -> list[list[int]]:
    return [[i.start, i.end] for i in issues]


def _excerpt_bounds(text: str, start: int, end: int, width: int = 60) -> tuple[int, int]:
    """The span's line, cut to about `width` characters each side (prose lines can be paragraphs)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    if hi > lo and text[hi - 1] == "\r":
        hi -= 1
    lo = max(lo, start - width)
    hi = min(hi, max(end, start + 1) + width)
    return lo, max(hi, lo)


def issue_block(path: str, text: str, issue: Issue) -> Group:
    """One issue: where, what, suggestions, and its line with the span highlighted."""
    line, col = line_col(text, issue.start)
    style = CATEGORY_STYLES[issue.category]
    head = Text.assemble(
        (f"{path}:{line}:{col}", "bold"),
        "  ",
        (issue.category, style),
        "  ",
        issue.message,
    )
    if issue.suggestions:
        head.append("  → ")
        head.append(" | ".join(repr(s)[1:-1] if s.strip() != s or not s else s for s in issue.suggestions), "green")
    lo, hi = _excerpt_bounds(text, issue.start, issue.end)
    shown = Text(text[lo:hi].replace("\t", " ").replace("\r", " ").replace("\n", "⏎"))
    shown.stylize(f"{style} underline reverse", issue.start - lo, min(issue.end, hi) - lo)
    prefix = "    …" if lo > 0 and text[lo - 1] != "\n" else "    "
    suffix = "…" if hi < len(text) and text[hi] not in "\r\n" else ""
    return Group(head, Text(prefix) + shown + Text(suffix), Text(""))


def render_text(console: Console, path: str, text: str, issues: list[Issue]) -> None:
    if not issues:
        console.print(Text.assemble((path, "bold"), ": no issues found"), soft_wrap=True)
        return
    for issue in issues:
        console.print(issue_block(path, text, issue), soft_wrap=True)
    console.print(Text.assemble((path, "bold"), f": {len(issues)} issue(s)"), soft_wrap=True)
