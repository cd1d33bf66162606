"""A word the lexicon does not know, in any inflection, derivative or compound of known
words, and that the manuscript uses only once (a word used twice is the writer's: a name,
dialect, a coinage). A capitalised word is left alone unless it opens a sentence: it is
most likely a name."""

from __future__ import annotations

import re

from galleyproof.english import slips
from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import iter_words, normalise

#: Times the lexicon must have seen a word for it to count as known.
MIN_COUNT = 3
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s*$")


def _is_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start]
    if not before.strip():
        return True
    return bool(_SENTENCE_END.search(before)) or before.rstrip().endswith(("\n", "“", '"'))


@rule("unknown_words", "spelling", "A word neither the lexicon nor the rest of the manuscript knows",
      flagged="He drank teh tea.", clean="He drank the tea.", calibrated=True)
def unknown_words(doc: Document, lexicon: Lexicon) -> list[Issue]:
    text = doc.text
    issues = []
    for m in iter_words(text):
        word = m.group()
        # The document's count last: a re-check looks it up for unknown words only (`rules.memo`).
        if len(word) < 2 or slips.known_form(lexicon, word, MIN_COUNT) or doc.counts[normalise(word)] > 1:
            continue
        if word[0].isupper() and not _is_sentence_start(text, m.start()):
            continue  # most likely a name
        issues.append(Issue(m.start(), m.end(), "spelling", f"“{word}” is not in the lexicon"))
    return issues
