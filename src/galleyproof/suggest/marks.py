"""Candidates that change marks, spaces and capitals, never the letters of a word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from galleyproof.allow.names import follows_title
from galleyproof.english.confusables import COMPOUNDS, FUNCTION_WORDS
from galleyproof.english.gaps import default_gaps
from galleyproof.rules.dialogue import default_tags
from galleyproof.suggest.candidates import Candidate, Site
from galleyproof.suggest.spelling import MIN_COUNT
from galleyproof.text.paragraphs import PARAGRAPH_BREAK
from galleyproof.text.words import apostrophe_of, is_sentence_start, normalise

MARKS = ",;:.!?"
_SENTENCE_MARKS = ".!?"
# A clear sign (a doubled mark, a space before a comma) and an ordinary edit of a mark.
SIGN_PRIOR = 1.0
MARK_PRIOR = -1.0
CASE_PRIOR = -0.5
# A mark swapped for one of its own kind ("," for ";", "?" for "."), which leaves the
# sentences as they were, against one that ends a sentence or joins two and recases the
# next word: the likelier slip (punctuation top-1 82 -> 85 of 121 found on the synthetic
# validation set, cweb_dev and GUM unchanged; it was a cost of 0.5 before).
SAME_CLASS_BONUS = 0.5
# What a swap to a mark that ends the sentence earns where the next word has a capital that
# no name explains ("him; Jealousy", "none, The"); the same-class swap then earns nothing.
CAPITAL_AFTER_BONUS = 1.0
# A full stop put in before a capital no name explains ("torment That"): below lowering the
# capital, the likelier fix of such a flag (50 to 5 on the synthetic validation set, and real
# text's stray capitals are all lowered), so the stop comes second unless the model hears it.
STOP_BEFORE_CAPITAL_PRIOR = CASE_PRIOR - 0.5
# Words a sentence does not end on: articles, prepositions that are no particles, conjunctions.
_NO_SENTENCE_END = frozenset(
    "the a an of to and as at by for with but his their its my your our from which whose would could "
    "after before into upon than or nor if because when while although though".split()
)
# What a mark inside a sentence costs more to swap for one that ends it, recasing the small
# letter after it, than to drop or swap for its own kind: "for, his" was "for his", "in, cash"
# "in cash", and a full stop the fix for 1 of the 9 such flags on the dev sets.
NEW_SENTENCE_COST = 0.5
# What a mark is likelier to have been: the common marks before the rare ones.
_MARK_COST = {".": 0.0, ",": 0.0, ";": 0.5, ":": 1.0, "!": 1.0, "?": 1.0}
# The mark a key gives without shift, for a mark struck with it held ("here>" for "here.").
_UNSHIFTED = {"<": ",", ">": "."}
#: What a hyphen made a space earns where one of the words is a pronoun, article, preposition
#: or auxiliary ("was-incalculable", "out-from", "I-felt"), which few compounds hold
#: ("to-morrow", a `COMPOUNDS` word, earns nothing). 1.0 and 2.0 ranked alike on a
#: punctuation-only synthetic set (docs/experiments/suggestions.md, "Ninth round").
UNHYPHEN_BONUS = 1.0
_HYPHENLESS = frozenset(FUNCTION_WORDS) | {"i", "me", "my", "we", "us", "you", "him", "them", "our", "your"}
#: What an apostrophe put into a plural-looking word earns before a noun ("others blood"), and
#: what makes a word a noun to this: the share of the words before it in the books that are
#: articles or possessives, of at least `NOUN_EVIDENCE` seen. 2.0 chosen on a punctuation-only
#: synthetic set (1.0 changed nothing; docs/experiments/suggestions.md, "Ninth round").
POSSESSIVE_BONUS = 2.0
NOUN_SHARE = 0.5
NOUN_EVIDENCE = 20
_DETERMINERS = ("a", "an", "the", "his", "her", "my", "their", "its", "our", "your")
_HYPHEN_BETWEEN_WORDS = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_STRAY = re.compile(r"[^\w\s'’\"“”‘\-—]+")
_DOUBLED = re.compile(r"([,;:.!?])\1+")
_MULTI_SPACE = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE = re.compile(r"[ \t]+(?=[,;:.!?])")
_PARAGRAPH_END = re.compile(r"[”’\"')\]]*[ \t]*(?:\r?\n[ \t]*\r?\n|\r?\n?[ \t]*$)")
_NO_SPACE_AFTER = re.compile(r"(?<=[^\W\d_])[,;:.!?](?=[^\W\d_])")


def _quote_style(text: str) -> tuple[str, str]:
    return ("“", "”") if "“" in text or "”" in text else ('"', '"')


def _capital_candidate(site: Site, pos: int, upper: bool) -> str | None:
    """The first letter of the word at `pos` in the other case, if it is not a name's capital."""
    m = site.word_after(pos)
    if m is None or m.start() - pos > 3:
        return None
    first = m.group()[0]
    if upper and first.islower():
        return first.upper()
    if not upper and first.isupper() and m.group() != "I" and site.lexicon.capitalised_share(m.group()) < 0.5:
        return first.lower()
    return None


def _with_next_case(site: Site, start: int, end: int, new: str, upper: bool, prior: float, kind: str) -> Candidate:
    """Replace [start, end) with `new`, and give the next word the case the new mark asks for."""
    m = site.word_after(end)
    letter = _capital_candidate(site, end, upper)
    if m is None or letter is None:
        return Candidate(start, end, new, prior, kind)
    return Candidate(start, m.start() + 1, new + site.text[end : m.start()] + letter, prior, kind)


def punctuation(site: Site) -> Iterator[Candidate]:
    """Marks dropped, replaced, put in, doubled or stray; apostrophes; quotes left open."""
    text, lo, hi = site.text, site.lo, site.hi
    for m in _DOUBLED.finditer(text, lo, hi):
        if m.group() != "...":
            yield Candidate(m.start(), m.end(), m.group()[0], SIGN_PRIOR, "undouble", sign=True)
    for m in _STRAY.finditer(text, lo, hi):
        mark = m.group()
        start, end = m.span()
        if mark in MARKS:
            yield from _mark_edits(site, start, end)
            continue
        if _between_spaces(text, start, end):
            end += 1  # a stray "[]" between spaces goes with one of them
        junk = not any(c in MARKS for c in mark)  # brackets, asterisks: no mark a sentence needs
        yield Candidate(start, end, "", SIGN_PRIOR if junk else MARK_PRIOR, "drop_mark")
        if mark in _UNSHIFTED and not _between_spaces(text, start, m.end()):
            yield Candidate(start, m.end(), _UNSHIFTED[mark], SIGN_PRIOR + 0.5, "swap_mark", sign=True)
    yield from _insertions(site)
    yield from _apostrophes(site)
    yield from _quotes(site)
    yield from _unhyphened(site)


def _unhyphened(site: Site) -> Iterator[Candidate]:
    """A hyphen between two words each known made a space ("I-felt", "the-peasants"): a slip
    of the hand beside the space bar, or two words taken for a compound. An ordinary edit of a
    mark, the model to say which reads clean; a compound's hyphen ("drawing-room") it finds
    clean as written."""
    text = site.text
    lo = min([site.lo, *(m.start() for m in site.words)])
    hi = max([site.hi, *(m.end() for m in site.words)])
    for m in _HYPHEN_BETWEEN_WORDS.finditer(text, max(0, lo - 1), min(len(text), hi + 1)):
        if not lo <= m.start() < hi:
            continue
        before, after = site.word_before(m.start()), site.word_after(m.end())
        if before is None or after is None or before.end() != m.start() or after.start() != m.end():
            continue
        if min(site.lexicon.count(before.group()), site.lexicon.count(after.group())) >= MIN_COUNT:
            closed = (before.group() + after.group()).lower() not in COMPOUNDS and any(
                w.group().lower() in _HYPHENLESS for w in (before, after))
            yield Candidate(m.start(), m.end(), " ", MARK_PRIOR + (UNHYPHEN_BONUS if closed else 0.0), "unhyphen")


def _between_spaces(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1] in " \t" and text[end] in " \t"


def _mark_edits(site: Site, start: int, end: int) -> Iterator[Candidate]:
    """A mark dropped (with the next word's capital, if it ended a sentence) or swapped."""
    mark = site.text[start:end]
    ends_sentence = mark in _SENTENCE_MARKS
    drop_end = end + 1 if _between_spaces(site.text, start, end) else end
    # A paragraph ends on a full stop (or ? or !), never on a comma: "...they were bound,".
    last = not ends_sentence and _ends_paragraph(site.text, end)
    if ends_sentence:
        yield _with_next_case(site, start, drop_end, "", False, MARK_PRIOR, "drop_mark")
    else:
        yield Candidate(start, drop_end, "", MARK_PRIOR - (SIGN_PRIOR if last else 0.0), "drop_mark")
    # "him; Jealousy of", "none, The stillness": a capital no name explains says the mark
    # ended a sentence, so a full stop, not a mark of the same kind, is the likelier fix.
    capital_after = not ends_sentence and _sentence_capital_after(site, end)
    for other in MARKS:
        if other == mark:
            continue
        new_ends = other in _SENTENCE_MARKS
        prior = MARK_PRIOR - _MARK_COST[other]
        if last and new_ends:
            yield Candidate(start, end, other, SIGN_PRIOR - _MARK_COST[other], "swap_mark", sign=True)
        elif new_ends != ends_sentence:
            if capital_after:
                prior += CAPITAL_AFTER_BONUS
            elif new_ends and _capital_candidate(site, end, True) is not None:
                prior -= NEW_SENTENCE_COST
            yield _with_next_case(site, start, end, other, new_ends, prior, "swap_mark")
        else:
            yield Candidate(start, end, other, prior + (0.0 if capital_after else SAME_CLASS_BONUS), "swap_mark")


def _sentence_capital_after(site: Site, pos: int) -> bool:
    """Whether the word after `pos` (past spaces and opening quotes) has a capital that only a
    sentence's start explains: not "I", nor a word the corpus mostly capitalises (a name)."""
    nxt = site.word_after(pos)
    return (nxt is not None and nxt.group()[0].isupper() and nxt.group() != "I"
            and site.text[pos : nxt.start()].strip(" \t\"“‘'") == ""
            and site.lexicon.capitalised_share(nxt.group()) < 0.5)


def _ends_paragraph(text: str, pos: int) -> bool:
    """Whether only closing quotes and spaces stand between `pos` and the paragraph's end."""
    m = _PARAGRAPH_END.match(text, pos)
    return m is not None


def _insertions(site: Site) -> Iterator[Candidate]:
    """A mark after each word of the span that is followed by a space; a full stop first where
    the next word has a capital that only a sentence start explains."""
    for m in site.words:
        pos = m.end()
        if pos >= len(site.text) or site.text[pos] not in " \t":
            continue
        new_sentence = _sentence_capital_after(site, pos)
        yield _with_next_case(site, pos, pos, ".", True, SIGN_PRIOR if new_sentence else MARK_PRIOR, "insert_mark")
        yield Candidate(pos, pos, ",", MARK_PRIOR + 0.5, "insert_mark")
        yield Candidate(pos, pos, ";", MARK_PRIOR - 0.5, "insert_mark")


def _apostrophes(site: Site) -> Iterator[Candidate]:
    """Possessives written as plurals ("others" -> "other's") and apostrophes lost or misplaced."""
    apostrophe = apostrophe_of(site.text)
    for m in site.words:
        word = m.group()
        inner = [i for i, c in enumerate(word) if c in "'’"]
        if inner:
            i = inner[0]
            bare = word[:i] + word[i + 1 :]
            yield Candidate(m.start(), m.end(), bare, MARK_PRIOR, "apostrophe")
            for j in (i - 1, i + 1):
                if 0 < j < len(bare):
                    yield Candidate(m.start(), m.end(), bare[:j] + word[i] + bare[j:], MARK_PRIOR, "apostrophe")
        elif lost := _lost_apostrophe(site, word):
            # "whod", "hed", "Id", "youre": unknown, but known with an apostrophe put back.
            yield Candidate(m.start(), m.end(), lost[0] + apostrophe + lost[1], SIGN_PRIOR, "apostrophe", sign=True)
        elif len(word) >= 3 and word.lower().endswith("s"):
            # "gentlemans": unknown, but "gentleman" is known, so a possessive lost its apostrophe.
            sign = site.lexicon.count(word) < MIN_COUNT <= site.lexicon.count(word[:-1])
            prior = MARK_PRIOR + (SIGN_PRIOR if sign else 0.0)
            if _possessive_before_noun(site, m):
                prior += POSSESSIVE_BONUS  # "mothers house", "each others blood"
            yield Candidate(m.end() - 1, m.end(), apostrophe + "s", prior, "apostrophe", sign=sign)
            yield Candidate(m.end(), m.end(), apostrophe, prior - 0.5, "apostrophe", sign=sign)
        elif word.lower().endswith("nt") and len(word) >= 4:
            yield Candidate(m.end() - 1, m.end() - 1, apostrophe, MARK_PRIOR, "apostrophe")


def _possessive_before_noun(site: Site, word: re.Match[str]) -> bool:
    """Whether the plural-looking `word` reads as a possessive that lost its apostrophe: its
    stem is a noun or a name ("mother", "other", "Gabriel"; not "open", "look") and the word
    right after it (one space between) a noun or an adjective ("house", "blood", "own"; not
    "took", "and")."""
    stem = word.group()[:-1]
    nxt = site.word_after(word.end())
    if nxt is None or site.text[word.end() : nxt.start()] != " " or word.group().lower().endswith(("ss", "us", "is")):
        return False
    return (_noun_like(nxt.group()) and (_noun_like(stem) or site.lexicon.capitalised_share(stem) >= 0.5))


def _noun_like(word: str) -> bool:
    """Whether the books put an article or a possessive before `word` (`NOUN_SHARE` of the words
    seen before it: "house" 92%, "blood" 55%, "own" 97%; "took", "was", "and" 0-7%)."""
    before = default_gaps().precedes.get(normalise(word), {})
    seen = sum(before.values())
    return seen >= NOUN_EVIDENCE and sum(before.get(d, 0) for d in _DETERMINERS) >= NOUN_SHARE * seen


def _lost_apostrophe(site: Site, word: str) -> tuple[str, str] | None:
    """The two halves of an unknown word that the lexicon knows with an apostrophe between them
    ("whod": "who", "d"); None where the word is known or no such place is."""
    if site.lexicon.count(word) >= MIN_COUNT:
        return None
    for j in range(len(word) - 1, 0, -1):
        if site.lexicon.count(f"{word[:j]}'{word[j:]}") >= MIN_COUNT:
            return word[:j], word[j:]
    return None


def _quotes(site: Site) -> Iterator[Candidate]:
    """A closing quote after a mark that ends a speech, an opening one before a word; or one dropped."""
    opening, closing = _quote_style(site.text)
    text = site.text
    curly = opening == "“" or "’" in text
    for i in range(site.lo, site.hi):
        if text[i] in "\"“”":
            yield Candidate(i, i + 1, "", MARK_PRIOR - 0.5, "quote")
        elif text[i] in "'‘" and _at_word_edge(text, i):
            # A straight one in curly-quoted text is plainly stray ("'facts", "mind'").
            stray = curly and text[i] == "'"
            yield Candidate(i, i + 1, "", SIGN_PRIOR if stray else MARK_PRIOR - 0.5, "quote", sign=stray)
        if text[i] in "\"”" and i and text[i - 1].isalpha():
            # A speech closed with no mark: "here” he said" wants "here,” he said".
            after = site.word_after(i + 1)
            tag = after is not None and text[i + 1 : after.start()].isspace() and after.group() in default_tags()
            prior = SIGN_PRIOR if tag else MARK_PRIOR
            yield Candidate(i, i, ",", prior + 0.5, "insert_mark", sign=tag)
            yield Candidate(i, i, "?", prior - 0.5, "insert_mark", sign=tag)
            yield Candidate(i, i, "!", prior - 0.5, "insert_mark", sign=tag)
        if text[i] in ",.!?" and (i + 1 == len(text) or text[i + 1] in " \t"):
            # Before a dialogue tag in open speech ("“Fiend, I exclaimed, “your task"), the
            # quote closes the speech there, not after the tag.
            tag = _speech_open(text, i) and _tag_follows(site, i + 1)
            yield Candidate(i + 1, i + 1, closing, SIGN_PRIOR if tag else MARK_PRIOR - 0.5, "quote", sign=tag)
    for m in site.words:
        if m.start() == 0 or text[m.start() - 1] in " \t":
            yield Candidate(m.start(), m.start(), opening, MARK_PRIOR - 1.0, "quote")


def _speech_open(text: str, pos: int) -> bool:
    """Whether a quote opened in this paragraph before `pos` is still open there."""
    start = max(0, pos - 2000)
    for m in PARAGRAPH_BREAK.finditer(text, start, pos):
        start = m.end()
    before = text[start:pos]
    if "“" in before or "”" in before:
        return before.rfind("“") > before.rfind("”")
    return before.count('"') % 2 == 1


def _tag_follows(site: Site, pos: int) -> bool:
    """Whether a dialogue tag's verb or pronoun (`rules.dialogue.default_tags`: "said", "he",
    "exclaimed") is among the next two words after `pos`, with only spaces between."""
    first = site.word_after(pos)
    if first is None or not site.text[pos : first.start()].strip(" \t") == "":
        return False
    second = site.word_after(first.end())
    words = [first] + ([second] if second is not None and site.text[first.end() : second.start()] == " " else [])
    return any(w.group() in default_tags() for w in words)


def _at_word_edge(text: str, i: int) -> bool:
    """Whether the single quote at `i` opens or closes a word rather than sitting inside one."""
    before = text[i - 1].isalnum() if i else False
    after = text[i + 1].isalnum() if i + 1 < len(text) else False
    return before != after


def _near(site: Site, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches touching the site; searched a little wider, as lookarounds stop at the bounds."""
    for m in pattern.finditer(site.text, max(0, site.lo - 1), min(len(site.text), site.hi + 1)):
        if m.start() < site.hi and m.end() > site.lo:
            yield m


def spacing(site: Site) -> Iterator[Candidate]:
    """Doubled spaces, a space before a mark, a mark with no space after it."""
    for m in _near(site, _MULTI_SPACE):
        yield Candidate(m.start(), m.end(), " ", SIGN_PRIOR, "space", sign=True)
    for m in _near(site, _SPACE_BEFORE):
        yield Candidate(m.start(), m.end(), "", SIGN_PRIOR, "space", sign=True)
    for m in _near(site, _NO_SPACE_AFTER):
        yield Candidate(m.end(), m.end(), " ", SIGN_PRIOR, "space", sign=True)


def capitals(site: Site) -> Iterator[Candidate]:
    """Each word's first letter in the other case, an all-capital or mixed-case word lowered,
    "i" made "I".

    A capital is likelier right where a sentence starts, after a title ("M. waldman") or where
    the corpus capitalises the word (names), a small letter elsewhere.
    """
    for m in site.words:
        word = m.group()
        share = site.lexicon.capitalised_share(word)
        start_of_sentence = is_sentence_start(site.text, m.start())
        if word == "i":
            yield Candidate(m.start(), m.end(), "I", SIGN_PRIOR + 1.0, "case", sign=True)
            continue
        lower = word.lower()
        if word[0].islower():
            capital_fit = 1.5 if start_of_sentence else 2.0 if follows_title(site.text, m.start()) else 3.0 * share - 1.0
            yield Candidate(m.start(), m.end(), word[0].upper() + word[1:], CASE_PRIOR + capital_fit, "case")
        if word != lower and word != "I":
            # Lowering fits mid-sentence for a word the corpus writes small, not in a line of capitals.
            small_fit = -1.5 if start_of_sentence else 1.0 - 2.0 * share
            if len(word) > 1 and word.isupper() and any(
                n is not None and len(n.group()) > 1 and n.group().isupper()
                for n in (site.word_before(m.start()), site.word_after(m.end()))
            ):
                small_fit = -2.0
            yield Candidate(m.start(), m.end(), lower, CASE_PRIOR + small_fit, "case")
        if len(word) > 1 and word[1:] != word[1:].lower():
            yield Candidate(m.start(), m.end(), word[0].upper() + word[1:].lower(), CASE_PRIOR, "case")
        slip = _shift_slip(site, word)
        if slip is not None:
            yield Candidate(m.start(), m.end(), slip, SIGN_PRIOR, "case", sign=True)
    yield from _lower_all(site)
    yield from _recase_all(site)


def stops_before_capitals(site: Site) -> Iterator[Candidate]:
    """A full stop after the word before each capital of the span that no name or sentence
    start explains: the capital may be right and the stop lost ("the torment That had
    begun"). Not after a word no sentence ends on ("After Coming", "to Device"), nor after
    a word in capitals or a sentence's first word (a heading run into its text: "GENERAL To",
    "Results From January")."""
    for m in site.words:
        word = m.group()
        if not word[0].isupper() or word == "I" or is_sentence_start(site.text, m.start()):
            continue
        if site.lexicon.capitalised_share(word) >= 0.5:
            continue
        before = site.word_before(m.start())
        if before is None or site.text[before.end() : m.start()] not in (" ", "\t"):
            continue
        if before.group().lower() in _NO_SENTENCE_END or before.group().isupper() \
                or is_sentence_start(site.text, before.start()):
            continue  # nor a one-word sentence: "Results From January" is a heading run in
        yield Candidate(before.end(), before.end(), ".", STOP_BEFORE_CAPITAL_PRIOR, "stop_before")


_SHIFT_HELD = re.compile(r"[A-Z]{2}[a-z]+")
_SHIFT_INSIDE = re.compile(r"[a-z]+[A-Z][A-Za-z]*")


def _shift_slip(site: Site, word: str) -> str | None:
    """The word a slip of the shift key made mixed-case ("THe", "RUmbles" -> "Rumbles"; "uSed"
    -> "used"), where the lexicon knows the word so written; else None (a name, "iPhone")."""
    if _SHIFT_HELD.fullmatch(word):
        fixed = word[0] + word[1:].lower()
    elif _SHIFT_INSIDE.fullmatch(word) and not word.isupper():
        fixed = word.lower()
    else:
        return None
    return fixed if site.lexicon.count(fixed) >= MIN_COUNT else None


def _lower_all(site: Site) -> Iterator[Candidate]:
    """Every capital of the span that no name or sentence start explains, lowered at once."""
    text = site.text
    lowered = [
        m for m in site.words
        if m.group()[0].isupper() and m.group() != "I" and not is_sentence_start(text, m.start())
        and site.lexicon.capitalised_share(m.group()) < 0.5
    ]
    if len(lowered) < 2:
        return
    start, end = lowered[0].start(), lowered[-1].end()
    new = text[start:end]
    for m in lowered:
        new = new[: m.start() - start] + m.group().lower() + new[m.end() - start :]
    yield Candidate(start, end, new, CASE_PRIOR + 0.5, "case")


def _recase_all(site: Site) -> Iterator[Candidate]:
    """Every word of the span put in the case its place asks for, at once: a capital where a
    sentence starts or the corpus capitalises the word (a name), a small letter elsewhere
    ("mr elliot" -> "Mr Elliot", "country. elizabeth Had" -> "country. Elizabeth had")."""
    text = site.text
    changed = []
    for m in site.words:
        word = m.group()
        share = site.lexicon.capitalised_share(word)
        start = is_sentence_start(text, m.start())
        slip = _shift_slip(site, word)
        if slip is not None:
            word = slip
            if word[0].islower() and (start or share >= 0.5):
                word = word[0].upper() + word[1:]
            changed.append((m, word))
        elif word == "i" or word[0].islower() and (start or share >= 0.5):
            changed.append((m, "I" if word == "i" else word[0].upper() + word[1:]))
        elif word[0].isupper() and word != "I" and not start and share < 0.5 and word[1:] == word[1:].lower():
            changed.append((m, word.lower()))
    if len(changed) < 2:
        return
    start, end = changed[0][0].start(), changed[-1][0].end()
    new = text[start:end]
    for m, word in changed:
        new = new[: m.start() - start] + word + new[m.end() - start :]
    yield Candidate(start, end, new, CASE_PRIOR + 1.0, "case")

