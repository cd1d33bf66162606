"""A word written twice in a row ("the the"), across a line break too; the doubles English
allows ("had had", "that that") are left alone, and so are words with no Latin letter (a
character of another script repeated line after line is no English slip, and each flag costs
a round of suggestion ranking)."""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_REPEATED = re.compile(r"\b([^\W\d_]+)([ \t]+|[ \t]*\r?\n[ \t]*)(\1)\b", re.IGNORECASE)
#: Doubles that English allows; none of the synthetic errors is one (docs/experiments/rules.md).
_ALLOWED_DOUBLES = frozenset({"had", "that", "is", "do", "very", "no", "far", "so", "ha", "oh"})
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


@rule("repeated_words", "grammar", "A word written twice in a row",
      flagged="We reach the the first port.", clean="He said that that was all.", calibrated=True)
def repeated_words(doc: Document, lexicon: Lexicon) -> list[Issue]:
    issues = []
    for m in _REPEATED.finditer(doc.text):
        word = m.group(1)
        if word.lower() not in _ALLOWED_DOUBLES and _LATIN.search(word):
            issues.append(Issue(m.start(), m.end(), "grammar", f"“{word}” is repeated", (word,), 0.9))
    return issues
