"""Modern words are not misspellings: "emojis", "selfie", "crypto", "Wi-Fi".

The model learnt its spelling from old books, so a word coined since reads to it as a slip
("crypto" -> "crypt o"), and flags some the English word list has ("wifi"). A spelling
flag is dropped where every word of its span the lexicon (the books) lacks is common in
today's English (`english.modern`), and there is at least one such word. A flag of any
category inside a hyphenated word today's English writes so ("Wi-Fi", "e-mail") is dropped
too: the model reads the parts ("Wi", "-Fi") as a slip of the pen and of the hyphen.
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

    def inside_modern_compound(f: Flag) -> bool:
        start = max(0, f.start - 40)
        for m in _WORD.finditer(doc.text, start, min(len(doc.text), f.end + 40)):
            if m.start() <= f.start and f.end <= m.end():
                return "-" in m.group() and is_modern_word(m.group())
        return False

    return [f for f in flags if not modern(f) and not inside_modern_compound(f)]
