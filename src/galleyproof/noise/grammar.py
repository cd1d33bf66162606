"""Grammar errors that change one word: agreement, verb form, articles, determiners and noun
number, pronoun case, prepositions, adjectives for adverbs. (Missing and extra words, also
grammar, are in `words.py`.)"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from galleyproof.noise.edits import (
    Generator,
    Result,
    first_that_applies,
    is_sentence_start,
    match_case,
    pick_from_table,
    replace,
    words,
)

# base, -s, past, past participle, -ing
_IRREGULAR = """
have has had had having          do does did done doing            go goes went gone going
see sees saw seen seeing          come comes came come coming       take takes took taken taking
give gives gave given giving      know knows knew known knowing     begin begins began begun beginning
write writes wrote written writing   speak speaks spoke spoken speaking   eat eats ate eaten eating
run runs ran run running          drink drinks drank drunk drinking  sing sings sang sung singing
choose chooses chose chosen choosing   break breaks broke broken breaking
forget forgets forgot forgotten forgetting   rise rises rose risen rising
fall falls fell fallen falling    drive drives drove driven driving  ride rides rode ridden riding
grow grows grew grown growing     throw throws threw thrown throwing  fly flies flew flown flying
wear wears wore worn wearing      steal steals stole stolen stealing  swim swims swam swum swimming
get gets got got getting          make makes made made making       say says said said saying
tell tells told told telling      think thinks thought thought thinking   bring brings brought brought bringing
buy buys bought bought buying     find finds found found finding    feel feels felt felt feeling
leave leaves left left leaving    keep keeps kept kept keeping      hold holds held held holding
stand stands stood stood standing   sit sits sat sat sitting        meet meets met met meeting
lose loses lost lost losing       hear hears heard heard hearing    send sends sent sent sending
spend spends spent spent spending   sleep sleeps slept slept sleeping   teach teaches taught taught teaching
catch catches caught caught catching   fight fights fought fought fighting   sell sells sold sold selling
win wins won won winning          build builds built built building  shake shakes shook shaken shaking
hide hides hid hidden hiding      forgive forgives forgave forgiven forgiving
understand understands understood understood understanding
"""
_REGULAR = """
look walk talk turn start seem want ask work call try help play move like live believe love hope
wish wait stay open watch follow stop pass reach return remain appear answer smile laugh cry reply
happen suppose remember consider continue receive agree change marry kill pull push jump listen
learn enter carry hurry fear desire dance dress rest rush notice place order wonder expect share
travel visit obey pray fill kiss touch gaze stare seize raise drop plan beg nod step admit regret
prefer refer occur permit escape arrive decide intend please serve suffer trust doubt mention
observe offer allow save count fix finish miss
"""
_DOUBLING = frozenset("stop drop plan beg nod step admit regret prefer refer occur permit travel".split())


def _regular_forms(base: str) -> tuple[str, str, str, str, str]:
    """A listed regular verb's forms; `_DOUBLING` says which double their last consonant."""
    third, pasts, ings = _regular_spellings(base)
    pick = -1 if base in _DOUBLING else 0
    return base, third, pasts[pick], pasts[pick], ings[pick]


def _regular_spellings(base: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The "-s" form, and the candidate pasts and "-ing" forms (single, then doubled final
    consonant: "visited", "stopped") of a regular verb."""
    if base.endswith(("s", "x", "z", "ch", "sh")):
        third = base + "es"
    elif base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    if base.endswith("e"):
        return third, (base + "d",), (base[:-1] + "ing",)
    if base.endswith("y") and base[-2] not in "aeiou":
        return third, (base[:-1] + "ied",), (base + "ing",)
    doubled = base + base[-1]
    return third, (base + "ed", doubled + "ed"), (base + "ing", doubled + "ing")


VERBS: tuple[tuple[str, ...], ...] = tuple(
    tuple(_IRREGULAR.split()[i : i + 5]) for i in range(0, len(_IRREGULAR.split()), 5)
) + tuple(_regular_forms(b) for b in _REGULAR.split())
_FORMS: dict[str, tuple[str, ...]] = {}
for _verb in VERBS:
    for _form in _verb:
        _FORMS.setdefault(_form, tuple(dict.fromkeys(f for f in _verb if f != _form)))
_THIRD = {v[1]: v[0] for v in VERBS}
_BASE = {v[0]: v[1] for v in VERBS}
_REGULAR_BASES = frozenset(_REGULAR.split())


@dataclass(frozen=True, eq=False)
class VerbForms:
    """Regular verbs for the agreement and verb-slot kinds: those of `VERBS`, and optionally a
    corpus's own (`corpus_verbs`), so that the model meets "he walk" and "was stir" on the
    thousand verbs a writer uses and not only on the listed ones.

    Many of these words are nouns too ("fire", "lines"), and a noun made plural reads as good
    English, so a corpus verb is only changed where the word before shows it is a verb (see
    `_verb_slot`), or after a pronoun subject (agreement)."""

    third_to_base: Mapping[str, str]
    base_to_third: Mapping[str, str]
    #: each form of a regular verb -> its base, "-s", past (= participle) and "-ing"
    by_form: Mapping[str, tuple[str, str, str, str]]

    @classmethod
    def of(cls, corpus: tuple[tuple[str, str, str, str], ...] = ()) -> VerbForms:
        third, base = dict(_THIRD), dict(_BASE)
        regular = tuple((b, s, past, ing) for b, s, past, _, ing in VERBS if b in _REGULAR_BASES) + corpus
        for b, s, _, _ in corpus:
            third.setdefault(s, b)
            base.setdefault(b, s)
        by_form: dict[str, tuple[str, str, str, str]] = {}
        for verb in regular:
            for form in verb:
                by_form.setdefault(form, verb)
        return cls(third, base, by_form)


#: The listed `VERBS` alone: what the kinds use when no corpus is at hand.
LISTED_VERBS = VerbForms.of()


def corpus_verbs(counts: Mapping[str, int], min_count: int = 3, min_verb_share: float = 0.1
                 ) -> tuple[tuple[str, str, str, str], ...]:
    """Regular verbs a corpus writes in all four forms (base, "-s", "-ed", "-ing"), each at
    least `min_count` times, found from its word counts alone (lower-case keys). Left out:
    the listed `VERBS`; words whose past and "-ing" together are under `min_verb_share` of
    their base and "-s" (mostly nouns: "course", "doctor"); and bases whose doubled and
    single spellings both occur ("hop": "hopped", and "hope"'s "hoped")."""
    listed = {form for verb in VERBS for form in verb}

    def seen(word: str) -> bool:
        return counts.get(word, 0) >= min_count

    found = []
    for base in sorted(counts):
        if len(base) < 3 or not (base.isascii() and base.isalpha() and base.islower()) or not seen(base):
            continue
        if base in listed:
            continue
        third, pasts, ings = _regular_spellings(base)
        past = [p for p in pasts if seen(p)]
        ing = [g for g in ings if seen(g)]
        if not seen(third) or len(past) != 1 or len(ing) != 1:
            continue
        verb_uses = counts[past[0]] + counts[ing[0]]
        if verb_uses < min_verb_share * (counts[base] + counts[third]):
            continue
        if {third, past[0], ing[0]} & listed:
            continue
        found.append((base, third, past[0], ing[0]))
    return tuple(found)


def _pairs(spec: str) -> dict[str, tuple[str, ...]]:
    """ "a/b c/d" -> both directions of each pair."""
    table: dict[str, tuple[str, ...]] = {}
    for group in spec.split():
        options = group.split("/")
        for word in options:
            table[word] = tuple(w for w in options if w != word)
    return table


_AGREE = _pairs("was/were is/are has/have does/do doesn't/don't wasn't/weren't isn't/aren't hasn't/haven't")
_ARTICLE = _pairs("a/an")
_DETERMINER = _pairs("this/these that/those much/many few/little")
_CASE = _pairs("he/him she/her they/them we/us i/me who/whom")
# Swaps that are wrong in most sentences; ones often fine ("upon" -> "on") are left out.
_PREPOSITIONS = {
    k: tuple(v.split("/"))
    for k, v in (item.split(":") for item in """
    in:on/at/of/to on:in/at/of at:in/on/to of:for/from/with/in for:of/to/with/at
    with:by/of/to/at to:at/for/of/with from:of/by/off/at by:with/from/at/of into:on/at/of
    upon:in/at/of among:with/of""".split())
}
_ADVERBS = dict(
    pair.split(":")
    for pair in """quickly:quick slowly:slow quietly:quiet softly:soft loudly:loud suddenly:sudden
    really:real certainly:certain easily:easy happily:happy gently:gentle simply:simple
    carefully:careful truly:true entirely:entire perfectly:perfect deeply:deep strongly:strong
    warmly:warm coldly:cold bitterly:bitter sadly:sad badly:bad beautifully:beautiful
    terribly:terrible probably:probable possibly:possible exactly:exact seriously:serious
    extremely:extreme completely:complete absolutely:absolute freely:free proudly:proud
    eagerly:eager anxiously:anxious silently:silent violently:violent patiently:patient
    calmly:calm firmly:firm sharply:sharp heavily:heavy brightly:bright plainly:plain
    clearly:clear readily:ready steadily:steady hastily:hasty angrily:angry surely:sure
    rapidly:rapid gravely:grave honestly:honest openly:open politely:polite""".split()
)
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


_agree_be_have = _swap_from(_AGREE, "agreement")


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
        "verb_form": _swap_from(_FORMS, "verb_form"),
        "verb_slot": _verb_slot(verbs),
        "article": _swap_from(_ARTICLE, "article"),
        "determiner": _swap_from(_DETERMINER, "determiner"),
        "noun_number": _noun_number,
        "pronoun_case": _swap_from(_CASE, "pronoun_case"),
        "preposition": _swap_from(_PREPOSITIONS, "preposition"),
        "adverb": _swap_from({k: (v,) for k, v in _ADVERBS.items()}, "adverb"),
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


def word_swaps() -> dict[str, tuple[str, ...]]:
    """Every one-word swap the kinds above make, both ways: what a suggester tries to undo them."""
    table: dict[str, dict[str, None]] = {}
    adverbs = {k: (v,) for k, v in _ADVERBS.items()}
    for source in (_AGREE, _ARTICLE, _DETERMINER, _CASE, _PREPOSITIONS, adverbs, _FORMS):
        for word, others in source.items():
            for other in others:
                table.setdefault(word, {})[other] = None
                table.setdefault(other, {})[word] = None
    return {w: tuple(alts) for w, alts in table.items()}


def form_swaps() -> dict[str, tuple[str, ...]]:
    """The swaps of `word_swaps` that change a word's form but keep its tense and role:
    agreement ("walk"/"walks", "was"/"were"), an irregular past for its participle ("went"/
    "gone", "see"/"seen"), pronoun case ("him"/"he"). Left out: tense ("walks"/"walked": a
    writer may switch on purpose), "-ing" forms, prepositions, articles, determiners and
    adverbs, which fit too many contexts to judge from two neighbours ("if those were",
    "it was surely that")."""
    table: dict[str, dict[str, None]] = {}

    def join(*words: str) -> None:
        for word in words:
            for other in words:
                if other != word:
                    table.setdefault(word, {})[other] = None

    for base, third, past, participle, _ in VERBS:
        join(base, third)
        if participle != past:
            join(past, participle)
            join(base, participle)
            join(third, participle)
    for source in (_AGREE, _CASE):
        for word, others in source.items():
            join(word, *others)
    return {w: tuple(alts) for w, alts in table.items()}
