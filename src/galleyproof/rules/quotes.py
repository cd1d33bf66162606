"""Quotation marks that do not pair up inside a paragraph: a speech opened twice with no
close between (`“Come here, he said, “and sit.”`), or closed with none open (`he said, Come
here.”`).

Curly quotes say which way they face, so a paragraph's “ and ” must alternate, beginning
with “; a speech may run on into the next paragraph (an open quote with no close at its end
is the books' way of writing that), but never closes what no quote opened. Where the missing quote goes is a guess from the dialogue-tag words
(`galleyproof.rules.dialogue`): a closing quote belongs after the mark that ends the words before
a tag (`here, he said` -> `here,” he said`), an opening one after a tag's comma or colon
(`he said, Come` -> `he said, “Come`), else at the paragraph's or the speech's edge. Straight
quotes (") face neither way and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.dialogue import default_tags
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.paragraphs import paragraph_spans

_CURLY = re.compile(r"[“”]")
#: The end of words before a dialogue tag: a word, its mark, spaces, then the tag word, or a
#: capitalised word (a name, "I") and the tag word after it ("here, I exclaimed"; not "head,
#: and said").
_BEFORE_TAG = re.compile(r"([^\W\d_]+[,.!?])(?=[ \t]*\r?\n?[ \t]*([^\W\d_]+)\b(?:[ \t]+([a-z]+)\b)?)")
#: A tag word, its comma or colon, spaces, then the first word of a speech.
_AFTER_TAG = re.compile(r"\b([a-z]+)[,:][ \t]*\r?\n?[ \t]*([^\W\d_]+)")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
#: The first sentence begun after a closed speech and its tag: `he said. Come here.”`
_SENTENCE_START = re.compile(r"[.!?][ \t]*\r?\n?[ \t]*([A-Z][^\W\d_]*)")
_LAST_WORD = re.compile(r"[^\W\d_]+[^\w\s“]*\s*$")


def _unclosed(text: str, opened: int, reopened: int, tags: frozenset[str]) -> Issue:
    """A speech opened at `opened` and opened again at `reopened` with no close between."""
    ends = [m for m in _BEFORE_TAG.finditer(text, opened + 1, reopened)
            if m.group(2) in tags or m.group(2)[0].isupper() and m.group(3) in tags]
    if ends:
        start, end = ends[-1].span(1)
    else:
        m = _LAST_WORD.search(text, opened + 1, reopened)
        start, end = (m.start(), m.start() + len(m.group().rstrip())) if m else (reopened, reopened + 1)
    words = text[start:end]
    fix = (words + "”",) if words != "“" else ()
    return Issue(start, end, "punctuation", "A quotation opened before is not closed", fix, 0.8)


def _unopened(text: str, since: int, closed: int, tags: frozenset[str], first_in_paragraph: bool) -> Issue:
    """A closing quote at `closed` with no opening one since `since` (the paragraph's start,
    or the last closing quote)."""
    starts = [m for m in _AFTER_TAG.finditer(text, since, closed) if m.group(1) in tags]
    sentence = None if starts or not first_in_paragraph else _FIRST_WORD.search(text, since, closed)
    if not starts and sentence is None:
        sentence = _SENTENCE_START.search(text, since, closed)
    if starts:
        start, end = starts[-1].span(2)
    elif sentence:
        start, end = sentence.span(sentence.lastindex or 0)
    else:
        start, end = closed, closed + 1
    word = text[start:end]
    fix = ("“" + word,) if word != "”" else ()
    return Issue(start, end, "punctuation", "This quotation has no opening mark", fix, 0.8)


def quote_issues(text: str, tags: frozenset[str] | None = None,
                 paragraphs: Iterable[tuple[int, int]] | None = None) -> list[Issue]:
    """Curly quotes that fail to alternate within a paragraph, flagged where the missing one goes."""
    tags = default_tags() if tags is None else tags
    issues = []
    for start, end in paragraph_spans(text) if paragraphs is None else paragraphs:
        opened, since = None, start
        for m in _CURLY.finditer(text, start, end):
            if m.group() == "“":
                if opened is not None:
                    issues.append(_unclosed(text, opened, m.start(), tags))
                opened = m.start()
            else:
                if opened is None:
                    issues.append(_unopened(text, since, m.start(), tags, since == start))
                opened, since = None, m.end()
    return issues


@rule("quotes", "punctuation", "Quotation marks that do not pair: speech opened and never closed, or closed and never opened",
      flagged="“Come here, he said, “and sit down.”", clean="“Come here,” he said, “and sit down.”")
def quotes(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return quote_issues(doc.text, paragraphs=doc.paragraphs)
