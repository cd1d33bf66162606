""""its" for "it's" where a verb, an article or a participle follows: "its a shame", "its
been years", "its not fair", "if you don't know its stolen".

The possessive is followed by a noun or an adjective ("its own", "its stolen goods"); the
words listed here do not follow it. A participle counts only before a mark or the end.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import word_before

NEXT = frozenset(
    "a an the not been going gonna so very really just about also still always never ok okay because what"
    " getting got too almost raining snowing".split()
)
PARTICIPLES = frozenset(
    "stolen broken done gone taken given known seen written made found lost sold closed opened finished"
    " fixed ruined over stuck covered locked".split()
)
_PATTERN = re.compile(r"(?<![\w'’-])([Ii]ts)[ \t]+([a-z]+)(?![\w'’-])([ \t]*(?:[,.!?;:)\"”]|\n[ \t]*\n|\Z|by\b))?")
#: Words before "its" that make it the possessive ("from its not overpowering", "by its very").
PREPOSITIONS = frozenset("from of by in on with to for at into upon about through under over".split())


def its_issues(text: str) -> list[Issue]:
    issues = []
    for m in _PATTERN.finditer(text):
        nxt, ends = m.group(2), m.group(3) is not None
        if word_before(text, m.start()) in PREPOSITIONS:
            continue
        if not (nxt in NEXT or (ends and (nxt in PARTICIPLES or nxt.endswith("ed")))):
            continue
        fix = "It's" if m.group(1)[0] == "I" else "it's"
        issues.append(Issue(m.start(1), m.end(1), "word_choice", f"“{fix}” (it is), not the possessive “its”",
                            (fix,), 0.88))
    return issues


@rule("its_it_is", "word_choice", "“its” for “it's” before a verb, an article or a participle (“its been”)",
      flagged="If you don't know its stolen, its not your fault.", clean="The dog wagged its tail; it's stolen.")
def its_it_is(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return its_issues(doc.text)
