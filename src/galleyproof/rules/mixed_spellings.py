"""British and American spellings of the same word in one manuscript: "colour" here and
"color" there, "realise" and "realize", "centre" and "center", "grey" and "gray".

With no English variety set (`variety` in galleyproof.toml, `--variety` on `check`), a pair
both of whose spellings the manuscript uses has its less used one flagged, each place it
occurs (a tie flags the American one); a manuscript that keeps to one variety is never
flagged. With a variety set, every spelling of the other variety is flagged, mixed or not
(`with_variety`, which `check` and the language server call), except where the variety's
own publishers accept both: Oxford spelling writes British English with -ize ("realize",
"organization"), so en-GB leaves -ize alone, and American English writes "dialogue",
"prologue" and "catalogue" as often as "dialog": en-US leaves -ogue alone. Those pairs are
still flagged where one manuscript mixes them.

The pairs are built from regular patterns (-our/-or, -ise/-ize, -isation/-ization,
-yse/-yze, -re/-er, -ogue/-og, a doubled l before -ed, -ing, -er: "travelled"/"traveled"),
and a pair counts only when both spellings are at least four letters and both are words of
the project's word lists (`english.wordlist`, `english.modern`): "our"/"or", "hour"/"hor",
"acre"/"acer", "filled"/"filed" never pair. A short list adds the irregular pairs ("grey"/
"gray", "plough"/"plow", "tyre"/"tire"). Where the American spelling is also a British word
of its own ("tire" to weary, "curb" to restrain, "check", "program" of a computer,
"practice" the noun), only the British spelling is ever flagged, and only in an en-US
manuscript. Only lower-case words are read, and a capitalised one opening a sentence: a
capital elsewhere is a name ("Lady Grey", "Lincoln Center").
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import cache

from galleyproof.config import VARIETIES
from galleyproof.english.lexicon import Lexicon
from galleyproof.english.modern import is_listed_word
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.paragraphs import PARAGRAPH_BREAK

RULE_ID = "mixed_spellings"
SCORE = 0.6

#: The patterns: (kind, British ending, American ending, least letters before the ending,
#: letters the stem must end with, or "" for any).
_PATTERNS: tuple[tuple[str, str, str, int, str], ...] = (
    *(("our", "our" + s, "or" + s, 2, "")
      for s in ("", "s", "ed", "ing", "ite", "ites", "able", "ably", "ful", "fully", "less", "er", "ers",
                "ist", "ists", "hood", "hoods", "y", "ism", "isms", "ing")),
    *(("ize", "is" + s, "iz" + s, 3, "")
      for s in ("e", "es", "ed", "ing", "er", "ers", "ation", "ations", "able")),
    *(("yse", "ys" + s, "yz" + s, 3, "") for s in ("e", "es", "ed", "ing", "er", "ers")),
    *(("re", b, a, 3, "btvgh") for b, a in (("re", "er"), ("res", "ers"), ("red", "ered"), ("ring", "ering"))),
    *(("ogue", "ogue" + s, "og" + s, 3, "") for s in ("", "s")),
    *(("ll", "ll" + s, "l" + s, 3, "aeiou") for s in ("ed", "ing", "er", "ers", "ery")),
)

#: Pairs the patterns would make of two words that are not one word's two spellings, or
#: whose two spellings both varieties use.
_NOT_PAIRS = frozenset("""
timbre timbres glamour glamours glamoured glamouring flour flours floury sabre ogre genre chartres eagre eagres
fabre havre livre ombre outre sevres tigre ventre amour amours scoured scourer scourers scouring stour
refilled refilling prise prised prising prises devise devised devises advise advised advises surprise surprised
surprises despise despised comprise comprised revise revised excise excised incise incised premise premised
seise seised chastise chastised apprise apprised apprises apprising reprise reprised expertise merchandise
adonises grecise analyses reanalyses dialyses
""".split())
#: Irregular pairs, British then American, with their inflections (one family between semicolons).
_IRREGULAR = """
grey gray, greys grays, greyed grayed, greying graying, greyer grayer, greyest grayest, greyish grayish,
greyness grayness; plough plow, ploughs plows, ploughed plowed, ploughing plowing, ploughman plowman;
mould mold, moulds molds, moulded molded, moulding molding, mouldy moldy, mouldering moldering;
smoulder smolder, smouldered smoldered, smouldering smoldering; moult molt, moulted molted, moulting molting;
aluminium aluminum; pyjamas pajamas; jewellery jewelry; woollen woolen, woollens woolens; sceptic skeptic,
sceptics skeptics, sceptical skeptical, scepticism skepticism; manoeuvre maneuver, manoeuvres maneuvers,
manoeuvred maneuvered, manoeuvring maneuvering; aeroplane airplane, aeroplanes airplanes; defence defense,
defences defenses; offence offense, offences offenses; pretence pretense, pretences pretenses; cosy cozy,
cosier cozier, cosiest coziest, cosily cozily; moustache mustache, moustaches mustaches, moustached mustached;
sulphur sulfur, sulphurous sulfurous; fulfil fulfill, fulfils fulfills, fulfilment fulfillment;
enrol enroll, enrols enrolls, enrolment enrollment; instil instill, instils instills; skilful skillful,
skilfully skillfully; wilful willful, wilfully willfully; distil distill, distils distills;
anaesthetic anesthetic, anaesthesia anesthesia; foetus fetus; oesophagus esophagus; paediatric pediatric,
paediatrician pediatrician; encyclopaedia encyclopedia; haemorrhage hemorrhage; oestrogen estrogen;
mediaeval medieval; counsellor counselor, counsellors counselors; councillor councilor, councillors councilors;
cheque check, cheques checks; tyre tire, tyres tires; kerb curb, kerbs curbs, kerbside curbside;
programme program, programmes programs; storey story, storeys stories; gaol jail, gaols jails, gaoler jailer;
draught draft, draughts drafts, draughty drafty; practise practice, practised practiced, practising practicing,
practises practices; licence license, licences licenses
"""

#: American spellings that are British words too (and the British word is not wrong there):
#: never flagged, and a manuscript using them is not mixing.
_SHARED_US = frozenset("check checks tire tires curb curbs program programs story stories jail jails jailer "
                       "draft drafts practice practices license licenses".split())
#: The kinds of pair whose other spelling each variety accepts (the module docstring).
_ACCEPTS = {"en-GB": frozenset({"ize"}), "en-US": frozenset({"ogue"})}

_WORD = re.compile(r"[A-Za-z]+(?![’'][a-z]{3})")
_OPENERS = "\"'“‘([ \t"


@cache
def _irregular() -> dict[str, tuple[str, str, str, str]]:
    """Each irregular spelling: (British, American, kind, family)."""
    found = {}
    for family in _IRREGULAR.replace("\n", " ").split(";"):
        items = [item.split() for item in family.split(",")]
        for gb, us in items:
            found[gb] = found[us] = (gb, us, "irregular", items[0][0])
    return found


def _ending_index() -> tuple[dict[str, list[tuple[int, str, str, str, int, str, bool]]], tuple[int, ...]]:
    """`_PATTERNS` by the ending a word must have for each to apply, both ways round: ending ->
    (order, ending, other ending, kind, least stem, stem ends, British), and the endings'
    lengths. A word then looks up its few endings rather than testing every pattern's."""
    by_end: dict[str, list[tuple[int, str, str, str, int, str, bool]]] = {}
    order = 0
    for kind, gb_end, us_end, least, stem_ends in _PATTERNS:
        for end, other_end, british in ((gb_end, us_end, True), (us_end, gb_end, False)):
            by_end.setdefault(end, []).append((order, end, other_end, kind, least, stem_ends, british))
            order += 1
    return by_end, tuple(sorted({len(end) for end in by_end}))


_BY_ENDING, _ENDING_LENGTHS = _ending_index()


@cache
def pair_of(word: str) -> tuple[str, str, str, str] | None:
    """(British, American, kind, family) where `word` (lower case) is one spelling of a variety
    pair; a family is the pairs of one stem ("colour", "coloured", "colourful")."""
    if word in _irregular():
        return _irregular()[word]
    if len(word) < 4:
        return None
    # The patterns whose ending the word has, in `_PATTERNS`' order (the first that pairs wins).
    applying = sorted(entry for n in _ENDING_LENGTHS for entry in _BY_ENDING.get(word[-n:], ()))
    for _, end, other_end, kind, least, stem_ends, british in applying:
        stem = word[: len(word) - len(end)]
        if len(stem) < least or (stem_ends and stem[-1] not in stem_ends):
            continue
        if kind == "ll" and not re.search(r"[aeiouy][^aeiouy]*[aeiou]$", stem):
            continue  # one syllable: "filled"/"filed", "polled"/"poled"
        other = stem + other_end
        gb, us = (word, other) if british else (other, word)
        if len(other) < 4 or gb in _NOT_PAIRS or us in _NOT_PAIRS:
            continue
        if is_listed_word(gb) and is_listed_word(us):
            return gb, us, kind, f"{kind}:{stem}"
    return None


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a word at `start` opens a sentence or a line (quotes and brackets before it
    skipped); looks back a few characters only."""
    i = start
    while i > 0 and start - i < 8 and text[i - 1] in _OPENERS:
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    end = i - 1
    if text[end] in "”’\"')]" and end > 0:
        end -= 1  # a quote or bracket closing the sentence before
    return i < start and text[end] in ".!?"


def _spellings(text: str) -> list[tuple[int, int, str, tuple[str, str, str, str]]]:
    """Each variety-marked word read: (start, end, lower-case word, its pair). A capitalised
    word counts only where it opens a sentence and the text also writes it in lower case:
    "Gray" after "Mr." is a name. The words of each paragraph are found once per paragraph
    text (`_scanned`: the language server re-checks a chapter after every edit); whether a
    capitalised one opens a sentence is read in the whole text, which may look back past the
    paragraph's start."""
    found, capitalised = [], []
    for start, end in _paragraphs(text):
        lower, caps = _scanned(text[start:end])
        found += [(s + start, e + start, key, pair) for s, e, key, pair in lower]
        capitalised += [(s + start, e + start, key, pair) for s, e, key, pair in caps
                        if _opens_sentence(text, s + start)]
    lower_keys = {key for _, _, key, _ in found}
    return sorted(found + [c for c in capitalised if c[2] in lower_keys])


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Stretches of `text` that no word (`_WORD`) crosses: each paragraph with the break after it."""
    starts = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
    return list(zip(starts, starts[1:] + [len(text)]))


_Spelling = tuple[int, int, str, tuple[str, str, str, str]]
#: A paragraph's text -> its lower-case and its capitalised variety-marked words (offsets in
#: it), for up to `SCANNED_CHARS` of paragraphs; then cleared.
_SCANNED: dict[str, tuple[list[_Spelling], list[_Spelling]]] = {}
_SCANNED_CHARS = [0]
SCANNED_CHARS = 2_000_000
_SCANNED_LOCK = threading.Lock()


def _scanned(part: str) -> tuple[list[_Spelling], list[_Spelling]]:
    found = _SCANNED.get(part)
    if found is not None:
        return found
    lower, capitalised = [], []
    for m in _WORD.finditer(part):
        word = m.group()
        if len(word) < 4:
            continue
        if word.islower():
            into = lower
        elif word[0].isupper() and word[1:].islower():
            into = capitalised
        else:
            continue
        key = word.lower()
        pair = pair_of(key)
        if pair is not None:
            into.append((m.start(), m.end(), key, pair))
    with _SCANNED_LOCK:
        if _SCANNED_CHARS[0] + len(part) > SCANNED_CHARS:
            _SCANNED.clear()
            _SCANNED_CHARS[0] = 0
        if len(part) <= SCANNED_CHARS:
            _SCANNED[part] = (lower, capitalised)
            _SCANNED_CHARS[0] += len(part)
    return lower, capitalised


def _issue(text: str, start: int, end: int, gb: str, us: str, flagged_gb: bool, why: str) -> Issue:
    word = text[start:end]
    other = us if flagged_gb else gb
    fix = other[0].upper() + other[1:] if word[0].isupper() else other
    variety = "British" if flagged_gb else "American"
    return Issue(start, end, "spelling", f"“{word}” is the {variety} spelling; {why} “{fix}”", (fix,), SCORE)


def variety_issues(text: str, variety: str | None = None) -> list[Issue]:
    """The spellings to flag in `text`: with no `variety`, the minority spelling of each pair
    the text spells both ways; with one ("en-US", "en-GB"), the other variety's spellings too."""
    if variety is not None and variety not in VARIETIES:
        raise ValueError(f"unknown English variety {variety!r}: {' or '.join(VARIETIES)}")
    found = _spellings(text)
    if not found:
        return []
    # Pairs are counted by family, so "colour" and "colored" are one mix.
    used: Counter[tuple[str, bool]] = Counter()
    for _, _, key, (gb, us, kind, family) in found:
        if key != us or us not in _SHARED_US:
            used[(family, key == gb)] += 1
    issues = []
    for start, end, key, (gb, us, kind, family) in found:
        british = key == gb
        if not british and us in _SHARED_US:
            continue
        mine, theirs = used[(family, british)], used[(family, not british)]
        if variety is not None and kind not in _ACCEPTS[variety]:
            if british == (variety == "en-GB"):
                continue
            why = f"this manuscript is {variety}:"
        elif theirs and (mine < theirs or (mine == theirs and not british)):
            why = f"the {'American' if british else 'British'} spelling is used {theirs} time{'s' * (theirs > 1)} here:"
        else:
            continue
        issues.append(_issue(text, start, end, gb, us, british, why))
    return issues


def with_variety(issues: list[Issue], text: str, variety: str | None) -> list[Issue]:
    """A check's issues with this rule's own worked out for the manuscript's `variety`
    (its others kept as they are); unchanged with no variety."""
    if variety is None:
        return issues
    keep = [i for i in issues if i.rule != RULE_ID]
    mine = [Issue(i.start, i.end, i.category, i.message, i.suggestions, i.score, rule=RULE_ID)
            for i in variety_issues(text, variety)]
    return sorted(keep + mine, key=lambda i: (i.start, i.end))


@rule(RULE_ID, "spelling", "British and American spellings of one word mixed (“colour” and “color”)",
      flagged="The colour of the sea, the colour of the sky, the color of her eyes.",
      clean=("The colour of the sea and the grey sky.", "The color of the sea and the gray sky."),
      document_wide=True)
def mixed_spellings(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return variety_issues(doc.text)
