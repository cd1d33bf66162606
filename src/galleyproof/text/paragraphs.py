"""Paragraphs, headings and passages: how a text is cut into the pieces that are checked.

A paragraph ends at a blank line (in any newline style). A passage is a paragraph as the
model reads it, its hard line breaks made single spaces and its italic underscores gone,
with an exact map back to the text's offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: A blank line: no fix reaches across one, as a paragraph is written and checked whole.
#: One line end in any newline style: CRLF, a lone CR, or LF.
NEWLINE = r"(?:\r\n|\r(?!\n)|\n)"
PARAGRAPH_BREAK = re.compile(rf"{NEWLINE}[ \t]*{NEWLINE}")


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each stretch between paragraph breaks (blank lines in any newline
    style), in order; streamed."""
    start = 0
    for m in PARAGRAPH_BREAK.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def crosses_paragraph(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a paragraph break."""
    return PARAGRAPH_BREAK.search(text, start, end) is not None


_LINE_BREAK = re.compile(rf"[ \t]*{NEWLINE}[ \t]*")
# A lone underscore marks italics; a run of them is a printed blank ("Mr. ____").
ITALIC_MARK = re.compile(r"(?<!_)_(?!_)")
_NUMBER = (
    r"(?:[ivxlcdm]+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|the\s+(?:first|last))\b"
)
_HEADING = re.compile(
    r"(?i:(?:chapter|chap\.|stave|book|part|volume|vol\.|canto|letter|section)\s+" + _NUMBER + ")"
    r"|(?i:(?:preface|introduction|prologue|epilogue|conclusion|appendix|postscript|the end|finis)\W*$)"
    r"|(?:[IVXLCDM]+|\d+)\.?$"  # a bare numeral; capitals only, so "I." but not "mix."
)
# "by Jane Austen", "By G. K. Chesterton (1874-1936)", never "By the time he came".
_BYLINE = re.compile(r"(?i:by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s*(?:[\[(].*)?$")
#: Headings and contents entries are short; wrapped prose runs to ~70 columns.
HEADING_MAX_CHARS = 80


def is_heading(text: str) -> bool:
    """Chapter titles, numerals, all-capital lines and bylines: not prose to learn from."""
    if len(text) > HEADING_MAX_CHARS:
        return False
    if _HEADING.match(text):
        return True
    if _BYLINE.match(text):
        return True
    return not any(c.islower() for c in text)


@dataclass
class Passage:
    """A paragraph as the model reads it: hard line breaks made single spaces.

    `origin[i]` is the index in the document of `text[i]`, so spans map back exactly.
    """

    text: str
    origin: list[int]

    def to_document(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1


def iter_passages(document: str) -> Iterator[Passage]:
    """Split on blank lines and unwrap each paragraph, keeping an exact offset map.

    A generator, so a huge file is never held as passages all at once.
    """
    for chunk_start, chunk_end in paragraph_spans(document):
        while chunk_end > chunk_start and document[chunk_end - 1].isspace():
            chunk_end -= 1
        while chunk_start < chunk_end and document[chunk_start].isspace():
            chunk_start += 1
        if chunk_start == chunk_end:
            continue
        pieces, origin = [], []
        cursor = chunk_start
        for m in _LINE_BREAK.finditer(document, chunk_start, chunk_end):
            pieces.append(document[cursor : m.start()])
            origin.extend(range(cursor, m.start()))
            pieces.append(" ")
            origin.append(m.start())
            cursor = m.end()
        pieces.append(document[cursor:chunk_end])
        origin.extend(range(cursor, chunk_end))
        passage = Passage("".join(pieces), origin)
        yield _without_italic_marks(passage) if "_" in passage.text else passage


def _without_italic_marks(passage: Passage) -> Passage:
    """The passage less the lone underscores that mark italics (`_he_ said`), as training
    read its books (`corpus.clean.mask`): the model never saw them, and took them for spacing
    or punctuation slips. A run of underscores (a printed blank, "Mr. ____") stays."""
    marks = {m.start() for m in ITALIC_MARK.finditer(passage.text)}
    keep = [i for i in range(len(passage.text)) if i not in marks]
    return Passage("".join(passage.text[i] for i in keep), [passage.origin[i] for i in keep])


def passages(document: str) -> list[Passage]:
    return list(iter_passages(document))
