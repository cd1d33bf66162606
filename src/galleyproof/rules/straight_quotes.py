"""Straight double quotes (") that do not pair up inside a paragraph: `Jay said, "it is set up`,
`Gamification" uses game thinking`, `he says. "` with nothing after it.

A straight quote faces neither way, so which way it faces is read from its neighbours: after
a space or an opening bracket (or at the paragraph's start) and before a word, it opens; after
a word or a mark, it closes. A paragraph whose quotes number an odd count has one without a
mate; it is found by walking the quotes in order (a close with none open, an open while one is
open, or an open left at the end). A speech may run on into the next paragraph, which then
opens with a quote (the books' way of writing a long speech): an open quote at the end of such
a paragraph is no slip. Even counts are left alone, as are quotes after a digit (inches:
`a 7" figure`) and paragraphs that hold curly quotes too (`rules/quotes` reads those). A quote
that opens at the very end of a paragraph, after a space, opens nothing: it is flagged
whatever the count, with its deletion as the fix.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_QUOTE = re.compile(r'"')
_OPENERS = "([{—–-/"
#: A paragraph that opens with a quote (after any indent): a speech running on.
_OPENS_WITH_QUOTE = re.compile(r'\s*"')


def _opens(text: str, at: int, start: int, end: int) -> bool | None:
    """True if the quote at `at` opens, False if it closes, None if it cannot be told."""
    before = text[at - 1] if at > start else " "
    after = text[at + 1] if at + 1 < end else " "
    if before.isspace() or before in _OPENERS:
        return not after.isspace()
    if after.isspace() or not after.isalnum():
        return False
    return None  # between two word characters: `a"b`


def _issue(at: int, opened: bool) -> Issue:
    if opened:
        return Issue(at, at + 1, "punctuation", "This quotation mark opens a quotation that is never closed", (), 0.75)
    return Issue(at, at + 1, "punctuation", "This quotation mark closes a quotation that was never opened", (), 0.75)


def paragraph_issues(text: str, start: int, end: int, continued: bool) -> list[Issue]:
    """The unpaired straight quotes of the paragraph `text[start:end]`; `continued`: the next
    paragraph opens with a quote."""
    paragraph = text[start:end]
    body = paragraph.rstrip()
    if len(body) > 1 and body[-1] == '"' and body[-2] in " \t":
        space_start = start + len(body[:-1].rstrip(" \t"))  # no regex: a run of spaces would make it quadratic
        return [Issue(space_start, start + len(body), "punctuation", "A quotation mark opens at the end of the"
                      " paragraph with nothing after it", ("",), 0.8)]
    quotes = [m.start() for m in _QUOTE.finditer(text, start, end)]
    if len(quotes) % 2 == 0 or "“" in paragraph or "”" in paragraph:
        return []
    opened: int | None = None
    for at in quotes:
        if at > start and text[at - 1].isdigit():
            return []  # inches or seconds: the count means nothing
        facing = _opens(text, at, start, end)
        if facing is None:
            return []
        if facing:
            if opened is not None:
                return [_issue(opened, True)]
            opened = at
        elif opened is None:
            return [_issue(at, False)]
        else:
            opened = None
    if opened is not None and not continued:
        return [_issue(opened, True)]
    return []


@rule("straight_quotes", "punctuation", "Straight quotes (\") that do not pair up in a paragraph",
      flagged='Jay explained, "it is basically setting up your home.', clean='Jay explained, "It is set up." It was.')
def straight_quotes(doc: Document, lexicon: Lexicon) -> list[Issue]:
    text = doc.text
    spans = doc.paragraphs
    issues = []
    for k, (start, end) in enumerate(spans):
        continued = k + 1 < len(spans) and _OPENS_WITH_QUOTE.match(text, *spans[k + 1]) is not None
        issues.extend(paragraph_issues(text, start, end, continued))
    return issues
