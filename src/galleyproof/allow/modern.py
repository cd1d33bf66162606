"""Modern words are not misspellings: "emojis", "selfie", "crypto", "Wi-Fi".

The model learnt its spelling from old books, so a word coined since reads to it as a slip
("crypto" -> "crypt o"). A spelling flag is dropped where its span holds a word that neither
the lexicon nor the English word list knows but today's English does (`english.modern`),
and every other word of the span is known.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.modern import is_modern_word
from galleyproof.english.wordlist import is_english_word
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document
from galleyproof.text.words import normalise

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def drop_modern(doc: Document, flags: list[Flag], lexicon: Lexicon) -> list[Flag]:
    """Flags less the spelling flags on modern words."""

    def known(word: str) -> bool:
        key = normalise(word)
        return bool(lexicon.count(key)) or is_english_word(key)

    def modern(f: Flag) -> bool:
        if f.category != "spelling":
            return False
        words = [m.group() for m in _WORD.finditer(doc.text[f.start : f.end])]
        new = [w for w in words if not known(w)]
        return bool(new) and all(is_modern_word(w) for w in new)

    return [f for f in flags if not modern(f)]
