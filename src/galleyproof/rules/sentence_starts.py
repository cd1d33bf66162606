"""A full stop followed by a lower-case word, and a lone lower-case "i".

"...to the door. and then turned" is one of two slips: a sentence that lost its capital, or
a comma typed as a full stop. The flag spans both words ("door. and"), so it stands on
whichever the writer made, and offers both fixes, the comma first before a word that
usually follows one ("and", "which") or seldom opens a sentence ("to", "down": by how often
the books capitalise it), the capital first otherwise. Only a full stop:
after "!" and "?" the books often go on in lower case ("Oh! no, that must not be").
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import ABBREVIATIONS

#: A lone "i": not inside a word, a contraction or "i.e.".
_LONE_I = re.compile(r"(?<![\w'’′-])i(?![\w'’′-]|\.\w)")
#: A word, its full stop, spaces (one line break at most), a lower-case word.
_LOWER_AFTER_STOP = re.compile(r"([^\W\d_]+)\.([ \t]+|[ \t]*\r?\n[ \t]*)([a-z]+)\b")
_ROMAN = re.compile(r"[IVXLCDM]+")
#: Abbreviations beside `words.ABBREVIATIONS` whose full stop ends no sentence in the books.
_MORE_ABBREVIATIONS = frozenset("esq cf ibid op ed pp viz al i e".split())
#: Conjunctions and relatives the training books write after a comma at least twice as often
#: as they open a sentence after a full stop ("and" 64,395 to 3,385; "unless" 188 to 10):
#: before these a comma is the likelier fix. Left out at under twice: "but" (9,935 to
#: 5,696), "yet", "if", "whereas", "then", "there".
COMMA_WORDS = frozenset(
    "and or nor which who whom whose where when while though although as for so that because "
    "than since until unless however".split()
)


#: A word the books write with a capital less often than this (of at least `SHARE_EVIDENCE`
#: uses) seldom opens a sentence ("to", "down", "adapted", "tresses": 0-1.2%; "but", "they",
#: "perhaps": 20-30%): after a full stop, a comma is its likelier fix too. 2% chosen on the
#: synthetic validation set (3% and 5% put the comma first before more sentences' first
#: words: "known. with", "him. in"; docs/experiments/suggestions.md, "Ninth round").
SELDOM_OPENS_SHARE = 0.02
SHARE_EVIDENCE = 20


def comma_first(word: str, lexicon: Lexicon | None) -> bool:
    """Whether a comma is the likelier fix of a full stop before the small-letter `word`."""
    if word in COMMA_WORDS:
        return True
    # A lexicon that recorded no capitals at all (a hand-made one) says nothing of this.
    return (lexicon is not None and bool(lexicon.capitalised) and lexicon.count(word) >= SHARE_EVIDENCE
            and lexicon.capitalised_share(word) < SELDOM_OPENS_SHARE)


def sentence_start_issues(text: str, lexicon: Lexicon | None = None) -> list[Issue]:
    """Lone lower-case "i"s, and full stops followed by a lower-case word (other than "i",
    which the first rule flags alone); the comma first where `comma_first` says so."""
    issues = [
        Issue(m.start(), m.end(), "capitalization", "The pronoun “I” is written as a capital", ("I",), 0.9)
        for m in _LONE_I.finditer(text)
    ]
    for m in _LOWER_AFTER_STOP.finditer(text):
        previous, space, word = m.groups()
        if (word == "i" or previous.lower() in ABBREVIATIONS or previous.lower() in _MORE_ABBREVIATIONS
                or len(previous) == 1 or _ROMAN.fullmatch(previous)):
            continue
        comma = f"{previous},{space}{word}"
        capital = f"{previous}.{space}{word[0].upper()}{word[1:]}"
        if comma_first(word, lexicon):
            issues.append(Issue(m.start(), m.end(), "punctuation", "A comma here, or a capital after the stop?",
                                (comma, capital), 0.8))
        else:
            issues.append(Issue(m.start(), m.end(), "capitalization", "A sentence starts with a capital letter",
                                (capital, comma), 0.8))
    return issues


@rule("sentence_starts", "capitalization", "A lower-case word after a full stop, or a lone lower-case “i”",
      flagged="He came to the door. then he turned.", clean="He came to the door. Then he turned.")
def sentence_starts(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return sentence_start_issues(doc.text, lexicon)
