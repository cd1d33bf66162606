"""A word written twice in a row ("the the"), across a line break too; the doubles English
allows ("had had", "that that") and its reduplications ("blah blah", "bye bye", "tut tut") are
left alone, and so are a name written twice ("Baden Baden", "Wild Wild West": both capitalised,
mid-sentence) and words with no Latin letter (a character of another script repeated line
after line is no English slip, and each flag costs a round of suggestion ranking)."""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import is_sentence_start

_REPEATED = re.compile(r"\b([^\W\d_]+)([ \t]+|[ \t]*\r?\n[ \t]*)(\1)\b", re.IGNORECASE)
#: Doubles that English allows; none of the synthetic errors is one (docs/experiments/rules.md).
_ALLOWED_DOUBLES = frozenset({"had", "that", "is", "do", "very", "no", "far", "so", "ha", "oh"})
#: Words English doubles on purpose, mostly in speech.
REDUPLICATIONS = frozenset(
    "blah bye knock tut tsk yada bling chop choo boo bang night hush pooh hip bow hubba tom mahi".split()
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


@rule("repeated_words", "grammar", "A word written twice in a row",
      flagged="We reach the the first port.", clean="He said that that was all, blah blah, in Baden Baden.",
      calibrated=True)
def repeated_words(doc: Document, lexicon: Lexicon) -> list[Issue]:
    issues = []
    for m in _REPEATED.finditer(doc.text):
        word, again = m.group(1), m.group(3)
        if word.lower() in _ALLOWED_DOUBLES or word.lower() in REDUPLICATIONS or not _LATIN.search(word):
            continue
        if word[0].isupper() and again[0].isupper() and not is_sentence_start(doc.text, m.start()):
            continue  # a name written twice: "the spa town of Baden Baden"
        issues.append(Issue(m.start(), m.end(), "grammar", f"“{word}” is repeated", (word,), 0.9))
    return issues
