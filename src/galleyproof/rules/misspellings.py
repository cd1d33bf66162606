"""A lower-case word no list knows, one edit from a word that is common: "recommed",
"opportunites", "acclerating", "participaiton".

The model flags an unknown word only where it is sure; these slips of common words it lets
through when the sentence around them reads well. Here a word is a slip when neither the
lexicon (in any form), the English word list nor today's English (`english.modern.is_used_word`:
Zipf 2 and up, so "funders" and "terroir" are words) knows it, the manuscript uses it once
(twice is the writer's: dialect, a coinage), and one edit (a letter added, dropped, changed,
or two swapped) turns it into a word the lexicon has seen at least `TARGET_COUNT` times, or
one both the English word list and today's English know (the books' counts are small:
"accelerating" is there 4 times). Short words (under `MIN_LENGTH` letters) and runs of
letters too long to be a word, capitalised words (names), words with digits, apostrophes or
letters outside ASCII (elisions, foreign words), and words beside an unknown word (a foreign
phrase: "nullo modo"; a word of the general lists vouches for its neighbour only if it has
six letters or more: "della" is in them) are left alone. The fixes are those words, the
commonest first.
"""

from __future__ import annotations

import re
import string
import threading

from galleyproof.english import slips
from galleyproof.english.lexicon import Lexicon, PerLexicon
from galleyproof.english.modern import NEVER_KNOWN, is_used_word, modern_words, used_words_among
from galleyproof.english.wordlist import english_words_among, is_english_word
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import normalise

#: Times the lexicon must have seen the corrected word.
TARGET_COUNT = 20
MIN_LENGTH = 6
#: A form explains an unknown word only when built on a stem seen this often (not on "lite").
STEM_COUNT = 20
#: Longer runs of letters are no slip of a word (and their edits would fill memory).
MAX_LENGTH = 24
#: Words whose corrections are remembered per lexicon (a re-check asks again for the same
#: slips); cleared beyond this.
MEMO_SIZE = 10_000
_MEMOS: PerLexicon[dict[str, tuple[str, ...]]] = PerLexicon(lambda _: {})
_MEMO_LOCK = threading.Lock()
_WORD = re.compile(r"(?<![\w'’])([a-z]+)(?![\w'’])")


def edits1(word: str) -> set[str]:
    letters = string.ascii_lowercase
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in letters]
    inserts = [a + c + b for a, b in splits for c in letters]
    return set(deletes + swaps + replaces + inserts) - {word}


def common_among(lexicon: Lexicon, words: set[str]) -> set[str]:
    """The words of `words` (lower-case ASCII letters, as `edits1` makes them) that are common:
    seen `TARGET_COUNT` times by the lexicon, or `MIN_LENGTH` letters long and known to both
    the English word list and today's English, or common today alone (Zipf 3: "hashtag"). By set intersection, not a lookup a word: a
    long word's edits are thousands."""
    seen = {w for w in lexicon.counts.keys() & words if lexicon.counts[w] >= TARGET_COUNT}
    listed = english_words_among(words)
    today = {w for w in modern_words().among(words) if len(w) >= MIN_LENGTH} - NEVER_KNOWN
    return seen | today | {w for w in used_words_among(listed) if len(w) >= MIN_LENGTH}


def corrections(lexicon: Lexicon, word: str) -> list[str]:
    """The common words one edit from `word`, commonest first (by the lexicon's counts)."""
    found = list(common_among(lexicon, edits1(word)))
    return sorted(found, key=lambda w: (-lexicon.count(w), w))[:5]


def remembered_corrections(lexicon: Lexicon, word: str) -> tuple[str, ...]:
    """`corrections`, remembered per lexicon (by identity: a lexicon is not changed after loading)."""
    memo = _MEMOS.of(lexicon)
    with _MEMO_LOCK:
        found = memo.get(word)
    if found is None:
        found = tuple(corrections(lexicon, word))
        with _MEMO_LOCK:
            if len(memo) > MEMO_SIZE:
                memo.clear()
            memo[word] = found
    return found


_NEIGHBOUR_BEFORE = re.compile(r"([A-Za-z]+)[^A-Za-z]{1,3}$")
_NEIGHBOUR_AFTER = re.compile(r"[^A-Za-z]{1,3}([A-Za-z]+)")


def among_known(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Are the words on both sides (where there are any) known to the lexicon?"""
    before = _NEIGHBOUR_BEFORE.search(text, max(0, start - 30), start)
    after = _NEIGHBOUR_AFTER.match(text, end)
    return all(_known_neighbour(m.group(1), lexicon) for m in (before, after) if m)


def _known_neighbour(word: str, lexicon: Lexicon) -> bool:
    # A short word of the general lists is too often foreign ("della", "terra"): only the books vouch for those.
    return bool(lexicon.count(normalise(word))) or (len(word) > 5 and is_english_word(word))


def misspelling_issues(doc: Document, lexicon: Lexicon) -> list[Issue]:
    text = doc.text
    issues = []
    for m in _WORD.finditer(text):
        word = m.group(1)
        if not MIN_LENGTH <= len(word) <= MAX_LENGTH:
            continue
        if (lexicon.count(word) or is_english_word(word) or is_used_word(word)
                or slips.known_form(lexicon, word, STEM_COUNT, compounds=False)):
            continue
        if doc.counts[normalise(word)] > 1:  # the document's fact last: read for unknown words only (`rules.memo`)
            continue
        if not among_known(text, m.start(1), m.end(1), lexicon):
            continue  # a foreign phrase ("nullo modo", "il tremar")
        fixes = remembered_corrections(lexicon, word)
        if not fixes:
            continue
        issues.append(Issue(m.start(1), m.end(1), "spelling", f"Possible misspelling of “{fixes[0]}”",
                            tuple(fixes), 0.9))
    return issues


@rule("misspellings", "spelling", "A word no list knows, one edit from a common word (“recommed”)",
      flagged="She walked home sloowly and quietly.", clean="She walked home slowly and quietly; nullo modo.")
def misspellings(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return misspelling_issues(doc, lexicon)
