"""Modern words are not misspellings: "emojis", "selfie", "crypto", "Wi-Fi".

The model learnt its spelling from old books, so a word coined since reads to it as a slip
("crypto" -> "crypt o"), and flags some the English word list has ("wifi"). A spelling
flag, or a white-space or capital flag on one word alone ("selfie" -> "self"; "pizza" in
small letters mid-sentence, read as a name), is dropped where every word of its span the
lexicon (the books) lacks is common in today's English (`english.modern`), and there is at
least one such word. A flag of any category inside a hyphenated word today's English writes
so ("Wi-Fi", "e-mail") is dropped too: the model reads the parts ("Wi", "-Fi") as a slip of
the pen and of the hyphen.

A word today's English uses at least ten times as often as the books did ("site", "data",
"dad": Zipf 5 today, under 4 in the books) is the era's, not a slip: the model's grammar or
word-choice doubt on that one word alone ("my dad" -> "my day") is dropped. On cweb_dev's
flags at `thorough` that dropped 116 false flags and 4 finds; none on novel prose. Words under
four letters (mostly abbreviations written small: "tv", "nfl") are left flagged, as are
spellings web text repeats as slips (`english.modern.NEVER_KNOWN`); a text message's words
("u up?", "ok") are the era's however often the books wrote them.
"""

from __future__ import annotations

import math
import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.modern import MIN_LENGTH, NEVER_KNOWN, SHORT_WORDS, TEXT_SPEAK, is_modern_word, zipf_today
from galleyproof.model.tagging import MODEL_RULE, Flag
from galleyproof.text.document import Document
from galleyproof.text.words import is_sentence_start

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: Categories that doubt how a word is spelt, where its spaces go, or (for a word in small
#: letters mid-sentence) whether it is a name.
WORD_FORM_CATEGORIES = frozenset({"spelling", "whitespace", "capitalization"})
#: The model's categories whose one-word doubt on a word of today's English is dropped.
ERA_CATEGORIES = frozenset({"grammar", "word_choice"})


def era_word(word: str, lexicon: Lexicon) -> bool:
    """Whether today's English writes `word` at least ten times as often as the books did."""
    key = word.lower()
    if key in TEXT_SPEAK:
        return True
    if key in NEVER_KNOWN or (len(key) < MIN_LENGTH and key not in SHORT_WORDS):
        return False
    today = zipf_today(key)
    if not today or not lexicon.total:
        return False
    in_books = math.log10(max(lexicon.count(key), 0.5) / lexicon.total * 1e9)
    return in_books <= today - 1


def drop_modern(doc: Document, flags: list[Flag], lexicon: Lexicon) -> list[Flag]:
    """Flags less the spelling flags on modern words, and the model's one-word doubts on words
    of today's English (the module docstring)."""

    def known(word: str) -> bool:
        return bool(lexicon.count(word))  # `count` normalises

    def modern(f: Flag) -> bool:
        if f.category not in WORD_FORM_CATEGORIES:
            return False
        span = doc.text[f.start : f.end]
        if f.category != "spelling" and not _WORD.fullmatch(span):
            return False  # a doubt on the spaces beside words ("lifespan- a"), not on one word
        if f.category == "capitalization" and (not span.islower() or is_sentence_start(doc.text, f.start)):
            return False
        words = [m.group() for m in _WORD.finditer(span)]
        new = [w for w in words if not known(w)]
        return bool(new) and all(is_modern_word(w) for w in new)

    def inside_modern_compound(f: Flag) -> bool:
        start = max(0, f.start - 40)
        for m in _WORD.finditer(doc.text, start, min(len(doc.text), f.end + 40)):
            if m.start() <= f.start and f.end <= m.end():
                return "-" in m.group() and is_modern_word(m.group())
        return False

    def of_the_era(f: Flag) -> bool:
        if f.category not in ERA_CATEGORIES or not f.rule.startswith(MODEL_RULE):
            return False
        word = doc.text[f.start : f.end]
        return word.isalpha() and era_word(word, lexicon)

    return [f for f in flags if not modern(f) and not inside_modern_compound(f) and not of_the_era(f)]
