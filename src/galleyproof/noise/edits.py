"""The gold edit type and the text helpers every error generator shares."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from galleyproof.text.words import (  # the case and sentence helpers, for the generators
    iter_words,
    normalise,
)

#: What every generator returns: the corrupted text and its one gold edit, or None.
Result = tuple[str, list["GoldEdit"]] | None
Generator = Callable[[str, random.Random], Result]


@dataclass(frozen=True, slots=True)
class GoldEdit:
    """An injected error: ``wrong == corrupted[start:end]``; writing ``correct`` there undoes it.

    `kind` names the sub-type ("keyboard", "missing_word", "agreement", ...) for analysis.
    """

    start: int
    end: int
    category: str
    wrong: str
    correct: str
    kind: str = ""

    def to_json(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "wrong": self.wrong,
            "correct": self.correct,
            "kind": self.kind,
        }


def restore(text: str, edits: list[GoldEdit]) -> str:
    """Apply every correction, right to left, giving back the clean text."""
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.correct + text[e.end :]
    return text


def replace(
    text: str,
    start: int,
    end: int,
    new: str,
    category: str,
    kind: str,
    cover: tuple[int, int] | None = None,
) -> tuple[str, list[GoldEdit]]:
    """Write `new` over ``text[start:end]``; the gold span is `cover` (old coordinates,
    containing the change), by default the changed characters themselves."""
    lo, hi = cover or (start, end)
    assert lo <= start <= end <= hi, (lo, start, end, hi)
    new_text = text[:start] + new + text[end:]
    new_hi = hi + len(new) - (end - start)
    return new_text, [GoldEdit(lo, new_hi, category, new_text[lo:new_hi], text[lo:hi], kind)]


def run_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen to the whole non-space run(s) touching the change: the token a reader sees."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def gap_around(text: str, start: int, end: int) -> tuple[int, int]:
    """For a deletion: the tokens on both sides of the gap, so the gold span is never empty."""
    while start > 0 and text[start - 1].isspace():
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    return run_around(text, start, end)


def weighted_choice(rng: random.Random, weights: Mapping[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def first_that_applies(
    text: str,
    rng: random.Random,
    kinds: Mapping[str, Generator],
    weights: Mapping[str, float],
) -> Result:
    """Draw a kind by weight and try it; a kind with no site in `text` gives way to the rest."""
    unknown = set(weights) - set(kinds)
    if unknown:
        raise ValueError(f"unknown kinds {sorted(unknown)}; known: {list(kinds)}")
    remaining = {k: w for k, w in weights.items() if w > 0}
    while remaining:
        kind = weighted_choice(rng, remaining)
        result = kinds[kind](text, rng)
        if result is not None:
            return result
        del remaining[kind]
    return None


def words(text: str) -> list[re.Match[str]]:
    return list(iter_words(text))


def pick_by_type(rng: random.Random, matches: list[re.Match[str]], key: Callable[[str], str] = str.lower):
    """One match, drawn word type first, so that "the" and "to" do not crowd out the rest."""
    by_type: dict[str, list[re.Match[str]]] = {}
    for m in matches:
        by_type.setdefault(key(m.group()), []).append(m)
    if not by_type:
        return None
    return rng.choice(by_type[rng.choice(list(by_type))])


def pick_from_table(
    text: str, rng: random.Random, table: Mapping[str, tuple[str, ...]]
) -> tuple[re.Match[str], str] | None:
    """A word of `text` that `table` lists (drawn by word type) and one of its replacements."""
    m = pick_by_type(rng, [m for m in words(text) if normalise(m.group()) in table], normalise)
    if m is None:
        return None
    return m, rng.choice(table[normalise(m.group())])
