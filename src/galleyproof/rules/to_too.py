""""to" for "too" before an adjective that ends a phrase: "She was to tired to argue", "to
much for me", "It's to late."; and "too" for "to" between a verb (or a word that takes "to":
"closer", "next") and a determiner: "we went too the beach", "listen too my father", "a
table closer too the window".

The second: the books write "too the" only with a comma, or after a word that ends a clause
("here too his conduct", "probably too the devil"), never after a verb.

Only adjectives that are not verbs (so "to" cannot be an infinitive's) and only where the
adjective is followed by a mark, the end, "to" or "for": "to many people" and "to much
acclaim" are prepositions. "from bad to worse", "from young to old" (a "from" shortly
before) are left alone.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.verbs import FORMS
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

ADJECTIVES = frozenset(
    "tired late busy hard big small old young much many expensive difficult hot heavy weak scared afraid lazy"
    " drunk sick full soon loud shy proud sleepy early good bad easy quick fast slow nervous exhausted"
    " scary boring dangerous risky complicated crowded noisy cold far".split()
)
_PATTERN = re.compile(r"(?<![\w'’-])([Tt]o)[ \t]+([a-z]+)(?=[ \t]*(?:[,.!?;:)\"”]|\n[ \t]*\n|\Z|to\b|for\b))")
#: "too" between a verb and one of these is a slip for "to" ("went too the beach").
_DETERMINERS = "the|a|an|my|your|his|her|its|our|their|this|these|those"
_TOO_BEFORE_DETERMINER = re.compile(rf"(?<![\w'’-])([^\W\d_]+)[ \t]+(too)[ \t]+(?:{_DETERMINERS})\b")
#: Words other than verbs that take "to" before a noun ("closer to the window", "next to my
#: desk", "thanks to the rain"): after them, "too" and a determiner is a slip for "to" too.
TAKES_TO = frozenset(
    "close closer closest near nearer nearest next due according thanks similar compared opposite prior contrary"
    " relative addicted attached".split()
)
#: Verbs after which "to much" is the idiom ("it came to much", "it does not amount to much").
_TO_MUCH = frozenset("come came comes coming amount amounts amounted amounting".split())


def too_issues(text: str) -> list[Issue]:
    issues = []
    for m in _PATTERN.finditer(text):
        if m.group(2) not in ADJECTIVES:
            continue
        before = text[max(0, m.start() - 40) : m.start()].lower().split()[-5:]
        if "from" in before or (before and before[-1] in _TO_MUCH):
            continue
        if m.group(2) in ("good", "bad", "far", "early", "fast", "cold", "soon", "much", "many") and not _after_be(text, m.start()):
            continue
        fix = "Too" if m.group(1)[0] == "T" else "too"
        issues.append(Issue(m.start(1), m.end(1), "word_choice", f"“{fix}” (more than enough), not “to”", (fix,), 0.88))
    return issues


def to_slips(text: str) -> list[Issue]:
    """"too" between a verb, or a word that takes "to" (`TAKES_TO`), and a determiner ("went
    too the beach", "closer too the window"): "to"."""
    return [Issue(m.start(2), m.end(2), "word_choice", "“to” (towards), not “too” (also, more than enough)", ("to",), 0.9)
            for m in _TOO_BEFORE_DETERMINER.finditer(text)
            if (word := m.group(1).lower()) in FORMS or word in TAKES_TO]


def _after_be(text: str, start: int) -> bool:
    """Is the word before `start` a form of "be", or "way" or "far" ("it was to bad", "way to much")?"""
    before = text[max(0, start - 20) : start].lower().split()
    return bool(before) and before[-1] in {"was", "is", "are", "were", "be", "been", "it's", "its", "way", "not", "far", "just", "much"}


@rule("to_too", "word_choice", "“to” for “too” before an adjective (“to tired to argue”), and “too” for “to” after a "
      "verb (“went too the beach”)",
      flagged="She was to tired to argue.", clean="She was too tired; she went to the beach too. It went from bad to worse.")
def to_too(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return too_issues(doc.text) + to_slips(doc.text)
