"""Keep what the author wrote: drop Gutenberg boilerplate, credits, notes, tags and contents.

Deletions inside lines (tags, italic underscores) are masked, not cut, so offsets stay raw;
whole blocks (credits, notes, tables of contents) are dropped after unwrapping.
"""

from __future__ import annotations

import re

from galleyproof.corpus.book import Paragraph
from galleyproof.corpus.unwrap import DELETED, Block, split_blocks
from galleyproof.text.paragraphs import ITALIC_MARK, is_heading

_START = re.compile(r"^[ \t]*\*{3}[ \t]*START OF\b[^\n]*(?:\n|\Z)", re.I | re.M)
_END = re.compile(r"^[ \t]*\*{3}[ \t]*END OF\b", re.I | re.M)

_BRACKETS = re.compile(r"\[([^\[\]]{0,4000})\]")
_EDITORIAL = re.compile(
    r"^\s*illustration|transcriber|\be-?texts?\b|\bebooks?\b|project gutenberg|editor['’]s note", re.I
)
_CREDIT = re.compile(
    r"(?:produced by|e-?text (?:was )?(?:prepared|produced) by|this e-?(?:text|book) was|"
    r"transcribed from|html version by)\b",
    re.I,
)
_PG_NOTE = re.compile(r"project gutenberg", re.I)
_NOTES_HEADING = re.compile(r"transcriber['’]?s?\s+notes?\b", re.I)
_CONTENTS = re.compile(r"(?:table of contents|contents|(?:list of )?illustrations)[.:]?", re.I)
_ALNUM = re.compile(r"[^\W_]")

_ENTRY_KEYWORD = re.compile(r"(?i:chapter|part|book|volume|stave|letter|phase)\b")
_ENTRY = re.compile(_ENTRY_KEYWORD.pattern + r"|(?:[IVXLCDM]+|\d+)\b")

#: Gutenberg texts put 3+ blank lines before a new section (chapter, story, book).
SECTION_GAP = 3
CONTENTS_MEAN_LINE = 55


def body_span(text: str) -> tuple[int, int]:
    """``(start, end)`` of what lies between the ``*** START OF`` and ``*** END OF`` lines,
    or of the whole text where a marker is missing."""
    start_match = _START.search(text)
    start = start_match.end() if start_match else 0
    end_match = _END.search(text, start)
    return start, end_match.start() if end_match else len(text)


def mask(raw: str) -> str:
    """Same-length copy of ``raw`` with editorial brackets, italic underscores and a BOM
    turned into NUL (newlines kept, so bracketed lines read as blank lines)."""

    def bracket(m: re.Match[str]) -> str:
        inner = m.group(1)
        if not _EDITORIAL.search(inner):
            return m.group()
        return re.sub(r"[^\n]", DELETED, m.group())

    work = ITALIC_MARK.sub(DELETED, _BRACKETS.sub(bracket, raw))
    return DELETED + work[1:] if work.startswith("\ufeff") else work


def _section_end(blocks: list[Block], i: int) -> int:
    """Index after the section that starts at block ``i`` (up to the next wide gap)."""
    j = i + 1
    while j < len(blocks) and blocks[j].gap_before < SECTION_GAP:
        j += 1
    return j


def _is_contents_entry(work: str, block: Block) -> bool:
    """Short lines, or lines that mostly open with "Chapter" or a numeral: a listing, where
    wrapped prose runs its lines to ~70 columns."""
    lines = [" ".join(line.split()) for line in work[block.start : block.end].split("\n")]
    lines = [line for line in lines if line]
    if sum(map(len, lines)) <= CONTENTS_MEAN_LINE * len(lines) or _ENTRY_KEYWORD.match(lines[0]):
        return True
    return 2 * sum(bool(_ENTRY.match(line)) for line in lines) >= len(lines)


def _contents_end(work: str, blocks: list[Block], i: int) -> int:
    """Index after the listing headed by block ``i``: entry blocks, the first one even after
    a wide gap, then more until a wide gap; a further listing heading starts over."""
    j = first = i + 1
    while j < len(blocks):
        if _CONTENTS.fullmatch(blocks[j].text):
            first = j + 1
        elif not ((j == first or blocks[j].gap_before < SECTION_GAP) and _is_contents_entry(work, blocks[j])):
            break
        j += 1
    return j


def clean_text(raw: str) -> list[Paragraph]:
    """Paragraphs of one book as the author wrote them, offsets into ``raw``."""
    start, end = body_span(raw)
    work = mask(raw)
    blocks = split_blocks(work, start, end)
    has_pg_note = bool(_PG_NOTE.search(work, start, end))
    paragraphs: list[Paragraph] = []
    i = 0
    while i < len(blocks):
        text = blocks[i].text
        if _CONTENTS.fullmatch(text):
            i = _contents_end(work, blocks, i)
        elif _NOTES_HEADING.match(text) or (has_pg_note and _PG_NOTE.search(text)):
            i = _section_end(blocks, i)
        elif _CREDIT.match(text) or not _ALNUM.search(text):
            i += 1
        else:
            paragraphs.append(blocks[i].paragraph(is_heading=is_heading(text)))
            i += 1
    return paragraphs
