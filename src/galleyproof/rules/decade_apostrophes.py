"""A decade written with an apostrophe before its "s": "the 90's", "the early 1930's".

A decade is a plural, not a possessive: "the 1930s", "the 90s" (or "the '90s", where the
apostrophe stands for the century left out). Only a number ending in 0, of two or four
digits, is read; "1930's" before a noun it owns ("1930's films") is still a plural to
today's style guides. The fix drops the apostrophe.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_DECADE = re.compile(r"(?<![\w'’.,])((?:1[0-9]|20)?[0-9]0)['’]s\b")


def decade_issues(text: str) -> list[Issue]:
    return [Issue(m.start(), m.end(), "punctuation", f"A decade is a plural: “{m.group(1)}s”", (m.group(1) + "s",), 0.8)
            for m in _DECADE.finditer(text)]


@rule("decade_apostrophes", "punctuation", "A decade with an apostrophe (“the 90's”)",
      flagged="It was a hit in the early 1930's and again in the 90's.",
      clean="It was a hit in the early 1930s, in the '90s, and at 1,000's of shows.")
def decade_apostrophes(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return decade_issues(doc.text)
