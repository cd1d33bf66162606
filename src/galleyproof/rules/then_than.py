""""then" for "than" after a comparative: "taller then she remembered", "more then enough".

The comparatives are a fixed list (an adjective list's -er forms, and "more", "less",
"rather", "better", "worse", "fewer"), not any word in -er: "the farmer then went" is right.
"later then", "sooner then" and "earlier then" are time, not comparison, and are left alone,
as is "once more then" ("he looked once more then left"). A comma or any mark between
breaks the pattern. "more" or "less" and an adjective or adverb before "then" compare too
("more annoyed then sad", "less likely then ever"); a noun there does not ("more bread then
left").
"""

from __future__ import annotations

import re
from functools import cache

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

ADJECTIVES = (
    "old young tall short long big small large great high low fast slow quick easy hard strong weak cheap rich"
    " poor happy sad smart wise bright dark deep wide narrow thick thin heavy light near new hot cold warm cool"
    " nice fine safe clean clear fresh full simple busy funny pretty ugly lucky healthy wealthy fat dry wet loud"
    " quiet calm sharp soft tough rough smooth sweet brave tiny huge kind proud strange close wild thick lazy"
    " crazy scary angry hungry tired"
).split()
EXTRA = ("more less rather better worse fewer further farther bigger hotter thinner fatter sadder wetter"
         " madder redder fitter").split()


def _er(adj: str) -> str:
    if adj.endswith("y"):
        return adj[:-1] + "ier"
    if adj.endswith("e"):
        return adj + "r"
    return adj + "er"


def comparative_forms(adjectives) -> frozenset[str]:
    """Each adjective's "-er" forms as spelling makes them: "slower", "easier", and with the
    last consonant doubled after a short vowel ("hot" -> "hotter")."""
    out = set()
    for w in adjectives:
        out.add(_er(w))
        if len(w) > 2 and w[-1] not in "aeiouwy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            out.add(w + w[-1] + "er")
    return frozenset(out)


@cache
def comparatives() -> frozenset[str]:
    return comparative_forms(ADJECTIVES) | frozenset(EXTRA)


#: Endings of the adjectives and adverbs "more" and "less" compare ("more annoyed", "less likely").
MODIFIER_ENDINGS = ("ed", "ful", "ous", "ive", "able", "ible", "ic", "al", "ing", "ly", "ent", "ant")
_MORE_PAIR = re.compile(r"(?<![\w'’-])([Mm]ore|[Ll]ess)[ \t]+([a-z]+)[ \t]+(then)(?![\w'’-])(?![ \t]*[,.!?;:—–\-)\"”])")
_PAIR = re.compile(r"(?<![\w'’-])([A-Za-z]+)[ \t]+(then)(?![\w'’-])(?![ \t]*[,.!?;:—–\-)\"”])")


def then_issues(text: str) -> list[Issue]:
    issues = []
    for m in _PAIR.finditer(text):
        word = m.group(1).lower()
        if word not in comparatives():
            continue
        if word == "more":
            before = text[: m.start(1)].split()
            if before and before[-1].lower().strip("\"“‘'(") in ("once", "any", "no", "some"):
                continue
        fix = "than"
        issues.append(Issue(m.start(2), m.end(2), "word_choice",
                            f"After a comparative (“{m.group(1)}”), “than”", (fix,), 0.9))
    for m in _MORE_PAIR.finditer(text):
        word = m.group(2)
        if word in ADJECTIVES or (len(word) > 4 and word.endswith(MODIFIER_ENDINGS)):
            issues.append(Issue(m.start(3), m.end(3), "word_choice",
                                f"After a comparative (“{m.group(1)} {word}”), “than”", ("than",), 0.88))
    return sorted(issues, key=lambda i: i.start)


@rule("then_than", "word_choice", "“then” for “than” after a comparative (“taller then she”)",
      flagged="He was taller then she remembered.", clean="He was taller than her; the farmer then left.")
def then_than(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return then_issues(doc.text)
