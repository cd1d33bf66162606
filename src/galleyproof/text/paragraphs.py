"""Paragraphs, headings and passages: how a text is cut into the pieces that are checked.

A paragraph ends at a blank line (in any newline style). A passage is a paragraph as the
model reads it, its hard line breaks made single spaces and its italic underscores gone,
with an exact map back to the text's offsets.
"""

from __future__ import annotations

import re
import unicodedata
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
#: Emoji and the marks that join and shade them (ZWJ, variation selectors, keycaps, skin tones,
#: tags). Python's `re` has no Unicode properties, and `regex`'s \p{Extended_Pictographic}
#: costs 65 ms of import on every check, so these are the Unicode blocks by hand.
EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u231A\u231B\u2328\u23CF\u23E9-\u23F3"
    "\u23F8-\u23FA\u3030\u303D\u3297\u3299\u200D\uFE0E\uFE0F\u20E3\U000E0020-\U000E007F]+"
)
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


#: The longest passage the model is given. A longer paragraph (a file with no line breaks, a
#: book run together into one line) is cut into passages at sentence ends, so memory and time
#: follow the passages, not the file. Longer than any paragraph of the training books (Emma's
#: longest is 14,627 characters), so prose is read whole as before.
MAX_PASSAGE_CHARS = 16_000
# A sentence's end: its stop and any closing quotes or brackets, before a space.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")


def passage_spans(document: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the passages of the paragraph ``document[start:end]`` (no space at either
    end): the paragraph itself, or one over `MAX_PASSAGE_CHARS` cut into pieces of at most that
    many characters, after the last sentence end in the second half of the limit, else at the
    last space there, else (one unbroken run of letters) at the limit. The spaces at a cut
    belong to neither piece; every other character is in exactly one, in order."""
    while end - start > MAX_PASSAGE_CHARS:
        limit = start + MAX_PASSAGE_CHARS
        floor = start + MAX_PASSAGE_CHARS // 2
        cut = None
        for m in _SENTENCE_END.finditer(document, floor, limit):
            cut = m.end()
        if cut is None:
            for i in range(limit, floor, -1):
                if document[i].isspace():
                    cut = i
                    while document[cut - 1].isspace():
                        cut -= 1
                    break
        if cut is None:
            cut = limit
            while cut > floor and unicodedata.combining(document[cut]):
                cut -= 1  # keep an accent with its letter
        yield start, cut
        start = cut
        while document[start].isspace():
            start += 1
    yield start, end


def iter_passages(document: str) -> Iterator[Passage]:
    """Split on blank lines and unwrap each paragraph, keeping an exact offset map; a paragraph
    over `MAX_PASSAGE_CHARS` becomes several passages (`passage_spans`).

    A generator, so a huge file is never held as passages all at once.
    """
    for para_start, para_end in paragraph_spans(document):
        while para_end > para_start and document[para_end - 1].isspace():
            para_end -= 1
        while para_start < para_end and document[para_start].isspace():
            para_start += 1
        if para_start == para_end:
            continue
        for chunk_start, chunk_end in passage_spans(document, para_start, para_end):
            passage = _passage(document, chunk_start, chunk_end)
            if passage.text:  # not a paragraph of emoji alone
                yield passage


def _passage(document: str, chunk_start: int, chunk_end: int) -> Passage:
    """``document[chunk_start:chunk_end]`` unwrapped, less its italic marks."""
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
    passage = _without_italic_marks(passage) if "_" in passage.text else passage
    return _without_emoji(passage) if EMOJI.search(passage.text) else passage


def _without_italic_marks(passage: Passage) -> Passage:
    """The passage less the lone underscores that mark italics (`_he_ said`), as training
    read its books (`corpus.clean.mask`): the model never saw them, and took them for spacing
    or punctuation slips. A run of underscores (a printed blank, "Mr. ____") stays."""
    marks = {m.start() for m in ITALIC_MARK.finditer(passage.text)}
    keep = [i for i in range(len(passage.text)) if i not in marks]
    return Passage("".join(passage.text[i] for i in keep), [passage.origin[i] for i in keep])


def _without_emoji(passage: Passage) -> Passage:
    """The passage less its emoji, with the space before each run of them: "down 😊, so"
    reads "down, so", "news 🎉! We" reads "news! We", "Hi😊there" reads "Hi there". The
    training books have none, so the model took the space before one for a missing comma.
    The text keeps them; no flag can land on what the model does not read."""
    text, origin = passage.text, passage.origin
    drop: set[int] = set()
    spaces: set[int] = set()  # a run between two letters reads as one space
    for m in EMOJI.finditer(text):
        start, end = m.span()
        drop.update(range(start, end))
        before = start
        while before > 0 and text[before - 1] == " ":
            before -= 1
        if before < start:
            drop.update(range(before, start))
        elif start == 0 or (start - 1) in drop:
            while end < len(text) and text[end] == " ":
                drop.add(end)
                end += 1
        elif end < len(text) and text[start - 1].isalnum() and text[end].isalnum():
            spaces.add(start)
    chars, kept = [], []
    for i, c in enumerate(text):
        if i in spaces:
            chars.append(" ")
            kept.append(origin[i])
        elif i not in drop:
            chars.append(c)
            kept.append(origin[i])
    return Passage("".join(chars), kept)


def emoji_free(text: str) -> str:
    """`text` as the model reads it around its emoji (`_without_emoji`)."""
    return _without_emoji(Passage(text, list(range(len(text))))).text if EMOJI.search(text) else text


def passages(document: str) -> list[Passage]:
    return list(iter_passages(document))
