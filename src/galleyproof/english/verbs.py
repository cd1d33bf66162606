"""English verb forms and the one-word swaps grammar slips make: agreement, verb forms,
articles, determiners, pronoun case, prepositions, adjectives for adverbs.

Shared knowledge: the noise generator makes these slips, the rules and the suggester undo them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from galleyproof.english.tables import cached_rows
from galleyproof.paths import data_home

if TYPE_CHECKING:
    from galleyproof.english.lexicon import Lexicon

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


def s_form(word: str) -> str:
    """A word with "-s" as English spells it, a verb's third person or a noun's plural:
    "watches", "tries", "plays", "walks"."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _regular_spellings(base: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The "-s" form, and the candidate pasts and "-ing" forms (single, then doubled final
    consonant: "visited", "stopped") of a regular verb."""
    third = s_form(base)
    if base.endswith("e"):
        return third, (base + "d",), (base[:-1] + "ing",)
    if base.endswith("y") and base[-2] not in "aeiou":
        return third, (base[:-1] + "ied",), (base + "ing",)
    doubled = base + base[-1]
    return third, (base + "ed", doubled + "ed"), (base + "ing", doubled + "ing")


VERBS: tuple[tuple[str, ...], ...] = tuple(
    tuple(_IRREGULAR.split()[i : i + 5]) for i in range(0, len(_IRREGULAR.split()), 5)
) + tuple(_regular_forms(b) for b in _REGULAR.split())
FORMS: dict[str, tuple[str, ...]] = {}
for _verb in VERBS:
    for _form in _verb:
        FORMS.setdefault(_form, tuple(dict.fromkeys(f for f in _verb if f != _form)))
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


def saved_corpus_verbs(lexicon: Lexicon) -> tuple[tuple[str, str, str, str], ...]:
    """`corpus_verbs` of the lexicon's counts, saved in the cache folder for the next process
    (working them out took 80 ms of a one-paragraph check's start), named by the lexicon's file
    and this module's code, which together decide them. A lexicon not loaded from a file, or
    code that cannot be read, has them worked out each time."""
    code = _code_stamp()
    if lexicon.stamp is None or code is None:
        return corpus_verbs(lexicon.counts)
    key = hashlib.blake2b(lexicon.stamp + code, digest_size=12).hexdigest()
    return cached_rows(data_home() / "cache" / f"verbs-{key}.tsv", 4, lambda: corpus_verbs(lexicon.counts))


@cache
def _code_stamp() -> bytes | None:
    """A hash of this module's source (None where it cannot be read)."""
    try:
        return hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16).digest()
    except OSError:
        return None


def _pairs(spec: str) -> dict[str, tuple[str, ...]]:
    """ "a/b c/d" -> both directions of each pair."""
    table: dict[str, tuple[str, ...]] = {}
    for group in spec.split():
        options = group.split("/")
        for word in options:
            table[word] = tuple(w for w in options if w != word)
    return table


AGREE = _pairs("was/were is/are has/have does/do doesn't/don't wasn't/weren't isn't/aren't hasn't/haven't")
ARTICLES = _pairs("a/an")
DETERMINERS = _pairs("this/these that/those much/many few/little")
PRONOUN_CASES = _pairs("he/him she/her they/them we/us i/me who/whom")
# Swaps that are wrong in most sentences; ones often fine ("upon" -> "on") are left out.
PREPOSITIONS = {
    k: tuple(v.split("/"))
    for k, v in (item.split(":") for item in """
    in:on/at/of/to on:in/at/of at:in/on/to of:for/from/with/in for:of/to/with/at
    with:by/of/to/at to:at/for/of/with from:of/by/off/at by:with/from/at/of into:on/at/of
    upon:in/at/of among:with/of""".split())
}
ADVERBS = dict(
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

def word_swaps() -> dict[str, tuple[str, ...]]:
    """Every one-word swap the kinds above make, both ways: what a suggester tries to undo them."""
    table: dict[str, dict[str, None]] = {}
    adverbs = {k: (v,) for k, v in ADVERBS.items()}
    for source in (AGREE, ARTICLES, DETERMINERS, PRONOUN_CASES, PREPOSITIONS, adverbs, FORMS):
        for word, others in source.items():
            for other in others:
                table.setdefault(word, {})[other] = None
                table.setdefault(other, {})[word] = None
    return {w: tuple(alts) for w, alts in table.items()}


@cache
def form_swaps() -> dict[str, tuple[str, ...]]:
    """The swaps of `word_swaps` that change a word's form but keep its tense and role:
    agreement ("walk"/"walks", "was"/"were"), an irregular past for its participle ("went"/
    "gone", "see"/"seen"), pronoun case ("him"/"he"). Left out: tense ("walks"/"walked": a
    writer may switch on purpose), "-ing" forms, prepositions, articles, determiners and
    adverbs, which fit too many contexts to judge from two neighbours ("if those were",
    "it was surely that"). Worked out once and shared (the rules and the writer's filter read
    it): never changed by a caller."""
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
    for source in (AGREE, PRONOUN_CASES):
        for word, others in source.items():
            join(word, *others)
    return {w: tuple(alts) for w, alts in table.items()}


#: The kinds of `form_swaps`, by name: what a writer's choice of one form over another is a choice of.
AGREEMENT, PAST_PARTICIPLE, PRONOUN_CASE = "verb agreement", "past and participle", "pronoun case"


@cache
def form_kinds() -> dict[str, frozenset[str]]:
    """Each word of `form_swaps` and the kinds of swap it takes part in: agreement ("was",
    "walks"), an irregular past or participle ("begun", "came", "come"), pronoun case ("me").
    A writer who rejects "they was" and "he don't" keeps agreement of their own, however the
    verb; "come" is a base form (agreement) and a participle both. Worked out once and shared."""
    table: dict[str, set[str]] = {}

    def add(kind: str, *words: str) -> None:
        for word in words:
            table.setdefault(word, set()).add(kind)

    for base, third, past, participle, _ in VERBS:
        add(AGREEMENT, base, third)
        if participle != past:
            add(PAST_PARTICIPLE, past, participle)
    for word, others in AGREE.items():
        add(AGREEMENT, word, *others)
    for word, others in PRONOUN_CASES.items():
        add(PRONOUN_CASE, word, *others)
    return {w: frozenset(k) for w, k in table.items()}
