"""Acronyms and words written in capitals for stress are not stray capitals: "most US
officials", "a TIP number", "STEM careers", "I did NOT say that"; nor are acronyms misspelt
words ("the HR lady" -> "HE").

The model learnt its capitals from old novels, where a word in capitals mid-sentence is rare
and mostly a slip; today's prose is full of short acronyms. A model capitalisation flag on
one all-capital word of two to five letters (digits allowed: "CO2") is dropped, unless the
word in lower case is a common function word ("THE", "AND", "WAS": a held shift key or caps
lock, which stays flagged). A word in capitals standing alone among words in small letters
("BOTH their bishop AND stake president", "you are NOT going") is stress, whatever its length:
a held shift key or caps lock runs on into the next word ("THE CO2 plan" stays flagged). On
cweb_dev no gold error lowers such a word. The rules' own capitalisation flags are left alone.
"""

from __future__ import annotations

import re

from galleyproof.model.tagging import MODEL_RULE, Flag
from galleyproof.text.document import Document

_CAPITALS = re.compile(r"[A-Z]{2,}")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[^\w\n]*$")
_WORD_AFTER = re.compile(r"[^\w\n]*([^\W\d_]+)")
_ACRONYM = re.compile(r"(?=[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z])[A-Z0-9]{2,5}")
#: The model's categories whose flag on an acronym alone is dropped: it reads "the HR lady" as
#: a slip for "HE" as readily as it wants "HR" in small letters.
DOUBTED_AS = frozenset({"capitalization", "spelling", "grammar", "word_choice"})
#: Words that, written in capitals, are a slip rather than an acronym.
FUNCTION_WORDS = frozenset(
    "a an the and or but nor so yet if of to in on at by for from with as is was are were be been am do did does"
    " has had have he she we they you me him her them his its our their my your this that these those not"
    " no all any one two who what when where why how i".split()
)


def drop_acronyms(doc: Document, flags: list[Flag]) -> list[Flag]:
    """Flags less the model's flags on an acronym alone, and its capital flags on stress."""

    def acronym(f: Flag) -> bool:
        if f.category not in DOUBTED_AS or not f.rule.startswith(MODEL_RULE):
            return False
        word = doc.text[f.start : f.end]
        if _ACRONYM.fullmatch(word) and word.lower() not in FUNCTION_WORDS:
            return True
        return f.category == "capitalization" and bool(_CAPITALS.fullmatch(word)) and stressed(f.start, f.end)

    def stressed(start: int, end: int) -> bool:
        text = doc.text
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        after = _WORD_AFTER.match(text, end)
        neighbours = [m.group(1) for m in (before, after) if m is not None]
        return bool(neighbours) and not any(len(n) > 1 and n.isupper() for n in neighbours)

    return [f for f in flags if not acronym(f)]
