"""Modern words are not misspellings: "emojis", "selfie", "crypto", "Wi-Fi".

The model learnt its spelling from old books, so a word coined since reads to it as a slip
("crypto" -> "crypt o"), and flags some the English word list has ("wifi"). A spelling
flag is dropped where every word of its span the lexicon (the books) lacks is common in
today's English (`english.modern`), and there is at least one such word.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.modern import is_modern_word
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def drop_modern(doc: Document, flags: list[Flag], lexicon: Lexicon) -> list[Flag]:
    """Flags less the spelling flags on modern words."""

    def known(word: str) -> bool:
        return bool(lexicon.count(word))  # `count` normalises

    def modern(f: Flag) -> bool:
        if f.category != "spelling":
            return False
        words = [m.group() for m in _WORD.finditer(doc.text[f.start : f.end])]
        new = [w for w in words if not known(w)]
        return bool(new) and all(is_modern_word(w) for w in new)

    return [f for f in flags if not modern(f)]
