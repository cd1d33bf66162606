"""Markdown (CommonMark, with tables, strikethrough, footnotes and front matter): the prose a
reader sees, parsed by markdown-it-py.

Headings, list items, table cells, block quotes and emphasis are checked as the prose they
hold; code blocks and spans, URLs and link targets, HTML, images, front matter and footnote
labels never are. markdown-it gives each block its lines but no offsets inside them, so each
block's text is found again in its lines, and each inline piece in turn from left to right.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from galleyproof.manuscripts.extract import Manuscript, ProseBuilder

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: `<!-- galleyproof: ignore -->` on its own line: the next paragraph is not checked.
IGNORE_COMMENT = re.compile(r"<!--\s*galleyproof:\s*ignore\s*-->", re.IGNORECASE)
#: A bare address in running text (CommonMark links only `<...>` ones).
BARE_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>]*[^\s<>.,;:!?'\")\]]|\S+@\S+\.[a-z]{2,}\b")
_SKIPPED_MARKS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


def parser() -> MarkdownIt:
    # markdown-it is imported on the first Markdown file, not by every check (start-up time).
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    # text_join off: escapes and entities stay tokens of their own, with their source markup.
    return (MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin)
            .enable(["table", "strikethrough"]).disable("text_join"))


class _Normalised:
    """markdown-it reads CRLF and CR as LF and drops nothing else but a leading BOM; this maps
    offsets in what it read back to the file."""

    def __init__(self, source: str) -> None:
        self.source = source
        if "\r" not in source and not source.startswith("\ufeff"):
            self.text, self._map = source, None
            return
        parts, where = [], []
        i = 1 if source.startswith("\ufeff") else 0
        while i < len(source):
            ch = source[i]
            where.append(i)
            if ch == "\r":
                parts.append("\n")
                i += 2 if source.startswith("\r\n", i) else 1
            else:
                parts.append(ch)
                i += 1
        where.append(len(source))
        self.text, self._map = "".join(parts), where

    def to_source(self, n: int) -> int:
        return n if self._map is None else self._map[n]


class _Inline:
    """One block's inline text (`token.content`) laid over its lines in the file."""

    def __init__(self, text: str, content: str, line_starts: list[int], first_line: int, last_line: int,
                 cursor: list[int]) -> None:
        self.starts: list[int] = []  # where each content line starts in `content`
        self.where: list[int] = []  # ... and in `text`
        pos = 0
        for k, line in enumerate(content.split("\n")):
            n = min(first_line + k, last_line - 1)
            lo = max(line_starts[n], cursor[0])
            hi = line_starts[n + 1] - 1 if n + 1 < len(line_starts) else len(text)
            raw = text[lo:hi]
            if raw.endswith(line):
                at = hi - len(line)
            elif raw.rstrip(" \t").endswith(line):
                at = lo + len(raw.rstrip(" \t")) - len(line)
            else:
                at = text.find(line, lo, hi)
                if at < 0:
                    raise LookupError(line)
            self.starts.append(pos)
            self.where.append(at)
            pos += len(line) + 1
            cursor[0] = at + len(line)
        self.content = content

    def offset(self, i: int) -> int:
        """Where `content[i]` is in the text markdown-it read; a content line break is the one
        ending its line."""
        k = bisect_right(self.starts, i) - 1
        col = i - self.starts[k]
        return self.where[k] + col


def _close_of_link(content: str, pos: int) -> int:
    """The end of a link's `](destination "title")` or `][label]` or `]`, from its `]`."""
    pos += 1
    if content.startswith("(", pos):
        depth, quote, i = 0, "", pos
        while i < len(content):
            ch = content[i]
            if ch == "\\":
                i += 2
                continue
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'" and depth == 1:
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return len(content)
    if content.startswith("[", pos):
        end = content.find("]", pos)
        return len(content) if end < 0 else end + 1
    return pos


def _bracket_end(content: str, pos: int) -> int:
    """The `]` closing the `[` at or after `pos` (nested brackets and escapes counted)."""
    depth, i = 0, pos
    while i < len(content):
        ch = content[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(content) - 1


class _Reader:
    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.norm = _Normalised(source)
        self.out = ProseBuilder(source)
        text = self.norm.text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.row_cursor: dict[tuple[int, int], list[int]] = {}

    def copy(self, inline: _Inline, i: int, j: int) -> None:
        """Copy `content[i:j]` (one line of it) from the file, bare addresses kept out."""
        text = inline.content
        pos = i
        for m in BARE_URL.finditer(text, i, j):
            self._copy_norm(inline.offset(pos), inline.offset(pos) + m.start() - pos)
            self.out.add(m.group())
            pos = m.end()
        self._copy_norm(inline.offset(pos), inline.offset(pos) + j - pos)

    def _copy_norm(self, a: int, b: int) -> None:
        if a < b:
            self.out.copy(self.norm.to_source(a), self.norm.to_source(b))

    def read(self) -> Manuscript:
        for token in parser().parse(self.norm.text):
            if token.type == "html_block" and IGNORE_COMMENT.search(token.content):
                self.out.paragraph_break()
                self.out.ignore_next()
            elif token.type == "inline":
                self.out.paragraph_break()
                self.inline(token)
            elif token.type.endswith("_close") or token.type in ("fence", "code_block", "html_block", "hr"):
                self.out.paragraph_break()
        return self.out.build(self.path, "markdown")

    def inline(self, token: Token) -> None:
        first, last = token.map or (0, len(self.line_starts))
        # Cells of one table row share a line: each is looked for after the one before.
        cursor = self.row_cursor.setdefault((first, last), [0])
        try:
            inline = _Inline(self.norm.text, token.content, self.line_starts, first, last, cursor)
        except LookupError:
            self.out.add_flat(token.content)  # not found in its lines (tabs expanded?): read, never flagged
            return
        self.children(inline, token.children or [])

    def children(self, inline: _Inline, children: list[Token]) -> None:
        content, pos = inline.content, 0
        skip_to = None
        for child in children:
            if skip_to is not None:
                if child.type == skip_to:
                    skip_to = None
                continue
            kind = child.type
            if kind == "text":
                at = content.find(child.content, pos)
                if at < 0:
                    continue
                self.copy(inline, at, at + len(child.content))
                pos = at + len(child.content)
            elif kind in ("softbreak", "hardbreak"):
                at = content.find("\n", pos)
                if at >= 0:
                    self.copy(inline, at, at + 1)
                    pos = at + 1
            elif kind in _SKIPPED_MARKS:
                at = content.find(child.markup, pos)
                pos = pos if at < 0 else at + len(child.markup)
            elif kind == "text_special":  # an escape or an entity: its character, never flagged
                at = content.find(child.markup, pos)
                self.out.add(child.content)
                pos = pos if at < 0 else at + len(child.markup)
            elif kind == "code_inline":
                pos = self.code_span(content, pos, child)
            elif kind == "html_inline":
                at = content.find(child.content, pos)
                pos = pos if at < 0 else at + len(child.content)
            elif kind == "link_open" and child.markup == "autolink":
                end = content.find(">", pos)
                start = content.find("<", pos)
                self.out.add(content[start + 1 : end] if 0 <= start < end else "")
                pos = pos if end < 0 else end + 1
                skip_to = "link_close"
            elif kind == "link_open":
                at = content.find("[", pos)
                pos = pos if at < 0 else at + 1
            elif kind == "link_close":
                at = content.find("]", pos)
                pos = pos if at < 0 else _close_of_link(content, at)
            elif kind == "image":
                at = content.find("![", pos)
                if at >= 0:
                    end = _close_of_link(content, _bracket_end(content, at + 1))
                    self.out.add_flat(content[at:end])
                    pos = end
            elif kind == "footnote_ref":
                at = content.find("[^", pos)
                end = content.find("]", at + 2) if at >= 0 else -1
                pos = pos if end < 0 else end + 1

    def code_span(self, content: str, pos: int, child: Token) -> int:
        """A code span is read as its code (so its sentence still reads whole), never flagged."""
        ticks = child.markup
        at = content.find(ticks, pos)
        if at < 0:
            return pos
        end = at + len(ticks)
        while True:
            end = content.find(ticks, end)
            if end < 0:
                self.out.add_flat(child.content)
                return at + len(ticks)
            if not content.startswith("`", end + len(ticks)) and content[end - 1] != "`":
                break
            end += 1
        self.out.add_flat(content[at : end + len(ticks)])
        return end + len(ticks)


def read_markdown(path: str, source: str) -> Manuscript:
    """The Markdown file's prose, every character copied from `source` placed exactly."""
    return _Reader(path, source).read()
