"""A paragraph of prose that stops without a mark: "...and went back to the house" with no
full stop.

A paragraph of at least `MIN_WORDS` words whose last character is a letter is flagged on its
last word, with a full stop as the fix. Headings are shorter, and verse (several lines, none
of them long) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.paragraphs import paragraph_spans

MIN_WORDS = 8
#: Verse: every line of a paragraph of several lines is shorter than this.
VERSE_LINE = 60
_LAST_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*$")


def paragraph_end_issues(text: str, paragraphs: Iterable[tuple[int, int]] | None = None) -> list[Issue]:
    """Prose paragraphs whose last character is a letter, flagged on their last word."""
    issues = []
    for start, end in paragraph_spans(text) if paragraphs is None else paragraphs:
        chunk = text[start:end]
        paragraph = chunk.strip()
        if not paragraph[-1:].isalpha() or len(paragraph.split()) < MIN_WORDS:
            continue
        lines = [line for line in paragraph.splitlines() if line.strip()]
        if len(lines) > 1 and max(len(line) for line in lines) < VERSE_LINE:
            continue
        word = _LAST_WORD.search(paragraph)
        if word is None:
            continue
        first = start + len(chunk) - len(chunk.lstrip())
        issues.append(Issue(first + word.start(), first + len(paragraph), "punctuation",
                            "The paragraph ends without a mark", (word.group() + ".",), 0.8))
    return issues


@rule("paragraph_ends", "punctuation", "A paragraph of prose that ends without a mark",
      flagged="He walked slowly down the long road towards the village\n\nIt was late.",
      clean="He walked slowly down the long road towards the village.\n\nIt was late.")
def paragraph_ends(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return paragraph_end_issues(doc.text, doc.paragraphs)
