"""A double hyphen standing for a dash, with a space on either side: "on hand -- what it",
"packaged --or at least", "the Rings-- a monumental".

A typewriter's dash is two hyphens closed up to the words ("hand--what"), as the books print
it; spaced, it reads as neither a dash nor a hyphen, and editors correct it. The fix keeps the
text's own style: in a typeset text (one with a dash "—" or curly quotes) the dash itself,
closed up, then the closed-up double hyphen; in a text typed in plain ASCII marks the
closed-up double hyphen first ("hand--what"), as its writer types a dash, and the dash second.
Double hyphens at a line's edge (hard-wrapped text) and at a speech's break-off ("if he'd
only--") are left alone.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_SPACED = re.compile(r"(?<=[\w,.;:!?)\"'”’])( +--(?!-) *| *(?<!-)-- +)(?=[\w\"'“‘(])")
#: Marks only a typeset text (or a writer's word processor) puts in: the dash and curly quotes.
_TYPESET = re.compile("[—“”‘’]")


def spaced_dash_issues(text: str) -> list[Issue]:
    fixes = ("—", "--") if _TYPESET.search(text) else ("--", "—")
    return [Issue(m.start(1), m.end(1), "punctuation", "A spaced double hyphen: a dash is closed up to the words",
                  fixes, 0.6)
            for m in _SPACED.finditer(text)]


@rule("spaced_dashes", "punctuation", "A double hyphen for a dash, spaced (“on hand -- what”)",
      flagged="The company had some on hand -- what it lacked, they bought.",
      clean="The company had some on hand--what it lacked, they bought. If he'd only--")
def spaced_dashes(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return spaced_dash_issues(doc.text)
