"""A manuscript as checked: the file's text as read, the prose in it, and the map between them.

A reader (Markdown, LaTeX, Word, ...) builds the prose the check reads: the paragraphs a
reader of the book would see, in plain text, each character either copied from the file
(its offset kept) or put there by the reader (a paragraph break between blocks, "é" for
`\\'e`, a code span kept for context) and owned by no offset. An issue maps back to the file
only where its whole span was copied from one unbroken stretch of the file: so no flag, and
no `--fix` edit, ever lands on markup.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

from galleyproof.issues import Issue
from galleyproof.text.paragraphs import PARAGRAPH_BREAK

#: `origin` of a character the reader put in the prose: it indexes nothing in the file.
NOT_IN_FILE = -1
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Manuscript:
    """One file as read (`source`; offsets index it) and its prose as checked (`prose`).

    `origin[i]` is the offset in `source` of `prose[i]`, or `NOT_IN_FILE`; None means the
    prose is the source (plain text). `paragraphs`, for formats made of paragraphs (Word,
    OpenDocument), holds where each paragraph starts in `source`.
    """

    path: str
    format: str
    source: str
    prose: str
    origin: array | None = None
    paragraphs: list[int] | None = field(default=None, repr=False)

    @classmethod
    def plain(cls, path: str, text: str, fmt: str = "text") -> Manuscript:
        return cls(path, fmt, text, text)

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where `prose[start:end]` is in `source`, or None when it is not one stretch of it."""
        if self.origin is None:
            return start, end
        first = self.origin[start]
        if first < 0 or any(self.origin[k] != first + k - start for k in range(start + 1, end)):
            return None
        return first, first + end - start

    def to_source(self, issues: list[Issue]) -> list[Issue]:
        """The issues found in `prose`, placed in `source`; those touching markup are dropped."""
        if self.origin is None:
            return issues
        placed = []
        for issue in issues:
            span = self.source_span(issue.start, issue.end)
            if span is not None:
                placed.append(_moved(issue, *span))
        return sorted(placed, key=lambda i: (i.start, i.end, i.category, i.message))

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        """(1-based paragraph number, offset in it) of a `source` offset, for paragraph formats."""
        if not self.paragraphs:
            raise ValueError(f"{self.format} has no paragraph numbers")
        lo, hi = 0, len(self.paragraphs)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if self.paragraphs[mid] <= offset else (lo, mid)
        return lo + 1, offset - self.paragraphs[lo]


def _moved(issue: Issue, start: int, end: int) -> Issue:
    return Issue(start, end, issue.category, issue.message, issue.suggestions, issue.score,
                 issue.suggestion_scores, issue.rule)


class ProseBuilder:
    """Builds a `Manuscript`'s prose a piece at a time, keeping each character's origin.

    `ignore_next()` (an inline ignore comment) makes the next paragraph the reader's own:
    still read, for context, but never flagged.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.pieces: list[str] = []
        self.origin = array("q")
        self._ignoring = False
        self._ignored_something = False
        self._at_break = True

    def copy(self, start: int, end: int) -> None:
        """Copy `source[start:end]` into the prose, offsets kept."""
        if start >= end:
            return
        if self._ignoring:
            self._copy_ignored(start, end)
            return
        self.pieces.append(self.source[start:end])
        self.origin.extend(range(start, end))
        self._at_break = False

    def _copy_ignored(self, start: int, end: int) -> None:
        """Within an ignored paragraph the text is the reader's, up to the paragraph's end."""
        pos = start
        while self._ignoring:
            m = PARAGRAPH_BREAK.search(self.source, pos, end)
            if m is None:
                self.add(self.source[pos:end])
                return
            if self.source[pos : m.start()].strip() or self._ignored_something:
                self.add(self.source[pos : m.start()])
                self.paragraph_break()
                pos = m.end()
            else:
                pos = m.end()
        self.copy(pos, end)

    def add(self, text: str) -> None:
        """Put text of the reader's own into the prose (flags touching it are dropped)."""
        if not text:
            return
        self.pieces.append(text)
        self.origin.extend([NOT_IN_FILE] * len(text))
        if text.strip():
            self._ignored_something |= self._ignoring
            self._at_break = False

    def add_flat(self, text: str) -> None:
        """`add`, with any run of white space made one space, so it never breaks a paragraph."""
        self.add(_SPACES.sub(" ", text))

    def paragraph_break(self) -> None:
        """End the paragraph being built (once, however often called)."""
        if self._ignoring and self._ignored_something:
            self._ignoring = self._ignored_something = False
        if self._at_break:
            return
        self.pieces.append("\n\n")
        self.origin.extend([NOT_IN_FILE, NOT_IN_FILE])
        self._at_break = True

    def ignore_next(self) -> None:
        self._ignoring, self._ignored_something = True, False

    def build(self, path: str, fmt: str, paragraphs: list[int] | None = None) -> Manuscript:
        return Manuscript(path, fmt, self.source, "".join(self.pieces), self.origin, paragraphs)
