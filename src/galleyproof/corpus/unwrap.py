"""Hard-wrapped lines to paragraphs, keeping each character's offset in the raw file.

Works on a *masked* copy of the raw text: same length, with deleted characters (markup,
tags, a BOM) replaced by NUL, so every index is still a raw-file index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from galleyproof.corpus.book import OffsetMap, Paragraph

DELETED = "\0"
#: Stripped from line ends; NUL is a deleted character, so a line of tags is a blank line.
_EDGE = " \t\r\f\v\0\u00a0"
_SPECIAL = re.compile(r"[ \t\0]{2,}|[\t\0]")


@dataclass(slots=True)
class Block:
    """Lines between blank lines, already unwrapped; the layout facts cleaning decides on."""

    text: str
    offsets: OffsetMap
    gap_before: int  # blank lines above it: Gutenberg puts 3+ before a new section
    start: int  # raw span of its lines, for a second look at the layout
    end: int

    def paragraph(self, *, is_heading: bool = False) -> Paragraph:
        return Paragraph(self.text, self.offsets, is_heading)


class _Builder:
    """Accumulates text pieces and merges their offsets into contiguous runs."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.raws: list[int] = []
        self.length = 0

    def add(self, piece: str, raw: int) -> None:
        if not (self.starts and self.raws[-1] + self.length - self.starts[-1] == raw):
            self.starts.append(self.length)
            self.raws.append(raw)
        self.parts.append(piece)
        self.length += len(piece)

    def add_line(self, work: str, start: int, end: int, newline: int | None) -> None:
        """Add ``work[start:end]``, after a space for the line break at ``newline``."""
        line = work[start:end]
        if "\0" not in line and "\t" not in line and "  " not in line:
            if newline is None:
                self.add(line, start)
            elif newline + 1 == start:  # the usual case: one contiguous run
                self.add(" " + line, newline)
            else:
                self.add(" ", newline)
                self.add(line, start)
            return
        if newline is not None:
            self.add(" ", newline)
        # Drop deleted characters; a run with any space becomes its first space.
        pos = 0
        for m in _SPECIAL.finditer(line):
            if m.start() > pos:
                self.add(line[pos : m.start()], start + pos)
            blank = next((i for i, c in enumerate(m.group()) if c != "\0"), None)
            if blank is not None:
                self.add(" ", start + m.start() + blank)
            pos = m.end()
        self.add(line[pos:], start + pos)

    def block(self, gap_before: int, end: int) -> Block:
        offsets = OffsetMap(self.starts, self.raws, self.length)
        return Block("".join(self.parts), offsets, gap_before, self.raws[0], end)


def split_blocks(work: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Unwrap ``work[start:end]`` into blocks: a blank line ends a paragraph, a single line
    break becomes one space (pointing at the newline), and line-edge whitespace goes."""
    end = len(work) if end is None else end
    blocks: list[Block] = []
    builder: _Builder | None = None
    gap = 0
    pending_newline = -1
    pos = start
    while pos < end:
        nl = work.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        line = work[pos:line_end]
        left = line.lstrip(_EDGE)
        body = left.rstrip(_EDGE)
        if body:
            line_start = pos + len(line) - len(left)
            if builder is None:
                builder = _Builder()
                builder.add_line(work, line_start, line_start + len(body), None)
            else:
                builder.add_line(work, line_start, line_start + len(body), pending_newline)
            pending_newline = line_end
        else:
            if builder is not None:
                blocks.append(builder.block(gap, pending_newline))
                builder, gap = None, 0
            gap += 1
        pos = line_end + 1
    if builder is not None:
        blocks.append(builder.block(gap, pending_newline))
    return blocks
