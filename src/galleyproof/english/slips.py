"""Is a word the lexicon lacks a form of known words, or a slip of the pen?

A word missing from the corpus is either English the corpus happens not to hold (an
inflection, a derivative, an archaic verb ending, a compound) or a slip. The model weighs
each such word in context; this is the spell checker's evidence beside it: a slip has a
common word one or two edits away and no reading as a form of a known word, or it is two
common words run together ("forthe").
"""

from __future__ import annotations

from collections.abc import Callable

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.wordlist import is_english_word
from galleyproof.suggest.spelling import near_words
from galleyproof.text.words import normalise

#: Seen this often, a word is known well enough to build forms on.
KNOWN_COUNT = 3
#: Both halves of a run-together slip are this common (about the 120 commonest words:
#: "for" + "the", "what" + "she"; not "for" + "bad").
COMMON_COUNT = 5000
#: A slip's intended word is at least this common in the corpus.
TARGET_COUNT = 20

# (ending, what replaces it on the stem): inflections, derivatives and archaic verb endings.
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ied", "y"),
    ("ing", ""), ("ing", "e"), ("ly", ""), ("ily", "y"), ("er", ""), ("er", "e"), ("est", ""),
    ("est", "e"), ("st", ""), ("eth", ""), ("eth", "e"), ("th", ""), ("edst", ""), ("dst", ""),
    ("ness", ""), ("iness", "y"), ("ment", ""), ("ful", ""), ("less", ""), ("ish", ""), ("ish", "e"),
    ("y", ""), ("like", ""), ("ling", ""), ("ling", "e"), ("ings", ""), ("ings", "e"),
    ("able", ""), ("able", "e"), ("ably", ""), ("ably", "e"), ("'s", ""), ("s'", ""), ("ise", "ize"),
    ("ised", "ized"), ("ising", "izing"), ("isation", "ization"),
)
PREFIXES: tuple[str, ...] = (
    "un", "in", "im", "dis", "re", "be", "en", "em", "mis", "over", "out", "fore", "up", "under",
    "non", "pre", "self-",
)
# After these a plural takes "es", not a bare "s" ("kisss" is no plural of "kiss").
_SIBILANT_ENDS = ("s", "x", "z", "sh", "ch")


def _stem_known(known: Callable[[str], bool], stem: str) -> bool:
    """The stem, or the stem with a consonant doubled before the ending undone ("stopped")."""
    return known(stem) or (len(stem) > 3 and stem[-1] == stem[-2] and known(stem[:-1]))


def _suffix_form(known: Callable[[str], bool], key: str) -> bool:
    for suffix, repl in SUFFIXES:
        if not key.endswith(suffix) or len(key) - len(suffix) < 3:
            continue
        stem = key[: -len(suffix)] + repl
        if suffix == "s" and stem.endswith(_SIBILANT_ENDS):
            continue
        if suffix == "d" and not stem.endswith("e"):
            continue  # "loved", not "opend"
        if _stem_known(known, stem):
            return True
    return False


def known_form(lexicon: Lexicon, word: str, min_count: int = KNOWN_COUNT, compounds: bool = True) -> bool:
    """Known (seen `min_count` times, or in the English word list), or an inflection,
    derivative or (with `compounds`) compound of known words ("embarks", "unsoftened",
    "drivest", "daydreams")."""

    def seen(key: str) -> bool:
        return lexicon.count(key) >= min_count

    def known(key: str) -> bool:  # a stem: the word list's short words are too often fragments
        return seen(key) or (len(key) >= 4 and is_english_word(key))

    key = normalise(word)
    if known(key) or _suffix_form(known, key):
        return True
    for prefix in PREFIXES:
        rest = key[len(prefix) :]
        if key.startswith(prefix) and len(rest) >= 4 and (known(rest) or _suffix_form(known, rest)):
            return True
    if any(seen(key + ending) for ending in ("s", "d", "ed", "es")):
        return True  # a base form whose inflections are common ("satiate")
    if "-" in key:
        return all(part and known_form(lexicon, part, min_count, compounds) for part in key.split("-"))
    # Closed compounds of two known words of three letters or more; "bythe" stays unknown.
    return compounds and any(seen(key[:i]) and seen(key[i:]) for i in range(3, len(key) - 2))


def run_together(lexicon: Lexicon, word: str) -> bool:
    """Two common words with the space between them lost ("forthe", "whatshe")."""
    key = normalise(word)
    return any(
        lexicon.count(key[:i]) >= COMMON_COUNT and lexicon.count(key[i:]) >= COMMON_COUNT
        for i in range(1, len(key))
        if (i > 1 or key[0] in "ai") and (len(key) - i > 1 or key[-1] in "ai")
    )


def looks_like_slip(lexicon: Lexicon, word: str) -> bool:
    """Is a word the lexicon lacks most likely a slip: two common words run together, or a
    common word one edit away (two for longer words) that no reading as a form explains?

    Words with letters outside ASCII are taken as foreign ("dôme", "dæmon"), an apostrophe
    inside a word as a deliberate elision ("wand'ring", "learn'd"), and digits as no word.
    """
    key = normalise(word)
    if len(key) < 2 or not key.isascii() or not key.isalpha():
        return False
    if run_together(lexicon, key):
        return True
    if known_form(lexicon, key):
        return False
    return any(
        count >= TARGET_COUNT and (distance == 1 or len(key) > 4)
        for _, distance, count in near_words(lexicon, key)
    )
