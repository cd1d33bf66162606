"""Word spans in prose: the unit the lexicon counts and the rules look at."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Letters with inner apostrophes (straight or curly): "don't", "o’clock". Hyphenated
# compounds are separate words, so "charnel-house" checks "charnel" and "house".
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def iter_words(text: str) -> Iterator[re.Match[str]]:
    """Every word in `text`, as regex matches (their `.span()` indexes `text`)."""
    return WORD_RE.finditer(text)


def normalise(word: str) -> str:
    """The lexicon key of a word: lower case, curly apostrophe made straight."""
    return word.lower().replace("’", "'")
