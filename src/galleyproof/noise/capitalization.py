"""Capital letters in the wrong place: sentence starts and names lowered, common words raised,
"i" for "I", a word in capitals, the shift key held a letter too long ("THe") or pressed
inside a word ("mySelf")."""

from __future__ import annotations

import random
from collections.abc import Mapping

from galleyproof.noise.edits import Result, first_that_applies, replace, words
from galleyproof.text.words import is_sentence_start


def _capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower() and not _is_i(word)


def _is_i(word: str) -> bool:
    return word == "I" or word.startswith(("I'", "I’"))


def _lower_start(text: str, rng: random.Random) -> Result:
    spots = [m for m in words(text)
             if m.group()[0].isupper() and not _is_i(m.group()) and is_sentence_start(text, m.start())]
    return _recase(text, rng, spots, lambda w: w[0].lower() + w[1:], "lower_sentence_start")


def _lower_name(text: str, rng: random.Random) -> Result:
    """A capitalised word inside a sentence is a name or a title: "london", "mr. darcy"."""
    spots = [m for m in words(text) if _capitalised(m.group()) and not is_sentence_start(text, m.start())]
    return _recase(text, rng, spots, str.lower, "lower_proper_noun")


def _raise_word(text: str, rng: random.Random) -> Result:
    spots = [m for m in words(text) if m.group().islower() and not is_sentence_start(text, m.start())]
    return _recase(text, rng, spots, lambda w: w[0].upper() + w[1:], "stray_capital")


def _lower_i(text: str, rng: random.Random) -> Result:
    spots = [m for m in words(text) if _is_i(m.group())]
    return _recase(text, rng, spots, lambda w: "i" + w[1:], "lower_i")


def _all_caps(text: str, rng: random.Random) -> Result:
    spots = [m for m in words(text) if len(m.group()) >= 2 and not m.group().isupper()]
    return _recase(text, rng, spots, str.upper, "all_caps")


def _shift_held(text: str, rng: random.Random) -> Result:
    spots = [m for m in words(text) if len(m.group()) >= 3 and _capitalised(m.group()) and m.group()[1].isalpha()]
    return _recase(text, rng, spots, lambda w: w[:2].upper() + w[2:], "shift_held")


def _inner_capital(text: str, rng: random.Random) -> Result:
    """The shift key pressed inside a word: "mySelf", "reasonAbly"."""
    spots = [m for m in words(text) if len(m.group()) >= 4 and m.group().isalpha() and m.group()[1:].islower()]
    if not spots:
        return None
    m = rng.choice(spots)
    i = rng.randrange(1, len(m.group()))
    word = m.group()
    return replace(text, m.start(), m.end(), word[:i] + word[i].upper() + word[i + 1 :], "capitalization",
                   "inner_capital")


def _recase(text: str, rng: random.Random, spots: list, change, kind: str) -> Result:
    if not spots:
        return None
    m = rng.choice(spots)
    return replace(text, m.start(), m.end(), change(m.group()), "capitalization", kind)


KINDS = {
    "lower_sentence_start": _lower_start,
    "lower_proper_noun": _lower_name,
    "stray_capital": _raise_word,
    "lower_i": _lower_i,
    "all_caps": _all_caps,
    "shift_held": _shift_held,
    "inner_capital": _inner_capital,
}

#: Default mixture of the kinds; `NoiseConfig.kinds["capitalization"]` overrides it.
WEIGHTS: dict[str, float] = {
    "lower_sentence_start": 3.0,
    "lower_proper_noun": 3.0,
    "stray_capital": 3.0,
    "lower_i": 1.0,
    "all_caps": 0.3,
    "shift_held": 0.5,
    "inner_capital": 0.5,
}


def generate(text: str, rng: random.Random, kinds: Mapping[str, float] | None = None) -> Result:
    """Make one capitalisation error."""
    return first_that_applies(text, rng, KINDS, kinds or WEIGHTS)
