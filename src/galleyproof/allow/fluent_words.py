"""A word that today's word pairs read as right is no confusion: "I was bored" is not "board",
"for sale in" not "sail", "a daily dose of" not "does".

The model's word-choice doubt on one word that has confusables (`english.confusables`) is
dropped where, between the words either side of it, no confusable reads better than the word
as written by `FLUENCY_MARGIN` in the word-pair counts of `suggest.fluency` (Google Books):
a real confusion reads far worse than its fix ("bent there branches", "in buy offering").
Contractions are left to the model, as the counts spell them out ("it's" as "it is").

On the real dev sets' model word-choice flags on such words (176), a margin of 1.0 drops 46,
none of them on a gold error (the 11 that were found read at least 3.2 better fixed); on the
synthetic validation set it drops 5 of the 72 found, noise-made confusions whose context a
word either side cannot tell ("Sum have", "a male distant").
"""

from __future__ import annotations

import re

from galleyproof.english.confusables import CONFUSABLES, SLIPS
from galleyproof.model.tagging import MODEL_RULE, Flag
from galleyproof.suggest.fluency import gains, shipped_pairs
from galleyproof.text.document import Document
from galleyproof.text.words import normalise

#: How much better (log odds, as `fluency.gain`) a confusable must read for the doubt to stand.
FLUENCY_MARGIN = 1.0
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_WORD_BEFORE = re.compile(r"([A-Za-z]+(?:['’][A-Za-z]+)?)[^\w\n]*$")
_WORD_AFTER = re.compile(r"[^\w\n]*([A-Za-z]+(?:['’][A-Za-z]+)?)")
_APOSTROPHES = ("'", "’")


def confusables_of(word: str) -> list[str]:
    """The words `word` is confused with, none of them a contraction; [] if it is one."""
    key = normalise(word)
    alternatives = dict.fromkeys((*CONFUSABLES.get(key, ()), *SLIPS.get(key, ())))
    if any(a in word for a in _APOSTROPHES) or any(a in w for w in alternatives for a in _APOSTROPHES):
        return []
    return list(alternatives)


def reads_right(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) reads better, or nearly as well, as written than as any
    of its confusables, between the words beside it."""
    word = text[start:end]
    alternatives = confusables_of(word)
    if not alternatives:
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.match(text, end, min(len(text), end + 40))
    left = before.group(1) + " " if before else ""
    right = " " + after.group(1) if after else ""
    better = gains(shipped_pairs(), left + word + right, [left + a + right for a in alternatives])
    return max(better) < FLUENCY_MARGIN


def drop_fluent_words(doc: Document, flags: list[Flag]) -> list[Flag]:
    """Flags less the model's word-choice doubts on a word the word pairs read as right."""

    def fluent(f: Flag) -> bool:
        return (f.category == "word_choice" and f.rule.startswith(MODEL_RULE)
                and _WORD.fullmatch(doc.text[f.start : f.end]) is not None
                and reads_right(doc.text, f.start, f.end))

    return [f for f in flags if not fluent(f)]
