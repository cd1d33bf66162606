"""A comma missing after a sentence's opening connective: "However there are days",
"Moreover the volunteers", "For example picture the scene", "On the other hand I may".

Only connectives that are never read another way: "However" before an adjective or adverb
is a degree ("However hard he tried"), before a pronoun and a modal a concession ("However it
might end"), and "In addition to" a preposition: those are left alone, as are "Thus", "Therefore" and
"Of course", which novels write without a comma. The fix is the connective with its comma.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

CONNECTIVES = ("However", "Moreover", "Furthermore", "Additionally", "Consequently", "Nonetheless",
               "For example", "For instance", "On the other hand", "In addition", "In other words",
               "As a result", "In conclusion")
#: Words after "However" that make it a degree ("However hard", "However much").
_DEGREE = frozenset(
    "hard much many long great little often far strange small large good bad well high low deep dark late early"
    " difficult painful slight sad bright rich poor strong weak fast slowly quickly carefully big brave kind cold"
    " warm few".split()
)
_PATTERN = re.compile(
    r"(?:^|(?<=[.!?][ \t])|(?<=[.!?][\"”’][ \t])|(?<=\n)|(?<=[“\"]))(" + "|".join(CONNECTIVES) + r")[ \t]+([a-zA-Z]+)(?:[ \t]+([a-zA-Z]+))?"
)
#: "However it might end", "However he may try": "however" as "in whatever way".
_CONCESSIVE = frozenset("might may could would was is did does do can".split())


def intro_comma_issues(text: str) -> list[Issue]:
    issues = []
    for m in _PATTERN.finditer(text):
        nxt = m.group(2)
        after = (m.group(3) or "").lower()
        if m.group(1) == "However" and (nxt.lower() in _DEGREE or nxt.endswith("ly") or nxt.lower() in _CONCESSIVE
                                        or after in _CONCESSIVE):
            continue
        if nxt.lower() in ("to", "of"):
            continue  # "In addition to the piping", "As a result of"
        fix = m.group(1) + ","
        issues.append(Issue(m.start(1), m.end(1), "punctuation", f"A comma after “{m.group(1)}” opening a sentence",
                            (fix,), 0.85))
    return issues


@rule("intro_commas", "punctuation", "No comma after an opening connective (“However there are”)",
      flagged="However there are days when I have won.", clean="However hard he tried, he failed. However it might end, he won. In addition to that, however, he won.")
def intro_commas(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return intro_comma_issues(doc.text)
