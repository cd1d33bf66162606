"""Real words in the wrong place: homophones and near-homophones, and slips of the pen that
land on another real word ("form" for "from"). A spell checker cannot see these."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping

from galleyproof.english.confusables import CONFUSABLES, SLIPS
from galleyproof.noise.edits import Result, first_that_applies, pick_from_table, replace, words
from galleyproof.noise.spelling import OPS
from galleyproof.text.words import apostrophe_of, match_case

_MODALS = frozenset({"could", "would", "should", "might", "must"})


def _swap(table: dict[str, tuple[str, ...]], kind: str):
    def apply(text: str, rng: random.Random) -> Result:
        picked = pick_from_table(text, rng, table)
        if picked is None:
            return None
        m, new = picked
        word = m.group()
        apostrophe = next((c for c in word if c in "'’"), apostrophe_of(text))
        new = match_case(word, new.replace("'", apostrophe))
        return replace(text, m.start(), m.end(), new, "word_choice", kind)

    return apply


def _could_of(text: str, rng: random.Random) -> Result:
    """ "could have" written as it sounds: "could of"."""
    found = words(text)
    spots = [b for a, b in zip(found, found[1:], strict=False)
             if b.group().lower() == "have" and a.group().lower() in _MODALS and a.end() + 1 == b.start()]
    if not spots:
        return None
    m = rng.choice(spots)
    return replace(text, m.start(), m.end(), match_case(m.group(), "of"), "word_choice", "could_of")


def _real_word(is_word: Callable[[str], bool] | None):
    """A typing slip (a letter dropped, doubled, swapped or mistyped) that lands on another real
    word: "wash" for "was", "sport" for "sort". Far more varied than any list; needs `is_word`."""

    def apply(text: str, rng: random.Random) -> Result:
        if is_word is None:
            return None
        found = [m for m in words(text) if len(m.group()) >= 3 and m.group().isascii() and m.group().isalpha()]
        for m in rng.sample(found, min(len(found), 12)):
            word = m.group()
            for _ in range(6):
                new = rng.choice(_SLIP_OPS)(word.lower(), rng)
                if new and new != word.lower() and is_word(new):
                    return replace(text, m.start(), m.end(), match_case(word, new), "word_choice", "real_word")
        return None

    return apply


_SLIP_OPS = tuple(OPS[k] for k in ("keyboard", "fat_finger", "transpose", "drop_letter", "double_letter", "vowel"))

#: Default mixture of the kinds; `NoiseConfig.kinds["word_choice"]` overrides it.
WEIGHTS: dict[str, float] = {"confusable": 3.0, "slip": 1.5, "could_of": 0.3, "real_word": 3.0}


def generate(
    text: str,
    rng: random.Random,
    kinds: Mapping[str, float] | None = None,
    is_word: Callable[[str], bool] | None = None,
) -> Result:
    """Put one real word where another belongs."""
    table = {
        "confusable": _swap(CONFUSABLES, "confusable"),
        "slip": _swap(SLIPS, "slip"),
        "could_of": _could_of,
        "real_word": _real_word(is_word),
    }
    return first_that_applies(text, rng, table, kinds or WEIGHTS)
