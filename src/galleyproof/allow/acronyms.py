"""Acronyms are not stray capitals: "most US officials", "a TIP number", "STEM careers".

The model learnt its capitals from old novels, where a word in capitals mid-sentence is rare
and mostly a slip; today's prose is full of short acronyms. A model capitalisation flag on
one all-capital word of two to five letters (digits allowed: "CO2") is dropped, unless the
word in lower case is a common function word ("THE", "AND", "WAS": a held shift key or caps
lock, which stays flagged). The rules' own capitalisation flags are left alone.
"""

from __future__ import annotations

import re

from galleyproof.model.tagging import MODEL_RULE, Flag
from galleyproof.text.document import Document

_ACRONYM = re.compile(r"(?=[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z])[A-Z0-9]{2,5}")
#: Words that, written in capitals, are a slip rather than an acronym.
FUNCTION_WORDS = frozenset(
    "a an the and or but nor so yet if of to in on at by for from with as is was are were be been am do did does"
    " has had have he she we they you me him her them his its our their my your this that these those not"
    " no all any one two who what when where why how i".split()
)


def drop_acronyms(doc: Document, flags: list[Flag]) -> list[Flag]:
    """Flags less the model's capitalisation flags on acronyms."""

    def acronym(f: Flag) -> bool:
        if f.category != "capitalization" or not f.rule.startswith(MODEL_RULE):
            return False
        word = doc.text[f.start : f.end]
        return bool(_ACRONYM.fullmatch(word)) and word.lower() not in FUNCTION_WORDS

    return [f for f in flags if not acronym(f)]
