"""The tense a text is told in, and the repair of a verb's form that keeps to it.

A verb put in the wrong form ("He regarding it as", "She fetching crockery") has several
repairs that the tagger finds about equally clean ("regard", "regarded", "regards"), and the
word-pair counts favour the commoner present. A narrative told in the past wants the past:
the writer slipped on the verb's ending, not on the story's tense. So where the text's own
auxiliaries show it is told in the past ("was", "had", "said" far oftener than "is", "has",
"says"), a one-word repair that makes a verb past earns `PAST_BONUS`. A text told in the
present earns nothing: its "-ed" forms are as often participles ("has finished").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

import numpy as np

from galleyproof.english.verbs import VERBS
from galleyproof.suggest.candidates import Candidate
from galleyproof.text.words import normalise

#: Words that say a sentence is told in the past, and their present counterparts.
PAST_MARKERS = ("was", "were", "had", "did", "said")
PRESENT_MARKERS = ("is", "are", "am", "has", "does", "says")
#: How many markers a text must hold before its tense is read, and the past's share of them.
MIN_MARKERS = 4
PAST_SHARE = 0.75
#: What a repair that puts a verb in the past earns in a past-tense text (log odds, as priors).
PAST_BONUS = 0.5
_ONE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def told_in_past(counts: Counter) -> bool:
    """Whether the text's auxiliaries (`counts`: `text.words.document_counts`) are past ones,
    by a clear majority and often enough to tell."""
    past = sum(counts.get(w, 0) for w in PAST_MARKERS)
    present = sum(counts.get(w, 0) for w in PRESENT_MARKERS)
    return past + present >= MIN_MARKERS and past >= PAST_SHARE * (past + present)


@cache
def _irregular() -> tuple[frozenset[str], dict[str, str]]:
    """The listed verbs' simple pasts, and each form's verb (its base)."""
    pasts = frozenset(v[2] for v in VERBS) | {"was", "were"}
    base = {form: v[0] for v in VERBS for form in v}
    base.update(dict.fromkeys(("am", "is", "are", "was", "were", "be", "been", "being"), "be"))
    return pasts, base


def _stem(word: str) -> str:
    """A regular verb's form cut back to what its other forms share ("regarding" -> "regard")."""
    for suffix in ("ing", "ied", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") else word


def makes_past(old: str, new: str) -> bool:
    """Whether writing `new` for `old` puts the same verb in its simple past, from another form:
    "regarding" -> "regarded", "finds" -> "found", "is" -> "was"."""
    old, new = normalise(old), normalise(new)
    if old == new:
        return False
    pasts, base = _irregular()
    if new in pasts or old in pasts:
        return new in pasts and old not in pasts and base.get(new) == base.get(old)
    if old in base or new in base or not new.endswith("ed") or old.endswith("ed") and not old.endswith("eed"):
        return False  # "need" is no past, "needed" is
    a, b = _stem(old), _stem(new)
    return len(a) >= 3 and (a == b or a == b[:-1] and b[-1] == b[-2])  # "stopping" / "stopped"


def past_fit(text: str, candidates: Sequence[Candidate], counts: Counter) -> np.ndarray:
    """`PAST_BONUS` for each candidate that puts one verb in the past, where the text is told
    in the past; 0 for the rest."""
    out = np.zeros(len(candidates))
    if not told_in_past(counts):
        return out
    for k, c in enumerate(candidates):
        old = text[c.start : c.end]
        if _ONE_WORD.fullmatch(old) and _ONE_WORD.fullmatch(c.new) and makes_past(old, c.new):
            out[k] = PAST_BONUS
    return out
