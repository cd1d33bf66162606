"""A space between a word and the comma, semicolon, colon, "!" or "?" after it, or the full
stop that ends a sentence ("are Townhomes ."; not a spaced ellipsis, ". . ."). Where the mark
touches the next word ("later ,for"), the space moved after it is the fix ("later, for")."""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_SPACE_BEFORE_MARK = re.compile(r"(?<=[^\W\d_])[ \t]+(?=[,;:!?]|\.(?:[ \t]*\n|[ \t]*$|[ \t]+[A-Z\"“])(?![ \t]*\.))")


@rule("space_before_mark", "whitespace", "A space before a comma, semicolon, colon, “!” or “?”",
      flagged="A strange delight , and I long to go.", clean="A strange delight, and I long to go.",
      calibrated=True)
def space_before_mark(doc: Document, lexicon: Lexicon) -> list[Issue]:
    text = doc.text
    issues = []
    for m in _SPACE_BEFORE_MARK.finditer(text):
        mark = text[m.end()]
        touching = text[m.end() + 1 : m.end() + 2].isalpha()
        issues.append(Issue(m.start(), m.end() + 1, "whitespace", f"Space before “{mark}”",
                            (mark + " " if touching else mark,), 0.8))
    return issues
