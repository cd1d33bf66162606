"""Two words written as one: "bodycare", "sheetmetal", "coffeetable", "thismorning", "fiftyfive".

`run_together` knows a short list of fixed slips ("alot"); this finds the rest. A word is two
words run together when no list knows it (not the lexicon in any form, not the English word
list, not today's English: `is_used_word`), the manuscript writes it once (a coinage the writer
repeats is theirs), and it splits into two words (each seen `COMMON_COUNT` times in the books
or common in today's English) that English often writes side by side (`english.bigrams`:
"coffee table", "this morning"), or into a tens word and a units word ("fiftyfive"). The pair
is what keeps a novelist's compounds: "cloudbank", "thornbush", "horsepond" split into words
that seldom stand together. Short words (under `MIN_LENGTH` letters), capitalised words (names
are often two words joined: "Blackwood", "Freelife"), hashtags, addresses, words with digits,
apostrophes or letters outside ASCII, and words beside an unknown word (a foreign phrase) are
left alone. The fixes: the two words with a space, then with a hyphen (a hyphen first for a
number: "fifty-five"). Measured in `docs/experiments/real_errors.md`.
"""

from __future__ import annotations

import re

from galleyproof.english import slips
from galleyproof.english.bigrams import is_common_pair
from galleyproof.english.lexicon import Lexicon
from galleyproof.english.modern import is_used_word, modern_words
from galleyproof.english.wordlist import is_english_word
from galleyproof.issues import Issue
from galleyproof.rules.misspellings import among_known
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import normalise

MIN_LENGTH = 5
#: Each of the two words is at least this long ("fallto", "andon").
MIN_PART = 2
#: Seen this often in the books, a part is a word (or common in today's English).
COMMON_COUNT = 50
#: Longer runs of letters are no two words.
MAX_LENGTH = 24
TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())
UNITS = frozenset("one two three four five six seven eight nine first second third fourth fifth sixth seventh"
                  " eighth ninth".split())
_WORD = re.compile(r"(?<![\w'’#@/.-])([a-z]+)(?![\w'’]|[./@]\w)")


def _word(lexicon: Lexicon, part: str) -> bool:
    return lexicon.count(part) >= COMMON_COUNT or part in modern_words()


def splits(lexicon: Lexicon, word: str) -> list[tuple[str, str]]:
    """Every place `word` splits into two words English writes together."""
    found = []
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        first, second = word[:i], word[i:]
        if first in TENS and second in UNITS:
            found.append((first, second))
        elif is_common_pair(first, second) and _word(lexicon, first) and _word(lexicon, second):
            found.append((first, second))
    return found


def _unknown(lexicon: Lexicon, word: str) -> bool:
    return not (lexicon.count(word) or is_english_word(word) or is_used_word(word)
                or slips.known_form(lexicon, word, compounds=False))


def joined_word_issues(doc: Document, lexicon: Lexicon) -> list[Issue]:
    text = doc.text
    issues = []
    for m in _WORD.finditer(text):
        word = m.group(1)
        if not MIN_LENGTH <= len(word) <= MAX_LENGTH or not _unknown(lexicon, word):
            continue
        if doc.counts[normalise(word)] > 1:  # the document's fact after the lists: read for unknown words only
            continue
        found = splits(lexicon, word)
        if not found or not among_known(text, m.start(1), m.end(1), lexicon):
            continue
        first, second = found[0]
        spaced, hyphened = f"{first} {second}", f"{first}-{second}"
        fixes = (hyphened, spaced) if first in TENS else (spaced, hyphened)
        issues.append(Issue(m.start(1), m.end(1), "spelling", f"Two words: “{fixes[0]}”", fixes, 0.85))
    return issues


@rule("joined_words", "spelling", "Two common words written as one (“bodycare”, “sheetmetal”)",
      flagged="Clean the sheetmetal of the rear shock tower.", clean="Clean the sheet metal; a moonlit tower.")
def joined_words(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return joined_word_issues(doc, lexicon)
