"""An abbreviation without its last full stop: "colour, texture etc)", "the U.S citizens",
"e.g this one".

Only abbreviations that are always written with their stops in running prose: "etc.", "e.g.",
"i.e.", and two-letter country initials already stopped once ("U.S", "U.K"). A stop that ends
the sentence serves as the abbreviation's own ("and so on, etc."), so only a missing one is
flagged. The fix adds the stop.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_MISSING = re.compile(r"(?<![\w.])(etc|e\.g|i\.e|U\.S|U\.K|U\.N)(?![\w.'’-])", re.IGNORECASE)


def abbreviation_issues(text: str) -> list[Issue]:
    issues = []
    for m in _MISSING.finditer(text):
        word = m.group(1)
        if word.lower() in ("u.s", "u.k", "u.n") and not word[0].isupper():
            continue
        issues.append(Issue(m.start(1), m.end(1), "punctuation", f"“{word}” is written with a full stop: “{word}.”",
                            (word + ".",), 0.85))
    return issues


@rule("abbreviation_stops", "punctuation", "An abbreviation without its last full stop (“etc”, “e.g”, “U.S”)",
      flagged="Bring pens, paper etc) to class.", clean="Bring pens, paper, etc. to the U.S. office, e.g. this one.")
def abbreviation_stops(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return abbreviation_issues(doc.text)
