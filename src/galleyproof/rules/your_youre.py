""""your" for "you're" where what follows can only follow "you are": "your going to love
it", "your not alone", "your welcome", "your late!", "your a star", "if your interested".

The possessive is followed by a noun or its adjective ("your going away", "your own", "your
interest"). After it, "going to", "gonna", an article, "welcome" or an adjective that is
never a noun ("late", "kidding", "lucky") at a clause's end, an adverb
such as "not" or "always" (but not before an "-ing" word: "your not caring", "your always
coming" are gerunds), a participle in "-ed" before "in", "to" or "with" ("your
interested in"), and "welcome to" before a verb ("your welcome to stay"; "your welcome to
the team" is the possessive's noun) read only as "you are". After "from", "of" and the like the possessive stays.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.its_it_is import PREPOSITIONS
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import match_case, word_before

#: "your" then these, then (for the second group) the word given.
_PATTERN = re.compile(
    r"(?<![\w'’-])([Yy]our)[ \t]+(?:"
    r"(?:going[ \t]+to|gonna|a|an|the)\b(?!-)"
    r"|(?:not|too|so|always|never|just|probably|definitely)\b(?!-)(?![ \t]+[a-z]+ing\b)"
    r"|(?:welcome|late|sure|done|ready|lucky|crazy|kidding|joking|correct|amazing|awesome|gorgeous|hilarious)"
    r"\b(?=[ \t]*(?:[,.!?;:]|$))"
    r"|[a-z]+ed[ \t]+(?:in|to|with|about|by)\b"
    r"|welcome[ \t]+to[ \t]+(?!(?:the|a|an|my|your|his|her|its|our|their|this|that|these|those|all|every|each|any|some|no)\b)[a-z]+\b"
    r")",
    re.MULTILINE,
)
#: Words before "your" that make it the possessive ("of your going", "for your not coming").
_BEFORE = PREPOSITIONS | {"than"}


def your_issues(text: str) -> list[Issue]:
    issues = []
    for m in _PATTERN.finditer(text):
        if word_before(text, m.start()) in _BEFORE:
            continue
        fix = match_case(m.group(1), "you're")
        issues.append(Issue(m.start(1), m.end(1), "word_choice", f"“{fix}” (you are), not the possessive “{m.group(1)}”",
                            (fix,), 0.88))
    return issues


@rule("your_youre", "word_choice", "“your” for “you're” (“your going to love it”, “your welcome”)",
      flagged="Your going to love this place, and your welcome to stay.",
      clean="Your going away upset her; your welcome was warm, your welcome to the team too, your not caring hurt, "
            "and your very best won.")
def your_youre(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return your_issues(doc.text)
