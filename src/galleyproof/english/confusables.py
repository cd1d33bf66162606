"""Words mistaken for one another (homophones, slips of the pen that land on another real
word), the function words, and compounds good prose writes either as one word or two.

Shared knowledge: the noise generator makes these slips, the suggester and the filter undo
or respect them.
"""

from __future__ import annotations

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


def _alternatives(groups: tuple[tuple[str, ...], ...]) -> dict[str, tuple[str, ...]]:
    alternatives: dict[str, dict[str, None]] = {}
    for group in groups:
        for word in group:
            alternatives.setdefault(word, {}).update(dict.fromkeys(w for w in group if w != word))
    return {w: tuple(alts) for w, alts in alternatives.items()}


CONFUSABLES = _alternatives(CONFUSABLE_GROUPS)
SLIPS = _alternatives(SLIP_GROUPS)

#: The commonest function words: what a missing or extra word most often is.
FUNCTION_WORDS = tuple(
    "the a an of to in and that it was is be as at by for with on had have not but his her "
    "he she they which this from so all been were would could there their".split()
)

# Written either as one word or as two in good prose ("any thing", "to-morrow"): never a
# spacing error to split them or to run their parts together.
COMPOUNDS = frozenset(
    """cannot anyone everyone someone anybody everybody somebody nobody maybe into onto upon
    altogether already always anyway everyday sometime sometimes awhile indeed forever anything
    everything nothing something whatever whenever however wherever whoever meantime meanwhile
    apart away along around ahead aside another today tonight tomorrow alright
    inasmuch insofar nonetheless nevertheless whereupon thereupon hereafter""".split()
)
