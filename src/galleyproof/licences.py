"""Constructions English allows that the model, reading a few words at a time, flags as
grammar: a subjunctive "were" after "if", "unless", "as though" ("unless it were on a public
occasion"), "an" before a word in h ("an hundred", "an habitual": older usage, as the article
lookup also allows). (Italic underscores, `_him_`, never reach the model: `model_detector`
drops them from what it reads, as training did.) And one it flags as capitalisation: a
capitalised word ("Told", not "TOld") that opens a paragraph, opening quotes allowed before
it (`“Told you what?”` in The Jungle Book), whose capital nothing could make wrong.

On the seven clean training books the shipped lookup tables were not counted on, the default
model raised 17 grammar flags on such a "were" and 11 on such an "an".
"""

from __future__ import annotations

import re

from galleyproof.tagging import Flag
from galleyproof.words import WORD_RE

#: Words after which "were" may be a subjunctive, looked for this many words back.
SUBJUNCTIVE_OPENERS = frozenset("if unless though lest wish wished wishing would supposing suppose whether as".split())
LOOK_BACK = 4
_H_WORD = re.compile(r"\s+[hH]")
#: Categories a licence excuses.
EXCUSED = frozenset({"grammar", "word_choice"})
#: What may stand between a paragraph's start and its first word.
_OPENERS = "“‘\"'(["


def opens_paragraph_capitalised(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is one capitalised word ("Told", "A") that opens a paragraph."""
    word = text[start:end]
    if not (WORD_RE.fullmatch(word) and word[0].isupper() and (len(word) == 1 or word[1:].islower())):
        return False
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    line_start = text.rfind("\n", 0, i) + 1
    if text[line_start:i].strip():
        return False
    if line_start == 0:
        return True
    previous = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
    return not previous.strip()  # a blank line before: a new paragraph


def licensed(text: str, flag: Flag) -> bool:
    """Whether the flag stands on one of the allowed constructions of the module docstring."""
    if flag.category == "capitalization":
        return opens_paragraph_capitalised(text, flag.start, flag.end)
    if flag.category not in EXCUSED:
        return False
    span = text[flag.start : flag.end]
    word = span.lower()
    if word == "were":
        before = WORD_RE.findall(text, max(0, flag.start - 60), flag.start)[-LOOK_BACK:]
        return any(w.lower() in SUBJUNCTIVE_OPENERS for w in before)
    return word == "an" and _H_WORD.match(text, flag.end) is not None


def drop_licensed(text: str, flags: list[Flag]) -> list[Flag]:
    return [f for f in flags if not licensed(text, f)]
