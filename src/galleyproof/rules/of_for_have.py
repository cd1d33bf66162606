""""of" for "have" after a modal: "could of called", "should of known", "must of been".

Said aloud, "could've" sounds like "could of"; written, it is a slip. Only "of course"
after a modal is right ("he could, of course, refuse" has a comma; "could of course" is
left alone too).
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import word_before

_PATTERN = re.compile(
    r"(?<![\w'’-])(?:could|would|should|must|might|may|couldn['’]?t|wouldn['’]?t|shouldn['’]?t|mustn['’]?t)"
    r"[ \t]+(?:(?:not|never|just|really|easily|definitely|probably)[ \t]+)?(of)(?![\w'’-])(?![ \t]+course\b)",
    re.IGNORECASE,
)


_NEXT = re.compile(r"[ \t]+([a-z]+)")
_NOT_VERBS = frozenset("the a an his her their its my your our this that these those all any some such which what whom"
                       " course it them him me us you one".split())
_SUBJECTS = frozenset("i you he she we they it who that there".split())


def of_issues(text: str) -> list[Issue]:
    issues = []
    for m in _PATTERN.finditer(text):
        word = m.group(1)
        after = _NEXT.match(text, m.end(1))
        if after is None or after.group(1) in _NOT_VERBS:
            continue  # "as we should of the lowing of a cow": "of" with its object
        modal = m.group(0).split()[0].lower()
        if modal in ("might", "must", "may") and word_before(text, m.start()) not in _SUBJECTS:
            continue  # "the indispensable might of", "the fruity must of"
        fix = "Have" if word[0].isupper() else "have"
        issues.append(Issue(m.start(1), m.end(1), "grammar", "After a modal, “have”, not “of” (“could have”)",
                            (fix,), 0.93))
    return issues


@rule("of_for_have", "grammar", "“of” for “have” after a modal (“could of called”)",
      flagged="She could of called her sister.", clean="She could have called; of course she could.")
def of_for_have(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return of_issues(doc.text)
