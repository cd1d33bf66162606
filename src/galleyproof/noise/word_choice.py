"""Real words in the wrong place: homophones and near-homophones, and slips of the pen that
land on another real word ("form" for "from"). A spell checker cannot see these."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping

from galleyproof.noise.edits import (
    Result,
    apostrophe_of,
    first_that_applies,
    match_case,
    pick_from_table,
    replace,
    words,
)
from galleyproof.noise.spelling import OPS

# Groups of words that are mistaken for one another; a word may sit in several groups.
CONFUSABLE_GROUPS: tuple[tuple[str, ...], ...] = tuple(
    tuple(group.split("/"))
    for group in """
    their/there/they're its/it's then/than to/too/two your/you're whose/who's affect/effect
    affected/effected lose/loose accept/except imply/infer implied/inferred lie/lay lain/laid
    lying/laying quiet/quite were/where/we're of/off advice/advise passed/past
    principal/principle breath/breathe desert/dessert complement/compliment
    stationary/stationery led/lead weather/whether hear/here know/no knew/new peace/piece
    right/write/rite through/threw/though/thorough which/witch whole/hole weak/week
    wait/weight way/weigh allowed/aloud altar/alter bare/bear board/bored brake/break buy/by/bye
    sight/site/cite course/coarse council/counsel dear/deer die/dye fair/fare flour/flower
    for/four hair/hare heal/heel herd/heard hour/our idle/idol knight/night knot/not made/maid
    mail/male meat/meet morning/mourning pail/pale pain/pane pair/pear plain/plane pray/prey
    rain/reign/rein road/rode role/roll sail/sale scene/seen sew/so/sow soul/sole some/sum
    son/sun stair/stare steal/steel tail/tale vain/vein waist/waste wander/wonder wear/where
    wood/would allusion/illusion eminent/imminent emigrate/immigrate later/latter loath/loathe
    moral/morale personal/personnel precede/proceed respectively/respectfully beside/besides
    cloth/clothe clothes/cloths discreet/discrete born/borne bridal/bridle canvas/canvass
    capital/capitol cord/chord dual/duel faint/feint hoard/horde lesson/lessen mantel/mantle
    metal/medal/meddle miner/minor naval/navel pedal/peddle poor/pour/pore prophecy/prophesy
    raise/raze/rise sit/set shone/shown story/storey straight/strait suite/sweet team/teem
    throne/thrown vary/very wholly/holy yoke/yolk ensure/insure envelop/envelope
    eligible/illegible elicit/illicit ingenious/ingenuous human/humane sensual/sensuous
    """.split()
)

# Slips that turn one common word into another by a letter or two.
SLIP_GROUPS: tuple[tuple[str, ...], ...] = tuple(
    tuple(group.split("/"))
    for group in """
    form/from and/an now/not/no on/one the/they/then/them of/or it/is/if/in as/at was/saw
    who/how there/three her/here our/out tired/tried united/untied casual/causal
    marital/martial angel/angle bought/brought thought/though except/expect trail/trial
    dairy/diary conservation/conversation clam/calm filed/field his/him/he he/the
    what/want lose/lost wile/while whit/with quit/quite/quiet moment/movement
    every/very ever/even/never sort/short sing/sign fell/felt dose/does hole/whole
    """.split()
)

_MODALS = frozenset({"could", "would", "should", "might", "must"})


def _alternatives(groups: tuple[tuple[str, ...], ...]) -> dict[str, tuple[str, ...]]:
    alternatives: dict[str, dict[str, None]] = {}
    for group in groups:
        for word in group:
            alternatives.setdefault(word, {}).update(dict.fromkeys(w for w in group if w != word))
    return {w: tuple(alts) for w, alts in alternatives.items()}


CONFUSABLES = _alternatives(CONFUSABLE_GROUPS)
SLIPS = _alternatives(SLIP_GROUPS)


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
