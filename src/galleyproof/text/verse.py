"""Line breaks the writer chose: verse and songs in a novel, where each line opens with a
capital whatever the mark before it.

The model reads a paragraph's lines joined by spaces, as training read its books, and in
prose a semicolon or comma before a capital is a slip ("the land; Men drive us" wants a full
stop). In verse it is the poet's line. A break is told from a wrapped one by its length: in
hard-wrapped prose every break is forced (the next word would not have fitted on the line),
while a verse line stops with room to spare. A file of unwrapped paragraphs has no forced
breaks, and there only short lines count, as a paragraph is seldom as short as a verse line.
A line as long as the prose's is verse where it is indented deeper than the prose (Gutenberg
sets songs so).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from galleyproof.text.paragraphs import NEWLINE
from galleyproof.text.words import OPENING_MARKS

#: Both lines of a chosen break are at most this long (a verse line, not a paragraph).
MAX_LINE = 80
#: The wrap width is this percentile of the document's line widths: full lines are common in
#: wrapped prose, and a stray long line (a table, an address) does not move it.
WRAP_PERCENTILE = 0.95
#: A break is chosen when the next line's first word would have fitted this far inside it.
SLACK = 2
#: What may stand before a line's first letter: indentation, opening quotes, italic marks.
_LINE_OPENING = " \t" + OPENING_MARKS
_NEWLINE = re.compile(NEWLINE)
_FIRST_WORD = re.compile(r"\S+")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end of the text less trailing spaces) of every line."""
    lines, start = [], 0
    for m in _NEWLINE.finditer(text):
        lines.append((start, start + len(text[start : m.start()].rstrip())))
        start = m.end()
    lines.append((start, start + len(text[start:].rstrip())))
    return lines


def _indent(text: str, start: int, end: int) -> int:
    line = text[start:end]
    return len(line) - len(line.lstrip(" \t"))


def _wrap_width(widths: list[int]) -> int:
    ordered = sorted(widths)
    return ordered[min(len(ordered) - 1, int(WRAP_PERCENTILE * len(ordered)))] if ordered else 0


class ChosenBreaks:
    """The document's chosen breaks, as (end of a line's text, first letter of the next)."""

    def __init__(self, text: str) -> None:
        self.ends: list[int] = []
        self.starts: list[int] = []
        if "\n" not in text and "\r" not in text:
            return
        lines = _lines(text)
        width = _wrap_width([end - start for start, end in lines if end > start])
        indents = Counter(_indent(text, start, end) for start, end in lines if end > start)
        prose_indent = indents.most_common(1)[0][0] if indents else 0
        block: list[tuple[int, int] | None] = []  # each break of the block: chosen, or None
        for (a_start, a_end), (b_start, b_end) in zip(lines, lines[1:]):
            if a_end == a_start:
                continue
            if b_end == b_start:  # a blank line: the block ends
                self._keep(block)
                block = []
                continue
            block.append(self._chosen(text, width, prose_indent, a_start, a_end, b_start, b_end))
        self._keep(block)

    def _keep(self, block: list[tuple[int, int] | None]) -> None:
        """A block's chosen breaks, when they are at least half its breaks: a wrapped paragraph
        may hold one odd break, verse is mostly such breaks."""
        chosen = [b for b in block if b is not None]
        if chosen and 2 * len(chosen) >= len(block):
            for end, start in chosen:
                self.ends.append(end)
                self.starts.append(start)

    @staticmethod
    def _chosen(text: str, width: int, prose_indent: int, a_start: int, a_end: int, b_start: int,
                b_end: int) -> tuple[int, int] | None:
        """(a_end, the next line's first letter) if the break between lines a and b was chosen,
        with a capital after it."""
        line = text[b_start:b_end]
        first = _FIRST_WORD.search(line)
        if first is None or not line.lstrip(_LINE_OPENING)[:1].isupper():
            return None
        if a_end - a_start > MAX_LINE or b_end - b_start > MAX_LINE:
            return None
        indented = min(_indent(text, a_start, a_end), first.start()) > prose_indent
        if not indented and a_end - a_start + 1 + len(first.group()) > width - SLACK:
            return None  # forced: the word would not have fitted
        return a_end, b_start + len(line) - len(line.lstrip(_LINE_OPENING))

    def __len__(self) -> int:
        return len(self.ends)

    def ends_line(self, end: int) -> bool:
        """Whether `end` is where the text of a line before a chosen break stops."""
        i = bisect.bisect_left(self.ends, end)
        return i < len(self.ends) and self.ends[i] == end

    def opens_line(self, start: int) -> bool:
        """Whether `start` is the first letter of a line after a chosen break."""
        i = bisect.bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] == start

    def crossed(self, start: int, end: int) -> bool:
        """Whether [start, end) runs from one line into the next across a chosen break."""
        i = bisect.bisect_left(self.ends, start + 1)
        return i < len(self.ends) and self.ends[i] < end and self.starts[i] < end
