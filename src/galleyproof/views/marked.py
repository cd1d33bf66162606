r"""The text with inline markers: `⟦icey→icy⟧` (top suggestion) or `⟦icey⟧` (none).

Escaping: wherever `\`, `⟦`, `⟧` or `→` occur in the text or in a suggestion, a backslash
is written before them (`\\`, `\⟦`, `\⟧`, `\→`). So an unescaped `⟦` always opens a marker,
an unescaped `→` inside one separates the span from its suggestion, and removing markers
and escapes gives back the file exactly (BOM and CRLF included). An empty suggestion
(`⟦the→⟧`) means delete. Markers cannot nest, so of overlapping issues only those
`fix.non_overlapping` keeps are marked: the ones `--fix` would choose between.
"""

from __future__ import annotations

import re

from galleyproof.issues import Issue
from galleyproof.review.fix import non_overlapping

OPEN, ARROW, CLOSE = "⟦", "→", "⟧"
_SPECIAL = re.compile(r"[\\⟦⟧→]")


def escape(s: str) -> str:
    """Backslash every marker character (and backslash) so the markup stays unambiguous."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(), s)


def render_marked(text: str, issues: list[Issue]) -> str:
    """The whole text, each kept issue's span wrapped in a marker in place."""
    pieces = []
    pos = 0
    for issue in non_overlapping(issues):
        pieces += [escape(text[pos : issue.start]), OPEN, escape(text[issue.start : issue.end])]
        if issue.suggestions:
            pieces += [ARROW, escape(issue.suggestions[0])]
        pieces.append(CLOSE)
        pos = issue.end
    pieces.append(escape(text[pos:]))
    return "".join(pieces)
