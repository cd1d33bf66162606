""""your" for "you're" where what follows can only follow "you are": "your going to love
it", "your not alone", "your welcome", "your late!", "your a star", "if your interested".

The possessive is followed by a noun or its adjective ("your going away", "your own", "your
interest"). After it, "going to", "gonna", an article, "welcome" or an adjective that is
never a noun ("late", "kidding", "lucky") at a clause's end, an adverb
such as "not" or "always" (but not before an "-ing" word: "your not caring", "your always
coming" are gerunds), a participle in "-ed" before "in", "to" or "with" ("your
interested in"), "welcome to" before a verb ("your welcome to stay"; "your welcome to
the team" is the possessive's noun), and an "-ing" word before its object after "if" or
"when" ("if your thinking about it") read only as "you are". After "from", "of" and the like the possessive stays.
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
#: "your" and an "-ing" word after a word that opens a clause, before the verb's object or its
#: preposition: "If your thinking about it", "when your reading this". The possessive's gerund
#: goes on to a verb ("if your thinking is clear") or stands after a verb ("I liked your reading it").
_CLAUSE_ING = re.compile(
    r"(?<![\w'’-])(?:[Ii]f|[Ww]hen|[Ww]hile|[Bb]ecause|[Ss]ince|[Uu]nless|[Ww]hether)[ \t]+([Yy]our)[ \t]+"
    r"[a-z]{2,}ing[ \t]+(?:about|of|on|for|with|to|into|through|at|this|that|these|those|it|me|him|her|them|us|my|a|an|the)\b"
)


def your_issues(text: str) -> list[Issue]:
    issues = []
    found = [m for m in _PATTERN.finditer(text) if word_before(text, m.start()) not in _BEFORE]
    seen = {m.start(1) for m in found}
    found += [m for m in _CLAUSE_ING.finditer(text) if m.start(1) not in seen]
    for m in sorted(found, key=lambda m: m.start(1)):
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
