"""Missing and extra words (category "grammar", kinds "missing_word" and "extra_word").

Span convention, one for both: the gold span covers the word before and the word after the
place where a word went missing or was put in, so a missing word is marked by its neighbours
("histories the" -> "histories of the") and an extra word by itself and its neighbours
("placed in within" -> "placed within", "just just born" -> "just born").
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping

from galleyproof.english.confusables import CONFUSABLES, FUNCTION_WORDS, SLIPS
from galleyproof.noise.edits import Result, first_that_applies, replace, words

# Words people put in twice under another form: "and but", "in within", "the his".
_SIMILAR_GROUPS = [
    group.split("/")
    for group in """and/but/or/yet/so/nor in/within/into/on/upon/at of/off/from/to/for/with/by
    the/a/an/this/that/his/her/its/their/my/your was/were/is/are/had/has/have/be/been
    he/she/it/they/him/her/them very/quite/so/too/rather/more/most/just/only/even/still""".split()
]
_SIMILAR = {w: [x for g in _SIMILAR_GROUPS if w in g for x in g if x != w] for g in _SIMILAR_GROUPS for w in g}
_COMMON_WORDS = tuple(
    "very still just quite really also even then now only own little great other same such much "
    "well again all some more old long good first last whole every most never always here there "
    "perhaps indeed one man time day way thing house hand eyes life world night poor young".split()
)


def _between_words(text: str) -> list[tuple]:
    """Pairs of neighbouring words with exactly one space between them."""
    found = words(text)
    return [(a, b) for a, b in zip(found, found[1:], strict=False) if b.start() == a.end() + 1 and text[a.end()] == " "]


def _missing(leaves_out: Callable[[str], bool]):
    """Leave out one lower-case word, between two others, that `leaves_out` picks."""

    def apply(text: str, rng: random.Random) -> Result:
        found = words(text)
        spots = [
            (found[i - 1], w, found[i + 1])
            for i, w in enumerate(found[1:-1], start=1)
            if w.group().islower() and text[w.start() - 1] == " " and leaves_out(w.group())
        ]
        if not spots:
            return None
        before, w, after = rng.choice(spots)
        return replace(text, w.start() - 1, w.end(), "", "grammar", "missing_word", (before.start(), after.end()))

    return apply


def _extra(choose: Callable[[str, str, random.Random], str | None]):
    """Insert the word `choose` picks for a neighbouring pair, between the two."""

    def apply(text: str, rng: random.Random) -> Result:
        pairs = _between_words(text)
        rng.shuffle(pairs)
        for a, b in pairs:
            word = choose(a.group(), b.group(), rng)
            if word:
                i = a.end()
                return replace(text, i, i, " " + word, "grammar", "extra_word", (a.start(), b.end()))
        return None

    return apply


def _repeat(a: str, b: str, rng: random.Random) -> str | None:
    return a


def _function_word(a: str, b: str, rng: random.Random) -> str | None:
    word = rng.choice(FUNCTION_WORDS)
    return None if word in (a.lower(), b.lower()) else word


def _near_duplicate(a: str, b: str, rng: random.Random) -> str | None:
    """A word like one of its neighbours: "better of off", "and but had"."""
    options = [
        x for w in (a.lower(), b.lower()) for table in (_SIMILAR, CONFUSABLES, SLIPS) for x in table.get(w, ())
    ]
    return rng.choice(options) if options else None


def _common_word(a: str, b: str, rng: random.Random) -> str | None:
    word = rng.choice(_COMMON_WORDS)
    return None if word in (a.lower(), b.lower()) else word


_ARTICLES = frozenset({"a", "an", "the"})

#: "article": "took the bus" -> "took bus", the word real writers leave out most often (about a
#: third of the missing words in website text), a kind of its own so the mixture can weigh it.
MISSING_KINDS = {
    "function_word": _missing(lambda w: w in FUNCTION_WORDS),
    "content_word": _missing(lambda w: w not in FUNCTION_WORDS),
    "article": _missing(_ARTICLES.__contains__),
}
EXTRA_KINDS = {
    "repeat": _extra(_repeat),
    "function_word": _extra(_function_word),
    "near_duplicate": _extra(_near_duplicate),
    "common_word": _extra(_common_word),
}

#: Default mixtures of the kinds; `NoiseConfig.kinds["missing_word"]` / `["extra_word"]` override them.
MISSING_WEIGHTS: dict[str, float] = {"function_word": 2.0, "content_word": 1.0, "article": 0.0}
EXTRA_WEIGHTS: dict[str, float] = {"repeat": 2.0, "function_word": 3.0, "near_duplicate": 2.0, "common_word": 1.5}


def missing_word(text: str, rng: random.Random, kinds: Mapping[str, float] | None = None) -> Result:
    """Leave one word out."""
    return first_that_applies(text, rng, MISSING_KINDS, kinds or MISSING_WEIGHTS)


def extra_word(text: str, rng: random.Random, kinds: Mapping[str, float] | None = None) -> Result:
    """Put one word in that does not belong."""
    return first_that_applies(text, rng, EXTRA_KINDS, kinds or EXTRA_WEIGHTS)
