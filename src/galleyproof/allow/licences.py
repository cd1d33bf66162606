"""Constructions English allows that the model, reading a few words at a time, flags.

As grammar:
- a subjunctive "were" after "if", "unless", "as though" ("unless it were on a public
  occasion");
- a plural verb after a collective noun ("the crew are good fellows", "the family were out"):
  British usage, and the books' (issue 20 named "the crew are" as a false alarm to avoid);
- "an" before a word in h ("an hundred", "an habitual": older usage, as the article lookup
  also allows);
- "a" or "an" before a word the books always write after that article ("an execution", "an
  envoy": 13 grammar flags on the clean books below), or, for a word the books do not judge,
  before its letter (`agreed_article`); not after a determiner ("their an aged": one of the
  two is a word too many).

As capitalisation: a capitalised word ("Told", not "TOld") that opens a paragraph, opening
quotes allowed before it (`“Told you what?”` in The Jungle Book), or a sentence after a full
stop ("again. Bathsheba had": 45 flags in Far from the Madding Crowd), whose capital nothing
could make wrong. After "!" or "?" a capital may be a dialogue tag's slip (“Go!” Cried he),
and stays flagged.

In verse (`verse.py`): a mark that ends a line before a capitalised one, a grammar or
punctuation flag that runs across such a line break ("as far as voice could reach / We
hailed"), and the capital that opens the line ("the loftiest hopes on earth / Draw lots"):
the model read the lines joined, as prose.

(Italic underscores, `_him_`, never reach the model: `text.paragraphs` drops them from what
it reads, as training did.) On the seven clean training books the shipped lookup tables were
not counted on, the default model raised 17 grammar flags on such a "were" and 11 on such an
"an" before h.
"""

from __future__ import annotations

import re

from galleyproof.model.tagging import Flag
from galleyproof.rules.articles import default_table, spelt_out_article
from galleyproof.text.document import Document
from galleyproof.text.verse import ChosenBreaks
from galleyproof.text.words import CLOSING_MARKS, OPENING_MARKS, WORD_RE, is_sentence_start, word_before

#: Words after which "were" may be a subjunctive, looked for this many words back.
SUBJUNCTIVE_OPENERS = frozenset("if unless though lest wish wished wishing would supposing suppose whether as".split())
LOOK_BACK = 4
#: Nouns for a group that British English (and the books) may follow with a plural verb.
COLLECTIVE_NOUNS = frozenset(
    "crew team family staff government police committee couple group band audience public majority minority "
    "company club council army navy jury class board party crowd orchestra choir firm management faculty "
    "household congregation nation pair herd flock gang generation regiment squad clergy".split()
)
PLURAL_VERBS = frozenset("are were have do".split())
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
#: Words an article cannot follow ("my a dear").
DETERMINERS = frozenset("a an the my your his her its our their this that these those some any no every each "
                        "either neither".split())
#: Categories a licence excuses.
EXCUSED = frozenset({"grammar", "word_choice"})
#: Categories a verse line break excuses.
LINE_BREAK_EXCUSED = frozenset({"grammar", "punctuation", "capitalization"})


def _capitalised_word(word: str) -> bool:
    return bool(WORD_RE.fullmatch(word)) and word[0].isupper() and (len(word) == 1 or word[1:].islower())


def opens_sentence_capitalised(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is one capitalised word that opens a sentence after a full stop
    (closing quotes allowed between), not after an abbreviation ("Mr. Darcy")."""
    if not (_capitalised_word(text[start:end]) and is_sentence_start(text, start)):
        return False
    i = start
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in OPENING_MARKS or text[i - 1] in CLOSING_MARKS):
        i -= 1
    return i > 0 and text[i - 1] == "."


def opens_paragraph_capitalised(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is one capitalised word ("Told", "A") that opens a paragraph."""
    if not _capitalised_word(text[start:end]):
        return False
    i = start
    while i > 0 and text[i - 1] in OPENING_MARKS:
        i -= 1
    line_start = text.rfind("\n", 0, i) + 1
    if text[line_start:i].strip():
        return False
    if line_start == 0:
        return True
    previous = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
    return not previous.strip()  # a blank line before: a new paragraph


def at_verse_break(text: str, flag: Flag, breaks: ChosenBreaks) -> bool:
    """Whether the flag is a mark ending a verse line, runs across a verse line break, or is
    the capitalised word opening a verse line."""
    if flag.category not in LINE_BREAK_EXCUSED or not breaks:
        return False
    if flag.category == "capitalization":
        return breaks.opens_line(flag.start) and _capitalised_word(text[flag.start : flag.end])
    if breaks.crossed(flag.start, flag.end):
        return True
    return (flag.category == "punctuation" and breaks.ends_line(flag.end)
            and not text[flag.end - 1].isalnum())


def licensed(text: str, flag: Flag, breaks: ChosenBreaks | None = None) -> bool:
    """Whether the flag stands on one of the allowed constructions of the module docstring;
    `breaks` are the text's, when already found."""
    if flag.category in LINE_BREAK_EXCUSED and at_verse_break(text, flag, ChosenBreaks(text) if breaks is None else breaks):
        return True
    if flag.category == "capitalization":
        return (opens_paragraph_capitalised(text, flag.start, flag.end)
                or opens_sentence_capitalised(text, flag.start, flag.end))
    if flag.category not in EXCUSED:
        return False
    span = text[flag.start : flag.end]
    word = span.lower()
    if word in PLURAL_VERBS and word_before(text, flag.start) in COLLECTIVE_NOUNS:
        return True
    if word == "were":
        before = WORD_RE.findall(text, max(0, flag.start - 60), flag.start)[-LOOK_BACK:]
        return any(w.lower() in SUBJUNCTIVE_OPENERS for w in before)
    if word not in ("a", "an"):
        return False
    following = _NEXT_WORD.match(text, flag.end)
    if following is None:
        return False
    after = following.group(1).lower()
    before = WORD_RE.findall(text, max(0, flag.start - 30), flag.start)[-1:]
    if before and before[0].lower() in DETERMINERS:
        return False  # "their an aged": a word too many, whichever it is
    spelt = spelt_out_article(following.group(1))  # "a SNP": read letter by letter, "an"
    if spelt is not None:
        return spelt == word
    return (word == "an" and after.startswith("h")) or agreed_article(after) == word


def agreed_article(word: str) -> str | None:
    """The article the books write before `word` (lower case); for a word they do not judge,
    the spelling's: "an" before a, e, i, o, "a" before a consonant but h; none before u or h
    ("a use", "an uncle", "a history", "an hour")."""
    table = default_table().get(word)
    if table is not None:
        return table
    if word[:1] in ("a", "e", "i", "o"):
        return "an"
    return None if word[:1] in ("u", "h") else "a"


def drop_licensed(doc: Document, flags: list[Flag]) -> list[Flag]:
    """Flags less those on a construction English allows (the module docstring)."""
    breaks = doc.breaks if any(f.category in LINE_BREAK_EXCUSED for f in flags) else ChosenBreaks("")
    return [f for f in flags if not licensed(doc.text, f, breaks)]
