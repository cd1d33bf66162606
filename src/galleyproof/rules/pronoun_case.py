"""A pronoun in the wrong case in a pair: "Her and Dev had always been close" (She), "Him
and me went" (He), "between you and I" (me). "Me and X went" is left alone: its fix is
"X and I", a rewording more than a word.

A subject pair opens a sentence and a verb follows within a few words (so the answer "Her and
her sister." is left alone); an object pair follows "between", or another preposition when
a mark or the end comes after it ("for you and I, that is", but not "for you, and I think").
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

SUBJECT = {"her": "she", "him": "he", "me": "I", "us": "we", "them": "they"}
VERBS = frozenset(
    "had have has was were where are went got did do used would will could can always never both had been"
    " grew go come came met".split()
)
_SUBJECT_PAIR = re.compile(r"(?:^|(?<=[.!?][ \t])|(?<=[.!?][\"”][ \t])|(?<=\n\n)|(?<=[“\"]))(Her|Him|Us|Them|her|him)"
                           r"[ \t]+and[ \t]+((?:[A-Za-z'’]+[ \t]+){1,3})([A-Za-z]+)")
_OBJECT_PAIR = re.compile(r"(?<![\w'’-])(between|Between|for|with|to|from|like|about|of)[ \t]+"
                          r"(you|him|her|them|us|[A-Z][a-z]+)[ \t]+and[ \t]+(I)(?![\w'’-])([ \t]*[,.!?;:)\"”]|$)?",
                          re.MULTILINE)


def pronoun_issues(text: str) -> list[Issue]:
    issues = []
    for m in _SUBJECT_PAIR.finditer(text):
        words = [w.lower() for w in m.group(2).split()] + [m.group(3).lower()]
        if not any(w in VERBS for w in words):
            continue
        word = m.group(1)
        fix = SUBJECT[word.lower()]
        fix = fix if fix == "I" else fix.capitalize() if word[0].isupper() else fix
        issues.append(Issue(m.start(1), m.end(1), "grammar", f"The subject of a verb: “{fix}”, not “{word}”",
                            (fix,), 0.88))
    for m in _OBJECT_PAIR.finditer(text):
        if m.group(1).lower() != "between" and m.group(4) is None:
            continue
        issues.append(Issue(m.start(3), m.end(3), "grammar", f"After “{m.group(1)}”, “me”, not “I”", ("me",), 0.88))
    return issues


@rule("pronoun_case", "grammar", "A pronoun pair in the wrong case (“Her and Dev had”, “between you and I”)",
      flagged="Her and Dev had always been close. Between you and I, it was over.",
      clean="She and Dev had always been close. Between you and me, it was over. Her and her sister.")
def pronoun_case(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return pronoun_issues(doc.text)
