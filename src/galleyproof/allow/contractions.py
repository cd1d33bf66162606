"""A contraction that reads as written is no word choice: "we're going", "you're already".

The model learnt "you're", "we're" and "they're" from old novels, which rarely write them,
and from noise that swaps them with "your", "were" and "their"; in today's prose it doubts
them where nothing is wrong. On the real dev sets' flags at `thorough`, 32 of its word-choice
flags on these three were on correct text and none on a confusion of them. A model
word-choice flag on one of them is dropped where the next word is one the contraction
leads into ("going", "already", "not", "a") and no subject comes just before it ("they
we're going" is a "were" still flagged). Before a noun ("they're house") the doubt stays:
there a confusion with "their" reads the same way the model reads it.

"We're" opening a sentence is dropped too where the next word is no subject ("We're fine",
"We're happy"): a sentence opened by "Were" goes on with its subject ("Were they fine?").
"""

from __future__ import annotations

import re

from galleyproof.model.tagging import MODEL_RULE, Flag
from galleyproof.text.document import Document
from galleyproof.text.words import is_sentence_start

_CONTRACTION = re.compile(r"(?<![\w'’])(?:you|we|they)['’]re(?![\w'’])", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")
#: Words that follow "you're"/"we're"/"they're" and never "your"/"were"/"their" mid-phrase.
LEADS_INTO = frozenset(
    "not a an the so very just all already still here there gonna about in on at from with also never always"
    " really too more less only probably basically actually fully sure right welcome able going used both now"
    " out up back done being getting supposed likely unlikely ready free no definitely certainly totally"
    " absolutely quite pretty almost even into over off by like".split()
)
#: Subjects that make the next "we're" a slip for "were" ("they we're").
SUBJECTS = frozenset("i you he she it we they who that which".split())
#: Words that can open the subject of a sentence begun with "Were" ("Were the others there?").
SUBJECT_OPENERS = SUBJECTS | frozenset(
    "the a an this these those there my your his her its our their all any some both each either neither no"
    " not none one many few most several such what".split()
)


def leads_on(text: str, end: int) -> bool:
    """Whether the word after `end` is one a contraction leads into: a word of `LEADS_INTO`,
    or one ending in "-ing" ("you're remodeling")."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    word = m.group(1).lower()
    return word in LEADS_INTO or (len(word) > 4 and word.endswith("ing"))


def opens_without_were(text: str, word: re.Match[str]) -> bool:
    """Whether `word` is a "we're" opening a sentence, followed by a small word that opens no
    subject: "We're fine" (as "Were fine" would want "Were they fine")."""
    if word.group()[:2].lower() != "we" or not is_sentence_start(text, word.start()):
        return False
    m = _NEXT_WORD.match(text, word.end())
    return m is not None and m.group(1)[0].islower() and m.group(1).lower() not in SUBJECT_OPENERS


def drop_contractions_as_written(doc: Document, flags: list[Flag]) -> list[Flag]:
    """Flags less the model's word-choice doubts on a contraction that reads as written."""
    text = doc.text

    def as_written(f: Flag) -> bool:
        if f.category != "word_choice" or not f.rule.startswith(MODEL_RULE):
            return False
        # The model flags the whole word or its "'re" alone.
        word = _CONTRACTION.search(text, max(0, f.start - 5), min(len(text), f.end + 5))
        if word is None or not word.start() <= f.start < f.end <= word.end():
            return False
        before = _WORD_BEFORE.search(text, max(0, word.start() - 30), word.start())
        if before is not None and before.group(1).lower() in SUBJECTS:
            return False
        return leads_on(text, word.end()) or opens_without_were(text, word)

    return [f for f in flags if not as_written(f)]
