"""Grammar errors that change one word: agreement, verb form, articles, determiners and noun
number, pronoun case, prepositions, adjectives for adverbs. (Missing and extra words, also
grammar, are in `words.py`.)"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from functools import cache

from galleyproof.english.verbs import (
    ADVERBS,
    AGREE,
    ARTICLES,
    DETERMINERS,
    FORMS,
    LISTED_VERBS,
    PREPOSITIONS,
    PRONOUN_CASES,
    VerbForms,
)
from galleyproof.noise.edits import (
    Generator,
    Result,
    first_that_applies,
    pick_from_table,
    replace,
    words,
)
from galleyproof.text.words import is_sentence_start, match_case

_SINGULAR_DETERMINERS = frozenset("each every another one".split())
_PLURAL_DETERMINERS = frozenset(
    "these those many several both two three four five six seven eight nine ten few various".split()
)
_FUNCTION = frozenset(
    "the a an of to in and or but that this it is was be as at by for from with on his her its their our "
    "my your who which what not no so than then there here he she they we you i me him them us".split()
)
_SUBJECT_3SG = frozenset({"he", "she", "it"})
_SUBJECT_OTHER = frozenset({"i", "we", "you", "they"})


def _swap_from(table: Mapping[str, tuple[str, ...]], kind: str):
    def apply(text: str, rng: random.Random) -> Result:
        picked = pick_from_table(text, rng, table)
        if picked is None:
            return None
        m, new = picked
        if "'" in new:
            new = new.replace("'", next(c for c in m.group() if c in "'’"))
        return _write(text, m, new, kind)

    return apply


def _write(text: str, m: re.Match[str], new: str, kind: str) -> Result:
    """Replace a word keeping its case; "I" is capital only as itself or at a sentence start."""
    word = m.group()
    if new == "i":
        new = "I"
    elif word == "I":
        new = match_case(word, new) if is_sentence_start(text, m.start()) else new
    else:
        new = match_case(word, new)
    return replace(text, m.start(), m.end(), new, "grammar", kind)


def _subject_verb(verbs: VerbForms):
    def apply(text: str, rng: random.Random) -> Result:
        """ "he walks" -> "he walk", "they walk" -> "they walks"."""
        found = words(text)
        spots = []
        for a, b in zip(found, found[1:], strict=False):
            subject, verb = a.group().lower(), b.group()
            if b.start() != a.end() + 1 or not verb.islower():
                continue
            if subject in _SUBJECT_3SG and verb in verbs.third_to_base:
                spots.append((b, verbs.third_to_base[verb]))
            elif subject in _SUBJECT_OTHER and verb in verbs.base_to_third:
                spots.append((b, verbs.base_to_third[verb]))
        if not spots:
            return None
        m, new = rng.choice(spots)
        return _write(text, m, new, "agreement")

    return apply


_agree_be_have = _swap_from(AGREE, "agreement")


def _agreement(verbs: VerbForms):
    subject_verb = _subject_verb(verbs)

    def apply(text: str, rng: random.Random) -> Result:
        first, second = (subject_verb, _agree_be_have) if rng.random() < 0.4 else (_agree_be_have, subject_verb)
        return first(text, rng) or second(text, rng)

    return apply


def _noun_number(text: str, rng: random.Random) -> Result:
    """ "these books" -> "these book", "every day" -> "every days"."""
    found = words(text)
    spots = []
    for a, b in zip(found, found[1:], strict=False):
        det, noun = a.group().lower(), b.group()
        if b.start() != a.end() + 1 or not noun.isalpha() or not noun.islower() or noun in _FUNCTION:
            continue
        plural = len(noun) >= 4 and noun.endswith("s") and not noun.endswith(("ss", "us", "is"))
        if det in _PLURAL_DETERMINERS and plural:
            spots.append((b, _singular(noun)))
        elif det in _SINGULAR_DETERMINERS and len(noun) >= 3 and not noun.endswith("s"):
            spots.append((b, _plural(noun)))
    if not spots:
        return None
    m, new = rng.choice(spots)
    return _write(text, m, new, "noun_number")


def _singular(noun: str) -> str:
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "xes", "sses")):
        return noun[:-2]
    return noun[:-1]


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("ch", "sh", "x")):
        return noun + "es"
    return noun + "s"


_MODAL_AUXILIARIES = frozenset("can could will would shall should may might must".split())
_BE = frozenset("am is are was were be been being".split())
_HAVE = frozenset("have has had having".split())


def _verb_slot(verbs: VerbForms):
    def apply(text: str, rng: random.Random) -> Result:
        """A regular verb in a form its slot forbids: "could walked", "to walks", "was walk",
        "had walking", "he walking"."""
        found = words(text)
        spots = []
        for a, b in zip(found, found[1:], strict=False):
            before, word = a.group().lower(), b.group()
            verb = verbs.by_form.get(word)
            if verb is None or b.start() != a.end() + 1:
                continue
            base, third, past, ing = verb
            if before in _MODAL_AUXILIARIES and word == base:
                spots.append((b, (third, past, ing)))
            elif before == "to" and word == base:
                spots.append((b, (third, past)))
            elif before in _BE and word == ing:
                spots.append((b, (base, third)))
            elif before in _HAVE and word == past:
                spots.append((b, (base, third, ing)))
            elif (before in _SUBJECT_3SG or before in _SUBJECT_OTHER) and word == past:
                spots.append((b, (ing,)))
        if not spots:
            return None
        m, options = rng.choice(spots)
        return _write(text, m, rng.choice(options), "verb_slot")

    return apply


@cache
def kinds_with(verbs: VerbForms = LISTED_VERBS) -> dict[str, Generator]:
    """The grammar kinds by name, the verb kinds drawing on `verbs` (one table per `verbs`)."""
    return {
        "agreement": _agreement(verbs),
        "verb_form": _swap_from(FORMS, "verb_form"),
        "verb_slot": _verb_slot(verbs),
        "article": _swap_from(ARTICLES, "article"),
        "determiner": _swap_from(DETERMINERS, "determiner"),
        "noun_number": _noun_number,
        "pronoun_case": _swap_from(PRONOUN_CASES, "pronoun_case"),
        "preposition": _swap_from(PREPOSITIONS, "preposition"),
        "adverb": _swap_from({k: (v,) for k, v in ADVERBS.items()}, "adverb"),
    }


KINDS = kinds_with()

#: Default mixture of the kinds; `NoiseConfig.kinds["grammar"]` overrides it.
WEIGHTS: dict[str, float] = {
    "agreement": 3.0,
    "verb_form": 3.0,
    "verb_slot": 2.0,
    "article": 1.5,
    "determiner": 1.0,
    "noun_number": 1.5,
    "pronoun_case": 1.5,
    "preposition": 2.5,
    "adverb": 0.8,
}


def generate(text: str, rng: random.Random, kinds: Mapping[str, float] | None = None,
             table: Mapping[str, Generator] | None = None) -> Result:
    """Make one grammar error that changes a word (`table`: the kinds, by default `KINDS`)."""
    return first_that_applies(text, rng, KINDS if table is None else table, kinds or WEIGHTS)
