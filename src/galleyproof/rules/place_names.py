"""A place's name with its last word in small letters: "the Yellow sea", "the Pacific ocean",
"the Ohio river".

A capitalised word mid-sentence (no sentence start explains its capital, and it is no
function word: "At sea", "This lake") before "sea", "ocean", "river", "lake", "bay", "gulf"
or the like is a name, and English capitalises the whole of it. The books write 10 such
names small in the 59 training novels ("Indian ocean", "Thames river") against hundreds
written whole; today's style guides write them whole.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import is_sentence_start

#: The last words of a place's name.
#: Not "mountains", "islands", "desert": after a people's adjective they are as often no name
#: ("the Swiss mountains", in Frankenstein).
PLACE_WORDS = ("sea", "ocean", "river", "lake", "bay", "gulf", "strait", "channel", "peninsula")
#: Capitalised words that are no name ("At sea", "This lake", "Thou sea").
NOT_NAMES = frozenset(
    "the a an at to in on by of for from into this that these those thou thy my his her their our your its"
    " one two three every each some any no open deep high north south east west great".split()
)
_PATTERN = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[ \t]+(" + "|".join(PLACE_WORDS) + r")(?![\w'’-])")


def place_name_issues(text: str) -> list[Issue]:
    issues = []
    for m in _PATTERN.finditer(text):
        name = m.group(1)
        if name.lower() in NOT_NAMES or is_sentence_start(text, m.start(1)):
            continue
        fix = m.group(2).capitalize()
        issues.append(Issue(m.start(2), m.end(2), "capitalization",
                            f"“{name} {fix}”: a place's name takes its capitals", (fix,), 0.8))
    return issues


@rule("place_names", "capitalization", "a place's name with its last word small (“the Yellow sea”)",
      flagged="They sailed the Yellow sea to the Pacific ocean.",
      clean="They sailed the Yellow Sea; at sea the deep sea was calm. The sea rose.")
def place_names(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return place_name_issues(doc.text)
