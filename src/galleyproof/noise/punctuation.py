"""Punctuation slips: marks dropped, doubled, swapped or put in, apostrophes lost or moved,
quotes left open, hyphens inside words, a mark typed with the shift key wrong ("being< but")
or a stray keystroke between words ("the (same"). The gold span covers the token(s) around
the mark."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping

from galleyproof.noise.edits import Result, first_that_applies, gap_around, replace, run_around, words
from galleyproof.text.words import apostrophe_of, is_sentence_start

_MARKS = ",;:.!?"
# A mark and what it is mistaken for.
_SWAPS = {",": ";.", ";": ",:", ":": ";,", ".": ",;", "?": ".", "!": ".,"}
# A mark and what the same key gives with the shift key wrongly held or released, or what its
# neighbour on the keyboard gives ("!" is shift-1, next to shift-2 "@").
_SHIFTED = {",": "<", ".": ">", "!": "1@", "?": "/", ";": ":"}
# Stray keystrokes between words: marks after a word, openers before one.
_STRAY_AFTER = ".;:?!'"
_STRAY_BEFORE = "([\"'"
_APOSTROPHES = "'’"
_NON_SPACE = re.compile(r"\S")
_QUOTES = "\"“”"
# Words that end in "s" but are no plurals: a greengrocer's apostrophe there reads as noise.
_NOT_PLURAL = frozenset(
    "this was has his is its us yes thus always perhaps towards afterwards besides sometimes "
    "unless less across whereas upon does goes".split()
)


def _is_lone_mark(text: str, i: int) -> bool:
    """A single mark after a letter or closing quote: not part of "..." or "?!"."""
    return (
        i > 0
        and (text[i - 1].isalpha() or text[i - 1] in "”’\"')")
        and (i + 1 == len(text) or text[i + 1] not in _MARKS)
    )


def _full_stop(text: str, i: int) -> bool:
    """A sentence-ending full stop, not one of "Mr." or an initial."""
    after = i + 1
    while after < len(text) and text[after] in "”’\"')":
        after += 1
    return after == len(text) or (text[after].isspace() and is_sentence_start(text, _next_word(text, after)))


def _next_word(text: str, i: int) -> int:
    m = _NON_SPACE.search(text, i)
    return m.start() if m else len(text)


def _lone_marks(text: str, marks: str) -> list[int]:
    return [i for i, c in enumerate(text) if c in marks and _is_lone_mark(text, i)]


def _drop_comma(text: str, rng: random.Random) -> Result:
    spots = _lone_marks(text, ",")
    if not spots:
        return None
    i = rng.choice(spots)
    return replace(text, i, i + 1, "", "punctuation", "drop_comma", gap_around(text, i, i + 1))


def _drop_period(text: str, rng: random.Random) -> Result:
    spots = [i for i in _lone_marks(text, ".") if _full_stop(text, i)]
    if not spots:
        return None
    i = rng.choice(spots)
    return replace(text, i, i + 1, "", "punctuation", "drop_period", gap_around(text, i, i + 1))


def _inner_apostrophes(text: str) -> list[int]:
    return [
        i for i in range(1, len(text) - 1)
        if text[i] in _APOSTROPHES and text[i - 1].isalpha() and text[i + 1].isalpha()
    ]


def _drop_apostrophe(text: str, rng: random.Random) -> Result:
    spots = _inner_apostrophes(text)
    if not spots:
        return None
    i = rng.choice(spots)
    return replace(text, i, i + 1, "", "punctuation", "drop_apostrophe", run_around(text, i, i + 1))


def _move_apostrophe(text: str, rng: random.Random) -> Result:
    """ "don't" -> "do'nt", "man's" -> "mans'"."""
    spots = _inner_apostrophes(text)
    if not spots:
        return None
    i = rng.choice(spots)
    mark = text[i]
    if rng.random() < 0.5:
        new, start, end = text[i + 1] + mark, i, i + 2
    else:
        new, start, end = mark + text[i - 1], i - 1, i + 1
    return replace(text, start, end, new, "punctuation", "move_apostrophe", run_around(text, start, end))


def _add_apostrophe(text: str, rng: random.Random) -> Result:
    """The greengrocer's apostrophe: "books" -> "book's"."""
    spots = [
        m for m in words(text)
        if len(m.group()) >= 4 and m.group().isalpha() and m.group().islower()
        and m.group().endswith("s") and not m.group().endswith(("ss", "us", "is"))
        and m.group() not in _NOT_PLURAL
    ]
    if not spots:
        return None
    m = rng.choice(spots)
    i = m.end() - 1
    return replace(text, i, i, apostrophe_of(text), "punctuation", "add_apostrophe", run_around(text, i, i))


def _double_mark(text: str, rng: random.Random) -> Result:
    spots = _lone_marks(text, _MARKS)
    if not spots:
        return None
    i = rng.choice(spots)
    return replace(text, i, i, text[i], "punctuation", "double_mark", run_around(text, i, i + 1))


def _wrong_mark(text: str, rng: random.Random) -> Result:
    spots = [i for i in _lone_marks(text, _MARKS) if text[i] != "." or _full_stop(text, i)]
    if not spots:
        return None
    i = rng.choice(spots)
    new = rng.choice(_SWAPS[text[i]])
    return replace(text, i, i + 1, new, "punctuation", "wrong_mark", run_around(text, i, i + 1))


def _spaced_pairs(text: str) -> list[tuple[re.Match[str], re.Match[str]]]:
    """Two words one space apart, the second in small letters: where a stray mark can fall."""
    found = words(text)
    return [(a, b) for a, b in zip(found, found[1:], strict=False)
            if b.start() == a.end() + 1 and text[a.end()] == " " and b.group()[0].islower()]


def _stray_comma(text: str, rng: random.Random) -> Result:
    """A comma between two words that wanted none: "the old, man"."""
    spots = [a.end() for a, _ in _spaced_pairs(text)]
    if not spots:
        return None
    i = rng.choice(spots)
    return replace(text, i, i, ",", "punctuation", "stray_comma", run_around(text, i, i))


def _shifted_mark(text: str, rng: random.Random) -> Result:
    """A mark typed with the shift key wrong: "being< but" for "being, but", "beings> If"."""
    spots = [i for i in _lone_marks(text, "".join(_SHIFTED)) if text[i] != "." or _full_stop(text, i)]
    if not spots:
        return None
    i = rng.choice(spots)
    return replace(text, i, i + 1, rng.choice(_SHIFTED[text[i]]), "punctuation", "shifted_mark",
                   run_around(text, i, i + 1))


def _stray_mark(text: str, rng: random.Random) -> Result:
    """A stray keystroke between two words: "strewed? on", "the (same", "sound [] such", or a
    hyphen for the space ("the-peasants")."""
    spots = _spaced_pairs(text)
    if not spots:
        return None
    a, b = rng.choice(spots)
    roll = rng.random()
    if roll < 0.5:
        i, mark = a.end(), rng.choice(_STRAY_AFTER)
    elif roll < 0.85:
        i, mark = b.start(), rng.choice(_STRAY_BEFORE)
    elif roll < 0.92:
        i, mark = a.end() + 1, rng.choice(("[] ", "() "))
    else:
        return replace(text, a.end(), b.start(), "-", "punctuation", "stray_mark", (a.start(), b.end()))
    return replace(text, i, i, mark, "punctuation", "stray_mark", run_around(text, i, i))


def _drop_quote(text: str, rng: random.Random) -> Result:
    spots = [i for i, c in enumerate(text) if c in _QUOTES]
    if not spots:
        return None
    i = rng.choice(spots)
    return replace(text, i, i + 1, "", "punctuation", "drop_quote", gap_around(text, i, i + 1))


def _stray_hyphen(text: str, rng: random.Random) -> Result:
    spots = [m for m in words(text) if len(m.group()) >= 5 and m.group().isalpha()]
    if not spots:
        return None
    m = rng.choice(spots)
    i = m.start() + rng.randrange(2, len(m.group()) - 1)
    return replace(text, i, i, "-", "punctuation", "stray_hyphen", run_around(text, i, i))


def _drop_hyphen(text: str, rng: random.Random) -> Result:
    """ "well-known" -> "well known"."""
    spots = [i for i in range(1, len(text) - 1)
             if text[i] == "-" and text[i - 1].isalpha() and text[i + 1].isalpha()]
    if not spots:
        return None
    i = rng.choice(spots)
    return replace(text, i, i + 1, " ", "punctuation", "drop_hyphen", run_around(text, i, i + 1))


KINDS = {
    "drop_comma": _drop_comma,
    "drop_period": _drop_period,
    "drop_apostrophe": _drop_apostrophe,
    "move_apostrophe": _move_apostrophe,
    "add_apostrophe": _add_apostrophe,
    "double_mark": _double_mark,
    "wrong_mark": _wrong_mark,
    "stray_comma": _stray_comma,
    "drop_quote": _drop_quote,
    "stray_hyphen": _stray_hyphen,
    "drop_hyphen": _drop_hyphen,
    "shifted_mark": _shifted_mark,
    "stray_mark": _stray_mark,
}

#: Default mixture of the kinds; `NoiseConfig.kinds["punctuation"]` overrides it.
WEIGHTS: dict[str, float] = {
    "drop_comma": 3.0,
    "drop_period": 2.0,
    "drop_apostrophe": 2.0,
    "move_apostrophe": 0.8,
    "add_apostrophe": 1.0,
    "double_mark": 1.5,
    "wrong_mark": 2.5,
    "stray_comma": 1.5,
    "drop_quote": 1.0,
    "stray_hyphen": 0.7,
    "drop_hyphen": 0.5,
    "shifted_mark": 0.8,
    "stray_mark": 0.8,
}


def generate(text: str, rng: random.Random, kinds: Mapping[str, float] | None = None) -> Result:
    """Make one punctuation error."""
    return first_that_applies(text, rng, KINDS, kinds or WEIGHTS)
