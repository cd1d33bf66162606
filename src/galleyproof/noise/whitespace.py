"""Spacing slips: doubled spaces, a space lost after a mark or put before one, a word split
in two ("to gether") or two words run together ("bythe"). The gold span covers the tokens."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping

from galleyproof.english.confusables import COMPOUNDS
from galleyproof.noise.edits import Result, first_that_applies, gap_around, replace, run_around, words

_PREFIXES = ("un", "re", "dis", "mis", "over", "under", "out", "with", "some", "any", "every", "for", "be", "to")
_SUFFIXES = ("ness", "ment", "less", "ful", "ing", "self", "selves", "ward", "wards", "where", "thing", "time", "ly")
_SPACE_BETWEEN = re.compile(r"(?<=\S) (?=\S)")
_AFTER_MARK = re.compile(r"(?<=[^\W\d_][,;:.!?]) (?=[\"“‘']?[^\W\d_])|(?<=[.!?][”’\"']) (?=[\"“‘']?[^\W\d_])")
_BEFORE_MARK = re.compile(r"(?<=[^\W\d_])[,;:.!?]")


def _double_space(text: str, rng: random.Random) -> Result:
    spots = [m.start() for m in _SPACE_BETWEEN.finditer(text)]
    if not spots:
        return None
    i = rng.choice(spots)
    return replace(text, i, i + 1, "  ", "whitespace", "double_space", run_around(text, i, i + 1))


def _missing_space(text: str, rng: random.Random) -> Result:
    spots = [m.start() for m in _AFTER_MARK.finditer(text)]
    if not spots:
        return None
    i = rng.choice(spots)
    return replace(text, i, i + 1, "", "whitespace", "missing_space", gap_around(text, i, i + 1))


def _space_before_mark(text: str, rng: random.Random) -> Result:
    spots = [m.start() for m in _BEFORE_MARK.finditer(text)]
    if not spots:
        return None
    i = rng.choice(spots)
    return replace(text, i, i, " ", "whitespace", "space_before_mark", run_around(text, i, i))


def _split_points(word: str) -> list[int]:
    """Where people break a word: after a prefix or before a suffix, else anywhere inside."""
    lower = word.lower()
    points = [len(p) for p in _PREFIXES if lower.startswith(p) and len(lower) - len(p) >= 3]
    points += [len(lower) - len(s) for s in _SUFFIXES if lower.endswith(s) and len(lower) - len(s) >= 3]
    return points or list(range(2, len(word) - 1))


def _split_word(text: str, rng: random.Random) -> Result:
    spots = [m for m in words(text)
             if len(m.group()) >= 5 and m.group().isalpha() and m.group().lower() not in COMPOUNDS]
    if not spots:
        return None
    m = rng.choice(spots)
    i = m.start() + rng.choice(_split_points(m.group()))
    return replace(text, i, i, " ", "whitespace", "split_word", (m.start(), m.end()))


def _join_words(is_word: Callable[[str], bool] | None):
    def apply(text: str, rng: random.Random) -> Result:
        found = words(text)
        spots = [
            a.end() for a, b in zip(found, found[1:], strict=False)
            if b.start() == a.end() + 1 and text[a.end()] == " "
            and (a.group() + b.group()).lower() not in COMPOUNDS
            and not (is_word and is_word(a.group() + b.group()))
        ]
        if not spots:
            return None
        i = rng.choice(spots)
        return replace(text, i, i + 1, "", "whitespace", "join_words", gap_around(text, i, i + 1))

    return apply


#: Default mixture of the kinds; `NoiseConfig.kinds["whitespace"]` overrides it.
WEIGHTS: dict[str, float] = {
    "double_space": 2.0,
    "missing_space": 2.0,
    "space_before_mark": 1.5,
    "split_word": 2.0,
    "join_words": 2.5,
}


def generate(
    text: str,
    rng: random.Random,
    kinds: Mapping[str, float] | None = None,
    is_word: Callable[[str], bool] | None = None,
) -> Result:
    """Make one spacing error."""
    table = {
        "double_space": _double_space,
        "missing_space": _missing_space,
        "space_before_mark": _space_before_mark,
        "split_word": _split_word,
        "join_words": _join_words(is_word),
    }
    return first_that_applies(text, rng, table, kinds or WEIGHTS)
