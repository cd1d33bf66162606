"""Candidates that change words: respellings, confusables, other forms, words dropped or put in.

Priors are in log units: each edit costs, frequent words earn a little back, and a fix
that matches a telltale sign (a repeated word, "a" before a vowel) earns more.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from functools import cache

from symspellpy.editdistance import DistanceAlgorithm, EditDistance

from galleyproof.english.confusables import COMPOUNDS, CONFUSABLES, SLIPS
from galleyproof.english.gaps import INSERTABLE, default_gaps
from galleyproof.english.modern import is_listed_word
from galleyproof.english.verbs import word_swaps
from galleyproof.suggest import spelling
from galleyproof.suggest.candidates import Candidate, Site
from galleyproof.text.words import apostrophe_of, is_sentence_start, match_case, normalise

# Respelling: the cost of one character edit, the weight of the new word's log frequency,
# and what the commonest slips of the hand (see `_typo_bonus`) earn back.
EDIT_COST = 2.5
FREQ_WEIGHT = 0.35
TYPO_BONUS = 1.0
#: A respelling that sounds as the word written does ("definetly", "commonion") is as likely a
#: slip as one of the hand; one that changes the first letter ("icey" -> "they") is less
#: likely (writers seldom get it wrong). Chosen on the synthetic validation set and GUM
#: (docs/experiments/suggestions.md, "Ninth round"); a letter put in earned nothing there.
SOUND_BONUS = 1.0
FIRST_LETTER_COST = 1.0
# What a word as written, if known, says against changing it; and the least count of a word
# offered for a known one.
OWN_FREQ_WEIGHT = 0.5
#: Respellings of each unknown word tried in combination where a span holds several.
COMBINED_PER_WORD = 2
SLIP_MIN_COUNT = 50
# A swap from the confusable and grammar tables, or another form of the same word.
SWAP_PRIOR = -1.0
FORM_PRIOR = -1.5
# Dropping a word: a repeat or a pair of one class says so; an unknown word is likelier
# misspelt; a word outside the flag is a less likely target than one inside it.
DROP_PRIOR = -0.5
REPEAT_BONUS = 3.0
PAIR_BONUS = 1.5
#: A known word that looks like its neighbour, one letter apart or the start of it ("sorrowful
#: tone tine", "one fin finger"): a word typed again, or a wrong one left in beside its fix.
LOOKALIKE_BONUS = 1.5
#: Two words this common side by side are likelier both meant ("has had", "then they").
LOOKALIKE_COMMON = 2000
UNKNOWN_DROP_COST = 3.5
OUTSIDE_DROP_COST = 1.0
# Which of two short words side by side is the extra one: the other's better fit to the slot
# between their neighbours, in log odds by the neighbour counts, weighed and clipped; no
# gain where the word kept fits the slot worse than this (log share), as a word may be
# missing there instead. Chosen on extra and missing function words put in and left out of
# validation books (top-1 640 -> 700 of 803 extra words found, 39 -> 38 of 88 missing).
SLOT_WEIGHT = 0.5
SLOT_CLIP = 3.0
SLOT_MIN_FIT = -2.0
# Putting a word in: the few words that fit a gap best by the neighbour counts, at a prior
# that grows with the fit (and the model's ear for a gap, in ranking). -0.5 put in the
# missing function words of validation books more often (top-1 39 -> 44 of 88 found), and
# the model's flags find extra words nine times as often, which it got wrong more often
# (639 -> 630 of 803: "the is church" -> "the one is church"): -1.0 stays.
INSERT_PRIOR = -1.0
INSERT_FIT_WEIGHT = 0.5
INSERT_SHORTLIST = 3
#: Prior of "been" put between a perfect's "have" and an "-ing" form beside it ("had droning"):
#: a plain insert's before its fit, beside or inside the span alike, as the words show the gap.
PERFECT_PROGRESSIVE_PRIOR = -1.0
_PERFECT = frozenset({"had", "has", "have", "having"})
OUTSIDE_INSERT_COST = 2.0
JOIN_PRIOR = -1.0
# "an" before a word no article comes before ("an give") is "and" with a letter left out;
# how many words seen before it make that count as known.
AND_PRIOR = 0.5
ARTICLE_EVIDENCE = 50

_AUXILIARIES = frozenset(
    "am is are was were be been being has have had do does did will would shall should can could may might must"
    .split())
# Two words of one closed class side by side ("the this", "in within"): one is extra.
_CLASSES = (
    frozenset("a an the this that these those my your his her its our their some any no every each".split()),
    frozenset("in into within on upon at of off from to for with by about".split()),
)
#: The classes whose pairs `_kept_fits_better` judges (all of them words the gap table knows).
_SLOT_CLASSES = (*_CLASSES, _AUXILIARIES)

_SUFFIXES = (
    ("ies", "y"), ("ied", "y"), ("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""),
    ("ly", ""), ("ily", "y"), ("'s", ""), ("er", ""), ("est", ""),
)
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_NEIGHBOURS = {
    c: "".join(
        other[j] for r2, other in enumerate(_KEYBOARD) if abs(r2 - r) <= 1
        for j in range(max(0, i - 1), min(len(other), i + 2)) if other[j] != c
    )
    for r, row in enumerate(_KEYBOARD) for i, c in enumerate(row)
}
_VOWEL_SOUND = re.compile(r"[aeiou]|h(?:our|onou?r|onest|eir)", re.IGNORECASE)
_CONSONANT_SOUND = re.compile(r"u[bcdfgklmnprstvz][aeiouy]|eu|one\b|once\b", re.IGNORECASE)


@cache
def _swaps() -> dict[str, tuple[str, ...]]:
    table: dict[str, dict[str, None]] = {}
    for source in (CONFUSABLES, SLIPS, word_swaps()):
        for word, others in source.items():
            table.setdefault(word, {}).update(dict.fromkeys(others))
    return {w: tuple(alts) for w, alts in table.items()}


def _write(site: Site, m: re.Match[str], new: str) -> str:
    """`new` in the case of the word it replaces; "i" is always "I"."""
    word = m.group()
    if new == "i":
        return "I"
    if word == "I" and not is_sentence_start(site.text, m.start()):
        return new
    apostrophe = next((c for c in word if c in "'’"), apostrophe_of(site.text))
    return match_case(word, new.replace("'", apostrophe))


def _undoubled(word: str) -> str:
    return "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])


def _dropped_letter(word: str, term: str) -> bool:
    """Whether `word` is `term` with one letter left out ("gret" for "great")."""
    if len(term) != len(word) + 1:
        return False
    i = len(os.path.commonprefix([word, term]))
    return word[i:] == term[i + 1 :]


# Spellings that sound alike, read as one ("ph" and "f", a soft "c" and "s", "ck" and "k").
_SOUNDS = tuple((re.compile(p), r) for p, r in (
    (r"^kn", "n"), (r"^wr", "r"), (r"^wh", "w"), (r"mb$", "m"), (r"ph", "f"), (r"gh", ""), (r"ck", "k"),
    (r"dg", "j"), (r"c(?=[eiy])", "s"), (r"[cq]", "k"), (r"x", "ks"), (r"z", "s"),
))
_QUIET = re.compile(r"(?<=.)[aeiouyhw]")


def _sound(word: str) -> str:
    """A rough key of how a word sounds: its first letter and its consonants as heard, doubles
    made single and the vowels left out ("definetly", "definitely": "dfntl")."""
    for pattern, spoken in _SOUNDS:
        word = pattern.sub(spoken, word)
    return _undoubled(_QUIET.sub("", _undoubled(word)))


def _typo_bonus(word: str, term: str) -> float:
    """The commonest slips, cheaper than other edits. Of the hand: letters swapped, a letter
    doubled, undoubled or left out, a key struck for its neighbour. Of the ear: a
    spelling that sounds as the word does (a vowel for another, "ph" for "f"). Less a slip
    that changes a word's first letter, which writers seldom get wrong."""
    bonus = _slip_bonus(word, term)
    heard, meant = _sound(word), _sound(term)
    if not bonus and heard == meant:
        bonus = SOUND_BONUS
    if word[:1] != term[:1] and heard[:1] != meant[:1]:
        bonus -= FIRST_LETTER_COST
    return bonus


def _slip_bonus(word: str, term: str) -> float:
    """`TYPO_BONUS` for a slip of the hand, else 0."""
    if _dropped_letter(word, term):
        return TYPO_BONUS
    if len(word) == len(term):
        if sorted(word) == sorted(term):
            return TYPO_BONUS
        diff = [(a, b) for a, b in zip(word, term, strict=True) if a != b]
        if len(diff) == 1 and diff[0][1] in _KEY_NEIGHBOURS.get(diff[0][0], ""):
            return TYPO_BONUS
    return TYPO_BONUS if _undoubled(word) == _undoubled(term) else 0.0


def respellings(site: Site) -> Iterator[Candidate]:
    """Known words within two edits of an unknown word; common words one edit from a known
    one (real-word slips: "form" for "from"). The commoner the word as written, the likelier
    it was meant."""
    for m in site.words:
        word = m.group()
        key = normalise(word)
        known = site.lexicon.count(word) >= spelling.MIN_COUNT
        for term, distance, count in spelling.near_words(site.lexicon, word, 1 if known else 2):
            if known and count < SLIP_MIN_COUNT or _doubles(site, m, term):
                continue
            prior = (-EDIT_COST * distance + FREQ_WEIGHT * site.freq(term) + _typo_bonus(key, term)
                     - OWN_FREQ_WEIGHT * site.freq(word))
            yield Candidate(m.start(), m.end(), _write(site, m, term), prior, "respell", sign=not known)


def _best_respellings(site: Site, m: re.Match[str]) -> list[tuple[str, float]]:
    """An unknown word's likeliest respellings, as written in its place, with their priors."""
    key = normalise(m.group())
    found = [(_write(site, m, term), -EDIT_COST * distance + FREQ_WEIGHT * site.freq(term) + _typo_bonus(key, term))
             for term, distance, _ in spelling.near_words(site.lexicon, m.group(), 2)]
    return sorted(found, key=lambda kv: -kv[1])[:COMBINED_PER_WORD]


def respelled_together(site: Site) -> Iterator[Candidate]:
    """Every unknown word of the span respelt at once ("wirk witbh" -> "work with"): a fix of
    one leaves the other misspelt, so no single respelling repairs such a span. The best
    few of each word, combined; the prior is their mean, as the model judges the whole.
    A word the books never wrote but today's English or the word list knows ("typo") is
    not unknown: "freinds typo" is one misspelling, not two."""
    unknown = [m for m in site.words if site.lexicon.count(m.group()) < spelling.MIN_COUNT
               and not is_listed_word(normalise(m.group()))]
    if not 2 <= len(unknown) <= 3:
        return
    options = [_best_respellings(site, m) for m in unknown]
    if not all(options):
        return
    start, end = unknown[0].start(), unknown[-1].end()
    for combo in itertools.product(*options):
        new, pos = [], start
        for m, (word, _) in zip(unknown, combo, strict=True):
            new += [site.text[pos : m.start()], word]
            pos = m.end()
        prior = sum(p for _, p in combo) / len(combo)
        yield Candidate(start, end, "".join(new), prior, "respell", sign=True)


def splits(site: Site) -> Iterator[Candidate]:
    """Run-together words made two: "bythe" -> "by the"."""
    for m in site.words:
        count = site.lexicon.count(m.group())
        if m.group().lower() in COMPOUNDS or count >= spelling.MIN_COUNT * 10:
            continue
        for left, right, rarer in spelling.splits(site.lexicon, m.group()):
            # A lost space is one edit, and as common a slip as a swapped pair of letters.
            prior = -EDIT_COST + TYPO_BONUS + FREQ_WEIGHT * rarer
            yield Candidate(m.start(), m.end(), f"{left} {right}", prior, "split",
                            sign=count < spelling.MIN_COUNT)


def joins(site: Site) -> Iterator[Candidate]:
    """Split words made one when the joined word is known: "to gether" -> "together", also
    with the word just outside the span, as a flag may take one half only."""
    if not site.words:
        return
    before, after = site.word_before(site.words[0].start()), site.word_after(site.words[-1].end())
    chain = [w for w in (before, *site.words, after) if w is not None]
    for a, b in zip(chain, chain[1:], strict=False):
        gap = site.text[a.end() : b.start()]
        joined = a.group() + b.group()
        if gap.strip(" -") == "" and site.lexicon.count(joined) >= spelling.MIN_COUNT:
            # A part that is no word by itself ("sh-all", "to gether") shows the split.
            sign = min(site.lexicon.count(a.group()), site.lexicon.count(b.group())) < spelling.MIN_COUNT
            prior = JOIN_PRIOR + 0.2 * site.freq(joined) + (1.0 if sign else 0.0)
            yield Candidate(a.start(), b.end(), joined, prior, "join", sign=sign)


def swaps(site: Site) -> Iterator[Candidate]:
    """Words often written for one another: confusables, slips, agreement, cases, prepositions."""
    table = _swaps()
    for m in site.words:
        for other in table.get(normalise(m.group()), ()):
            if _doubles(site, m, other):
                continue
            prior = SWAP_PRIOR + 0.05 * site.freq(other)
            yield Candidate(m.start(), m.end(), _write(site, m, other), prior, "swap")


def _stems(key: str) -> set[str]:
    stems = {key}
    for suffix, repl in _SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            stem = key[: -len(suffix)] + repl
            stems.add(stem)
            if len(stem) > 2 and stem[-1] == stem[-2] and suffix in ("ed", "ing", "er", "est"):
                stems.add(stem[:-1])  # "stopped" -> "stop"
    return stems


def _forms(stem: str) -> set[str]:
    forms = {stem, stem + "s", stem + "es", stem + "ed", stem + "d", stem + "ing", stem + "ly", stem + "'s"}
    if stem.endswith("y"):
        forms |= {stem[:-1] + "ies", stem[:-1] + "ied", stem[:-1] + "ily"}
    if stem.endswith("e"):
        forms.add(stem[:-1] + "ing")
    if len(stem) >= 3 and stem[-1] not in "aeiouwxy" and stem[-2] in "aeiou":
        forms |= {stem + stem[-1] + "ed", stem + stem[-1] + "ing"}
    return forms


def forms(site: Site) -> Iterator[Candidate]:
    """Other inflections of the word that the lexicon knows: "circumstance" -> "circumstances".
    Short function words have none ("the" is no stem of "thing")."""
    for m in site.words:
        key = normalise(m.group())
        if key in INSERTABLE or len(key) < 3:
            continue
        found = {f for stem in _stems(key) for f in _forms(stem)}
        for form in sorted(found - {key}):
            if site.lexicon.count(form) >= spelling.MIN_COUNT:
                prior = FORM_PRIOR + 0.1 * site.freq(form)
                yield Candidate(m.start(), m.end(), _write(site, m, form), prior, "form")


def articles(site: Site) -> Iterator[Candidate]:
    """ "a" or "an" by the sound of the next word, the one sign of a wrong article we can read."""
    for m in site.words:
        key = m.group().lower()
        if key not in ("a", "an"):
            continue
        after = site.word_after(m.end())
        if after is None:
            continue
        vowel = bool(_VOWEL_SOUND.match(after.group())) and not _CONSONANT_SOUND.match(after.group())
        other = "a" if key == "an" else "an"
        compound = site.text[after.end() : after.end() + 1] == "-"  # "an in-depth" is not "an in"
        if not compound and _never_after_article(after.group()):
            # "an give", "an her": no article fits, so its sound says nothing; "an" is
            # likelier "and" with a letter left out.
            yield Candidate(m.start(), m.end(), match_case(m.group(), other), -2.0, "article")
            if key == "an":
                yield Candidate(m.start(), m.end(), match_case(m.group(), "and"), AND_PRIOR, "article")
            continue
        prior = 1.0 if (other == "an") == vowel else -2.0
        yield Candidate(m.start(), m.end(), match_case(m.group(), other), prior, "article")


def _never_after_article(word: str) -> bool:
    """Whether the training books, which put a word before this one often enough to say,
    never put "a", "an" or "the" there ("give", "seemed", "her")."""
    before = default_gaps().precedes.get(normalise(word), {})
    return sum(before.values()) >= ARTICLE_EVIDENCE and not any(before.get(a) for a in ("a", "an", "the"))


def _without(site: Site, m: re.Match[str]) -> tuple[int, int]:
    """The word and one space beside it: the one inside the flag if either is, else the one
    before it (after it at a paragraph's start), so the fix stays within the flag if it can."""
    text = site.text
    after = m.end() + 1 if m.end() < len(text) and text[m.end()] in " \t" else None
    before = m.start() - 1 if m.start() > 0 and text[m.start() - 1] in " \t" else None
    if after is not None and (after <= site.end or before is None):
        return m.start(), after
    if before is not None:
        return before, m.end()
    return m.start(), m.end()


def _twins(word: str, other: str) -> bool:
    """Two words often written for one another (the confusables: homophones and near ones), side
    by side: a wrong word and its right one both left in ("about witch which", "when pane pain")."""
    word, other = normalise(word), normalise(other)
    return word != other and (other in CONFUSABLES.get(word, ()) or word in CONFUSABLES.get(other, ()))


def _beside(site: Site, m: re.Match[str]) -> list[re.Match[str]]:
    """The words just before and after the word `m` with only white space between."""
    return [n for n in (site.word_before(m.start()), site.word_after(m.end()))
            if n is not None and site.text[min(n.end(), m.end()) : max(n.start(), m.start())].isspace()]


def _doubles(site: Site, m: re.Match[str], new: str) -> bool:
    """Whether writing `new` for the word `m` repeats the word beside it ("witch which" ->
    "which which"): the fix there is to drop one of the pair."""
    key = normalise(new)
    return any(normalise(n.group()) == key for n in _beside(site, m))


def _false_start(word: str, other: str) -> bool:
    """An unfinished or garbled try at the next or last word: "hurr hurry", "nothing nothe"."""
    word, other = word.lower(), other.lower()
    common = len(os.path.commonprefix([word, other]))
    return word != other and common >= 3 and (common == len(word) or abs(len(word) - len(other)) <= 2)


_OSA = EditDistance(DistanceAlgorithm.DAMERAU_OSA)


def _look_alike(word: str, other: str) -> bool:
    """Two different words of three letters or more, one edit apart or one the start of the other:
    "tone tine", "labor labour", "fin finger", "profess professors" (`drops` asks it of known
    words only: an unknown one beside its look-alike is likelier misspelt, "tha the")."""
    word, other = word.lower(), other.lower()
    if word == other or min(len(word), len(other)) < 3:
        return False
    return other.startswith(word) or word.startswith(other) or _OSA.compare(word, other, 1) == 1


def _known_look_alike(key: str, count: int, other: str, site: Site) -> bool:
    """`_look_alike`, of the known word `key` (its lexicon `count`) and a known neighbour, the
    two not both common (`LOOKALIKE_COMMON`)."""
    other_count = site.lexicon.count(other.lower())
    return (_look_alike(key, other) and other_count >= spelling.MIN_COUNT
            and min(count, other_count) < LOOKALIKE_COMMON)


def drops(site: Site) -> Iterator[Candidate]:
    """Each word of the span left out, and the words just outside it (a flag can land beside
    the extra word). A word repeated from its neighbour, or a false start of it, most of all;
    a rare or unknown word least, as it is likelier misspelt than extra."""
    inside = list(site.words)
    outside = [n for n in (site.word_before(site.start), site.word_after(site.end)) if n is not None]
    for m in inside + [n for n in outside if all(n.span() != w.span() for w in inside)]:
        nxt = site.word_after(m.end())
        key = m.group().lower()
        beside = _beside(site, m)
        count = site.lexicon.count(key)
        unknown = count < spelling.MIN_COUNT
        repeated = any(n.group().lower() == key or (unknown and _false_start(key, n.group())) or _twins(key, n.group())
                       for n in beside)
        paired = any(key in c and n.group().lower() in c for n in beside for c in _CLASSES)
        alike = not (repeated or unknown) and any(_known_look_alike(key, count, n.group(), site) for n in beside)
        prior = DROP_PRIOR + (REPEAT_BONUS if repeated else PAIR_BONUS if paired else 0.0)
        prior += LOOKALIKE_BONUS if alike else 0.0
        if not (repeated or alike):
            prior -= max(0.0, UNKNOWN_DROP_COST - OWN_FREQ_WEIGHT * site.freq(m.group()))
        if m not in inside:
            prior -= OUTSIDE_DROP_COST
        # Of two short words of one class side by side, the one whose neighbour fits the slot
        # better is the extra one; a neighbour on either side may make the case, the best one
        # counting.
        prefs = [p for p in (_kept_fits_better(site, m, n) for n in beside) if p is not None]
        prior += SLOT_WEIGHT * max(prefs, default=0.0)
        start, end = _without(site, m)
        new = ""
        capital = m.group()[0].isupper() and is_sentence_start(site.text, m.start())
        if capital and nxt is not None and nxt.start() == end:
            # Dropping a sentence's first word hands its capital to the next one.
            start, end = m.start(), nxt.start() + 1
            new = site.text[nxt.start()].upper()
        # Beside the flag, a word that pairs with its neighbour is the likelier extra one.
        kind = "drop_beside" if m not in inside and (repeated or paired) else "drop"
        yield Candidate(start, end, new, prior, kind, sign=repeated)


def _kept_fits_better(site: Site, m: re.Match[str], n: re.Match[str]) -> float | None:
    """Of two short words side by side ("preceded Bathsheba with to Weatherbury"), one is
    extra, and the other belongs in the slot between the words around the pair: how much
    better the neighbour `n` fits that slot than `m` does, by the neighbour counts (log odds,
    clipped), so dropping `m` gains what keeping `n` is worth. None where either word is not
    one the counts know, or the pair has no word either side."""
    keep, drop = normalise(n.group()), normalise(m.group())
    if keep == drop or not any(keep in c and drop in c for c in _SLOT_CLASSES):
        # Two words of one class stand for one another ("with to", "his the", "was is"); a
        # pair across classes ("and has") is likelier right, or wrong in another way.
        return None
    a, b = (m, n) if m.start() < n.start() else (n, m)
    before = site.word_before(a.start())
    after = site.word_after(b.end())
    if after is None or not site.text[b.end() : after.start()].isspace():
        return None
    if before is not None and site.text[before.end() : a.start()].strip(" \t") in ("", ",", ";", ":"):
        left = site.text[before.end() : a.start()].strip(" \t") or before.group()
    else:
        return None
    fit = _slot_fits(left if left in ",;:" else normalise(left), normalise(after.group()))
    if keep not in fit or drop not in fit:
        return None
    better = fit[keep] - fit[drop]
    if better > 0 and fit[keep] < SLOT_MIN_FIT:
        return 0.0  # the kept word is no good fit either: a word may be missing instead
    return max(-SLOT_CLIP, min(SLOT_CLIP, better))


def _slot_fits(before: str, after: str) -> dict[str, float]:
    """`GapCounts.fits` as a dict, remembered by the table (a novel asks of the same slots)."""
    table = default_gaps()
    memo = table.__dict__.setdefault("_slot_memo", {})
    if (before, after) not in memo:
        if len(memo) > 20_000:
            memo.clear()
        memo[before, after] = dict(table.fits(before, after))
    return memo[before, after]


def _gaps(site: Site) -> Iterator[tuple[re.Match[str], re.Match[str], bool]]:
    """Neighbouring words with a gap a word may have gone missing from: spaces and at most a
    comma, semicolon or colon. Those of the span (a flag at a gap takes the words either side),
    or, where it holds one word, those either side of it (the model may tag the word after a
    gap: "must remembered" flagged on "remembered"); each with whether it lies outside."""
    found = list(site.words)
    pairs = [(a, b, False) for a, b in zip(found, found[1:], strict=False)]
    if len(found) == 1:
        before, after = site.word_before(found[0].start()), site.word_after(found[0].end())
        pairs += [(a, b, True) for a, b in ((before, found[0]), (found[0], after)) if a is not None and b is not None]
    for a, b, outside in pairs:
        gap = site.text[a.end() : b.start()]
        if gap.strip(" \t") in ("", ",", ";", ":") and gap[-1:] in " \t":
            yield a, b, outside


def _perfect_before_participle(before: str, after: str, site: Site) -> bool:
    """Whether `before` is a perfect's "have" and `after`, right beside it, a verb's "-ing"
    form ("had droning", "has training"), which only a "been" between them makes English."""
    key = normalise(after)
    return (normalise(before) in _PERFECT and key.endswith("ing") and len(key) > 5
            and any(site.lexicon.count(stem) >= spelling.MIN_COUNT for stem in _stems(key) - {key}))


def inserts(site: Site) -> Iterator[Candidate]:
    """The short words that best fit each gap by the corpus's neighbour counts, put in before
    the next word: "histories the" -> "histories of the", "accusation, made" -> "accusation,
    and made", "must remembered" -> "must be remembered" (a gap beside the span costs more than
    one inside it). Content words cannot be guessed this way."""
    table = default_gaps()
    for a, b, outside in _gaps(site):
        if _perfect_before_participle(a.group(), b.group(), site):
            # "had droning": a perfect never takes a present participle; "been" is the sign's own fix.
            yield Candidate(b.start(), b.start(), "been ", PERFECT_PROGRESSIVE_PRIOR, "insert")
        mark = site.text[a.end() : b.start()].strip(" \t")
        fits = table.fits(mark or a.group(), b.group())
        shortlist = [(w, fit) for w, fit in fits if w not in (normalise(a.group()), normalise(b.group()))]
        for word, fit in shortlist[:INSERT_SHORTLIST]:
            prior = INSERT_PRIOR + INSERT_FIT_WEIGHT * fit - (OUTSIDE_INSERT_COST if outside else 0.0)
            yield Candidate(b.start(), b.start(), ("I" if word == "i" else word) + " ", prior, "insert")
