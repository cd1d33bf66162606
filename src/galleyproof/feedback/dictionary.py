"""The personal dictionary: words the writer vouches for, and candidates found in a manuscript.

Names and coined words are the commonest false alarms a proofreader raises on fiction;
a word once added is never flagged again, in any document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from galleyproof.english.lexicon import Lexicon
from galleyproof.text.words import WORD_RE, is_sentence_start, iter_words, normalise

_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
#: A name the lexicon has seen fewer times than this may still be flagged, so it is worth adding.
RARE_IN_LEXICON = 50


def dictionary_key(span: str) -> str | None:
    """The dictionary form of a flagged span that is one word ("Mowgli's" -> "mowgli"), else None."""
    span = span.strip()
    if not WORD_RE.fullmatch(span):
        return None
    return normalise(_POSSESSIVE.sub("", span) or span)


def word_stem(key: str) -> str:
    """A dictionary key with its inflection taken off, so every form of a word the writer
    vouched for matches it: "burs", "bur"; "tamed", "taming", "tame"; "hisses", "hiss"."""
    stem = key
    if key.endswith("es") and key[:-2].endswith(("s", "x", "z", "ch", "sh")):
        stem = key[:-2]
    elif key.endswith(("ing", "ed")):
        stem = key[: -3 if key.endswith("ing") else -2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
            stem = stem[:-1]  # "stopped" -> "stop", but "belled" -> "bell"
    elif key.endswith("s") and not key.endswith("ss"):
        stem = key[:-1]
    if len(stem) < 3:
        return key
    return stem[:-1] if stem.endswith("e") else stem


@dataclass(frozen=True)
class Suggestion:
    """A word proposed for the dictionary: its commonest spelling, uses, and why."""

    word: str
    count: int
    reason: str


def suggest_words(
    paragraphs: list[str], lexicon: Lexicon, known: set[str], min_count: int = 3
) -> list[Suggestion]:
    """Recurring words the lexicon does not know, and names (capitalised mid-sentence) it
    knows too little to trust; most used first. `known` (dictionary keys) are left out."""
    uses: Counter[str] = Counter()
    mid_capitals: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for text in paragraphs:
        for m in iter_words(text):
            word = m.group()
            key = dictionary_key(word)
            if key is None or key in known:
                continue
            uses[key] += 1
            spellings.setdefault(key, Counter())[_POSSESSIVE.sub("", word) or word] += 1
            if word[0].isupper() and not is_sentence_start(text, m.start()):
                mid_capitals[key] += 1
    out = []
    for key, count in uses.items():
        if count < min_count:
            continue
        is_name = mid_capitals[key] >= min_count and mid_capitals[key] * 2 >= count
        if lexicon.count(key) == 0:
            reason = "name, unknown to the lexicon" if is_name else "unknown to the lexicon"
        elif is_name and lexicon.count(key) < RARE_IN_LEXICON:
            reason = "name, rare in the lexicon"
        elif is_name and lexicon.capitalised_share(key) < 0.5:
            reason = "name, lower-case in the lexicon"
        else:
            continue
        out.append(Suggestion(spellings[key].most_common(1)[0][0], count, reason))
    return sorted(out, key=lambda s: (-s.count, s.word.lower()))
