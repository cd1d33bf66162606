"""Names and words the document itself vouches for.

A capitalised word it writes mid-sentence again and again ("Gabriel Oak", "Will Ladislaw",
"Two Tails") is a name, however common the word is elsewhere, so a capitalisation flag on it
is a false alarm: a slip of the shift key seldom recurs.

A capitalised word mid-sentence that the books write as a name ("Mr Elliot", "Henrietta":
each word seen `BOOK_NAME_USES` times, capitalised `BOOK_NAME_SHARE` of them), or any
capitalised word after a title ("Mr. McIntosh"), is a name too, though the document writes it
once: the model, reading a paragraph, flagged "Mr Elliot" seven times in 280 clean
paragraphs of held-out books, wanting it in small letters. Its grammar, word-choice and
spelling flags on such a name, or on a capitalised word the books never wrote ("when Boldwood
spoke", "towards Horsell Common", "Dev and her"), go too: on `thorough`'s flags that dropped
12 of the 96 grammar and spelling false alarms on those paragraphs and 64 false flags on
cweb_dev, for 5 finds there (most of them abbreviations: "Feb", "Rs"). A misspelt name the
document writes right elsewhere is the rules' to find (`misspellings`, `unknown_words`).

A word the document uses at least `OWN_WORD_USES` times, and `OWN_WORD_RATE` times as often
as the training books do, is the writer's own ("says" in Huckleberry Finn's "I says", "git",
"pore"), so a grammar or word-choice flag on it alone is a false alarm.
"""

from __future__ import annotations

import re
from collections import Counter

from galleyproof.english.lexicon import Lexicon
from galleyproof.model.tagging import MODEL_RULE, Flag
from galleyproof.text.document import Document
from galleyproof.text.words import WORD_RE, is_sentence_start, iter_words, normalise

#: Times a capitalised form must stand mid-sentence in the document to count as a name.
NAME_USES = 3
#: Times the books must write a word, and the share of them capitalised, for it to be a name.
BOOK_NAME_USES = 10
BOOK_NAME_SHARE = 0.9
#: The model's flags a name dismisses: its capital doubted, or the name read as a wrong or
#: misspelt word ("Dev and" -> "Dew and").
BOOK_NAME_CATEGORIES = frozenset({"capitalization", "grammar", "word_choice", "spelling"})
#: Titles before a name ("Mr", "Mr.", "Dr", "M." for Monsieur).
TITLES = frozenset("m mr mrs miss ms dr st sir lady lord madame monsieur mme mlle captain colonel professor".split())
_TITLE_BEFORE = re.compile(r"(?<![\w'’])([A-Za-z]+)\.?[ \t]+$")
#: A word the document uses this often, and this many times the books' rate, is the writer's.
OWN_WORD_USES = 5
OWN_WORD_RATE = 10.0


def is_document_name(text: str, start: int, end: int, forms: Counter[str]) -> bool:
    """Whether [start, end), not at a sentence start, is capitalised words each of which the
    text (`forms = mid_sentence_forms(text)`) writes so at least `NAME_USES` times: "Oak",
    and "Two Tails" where the text writes both words so."""
    words = [m.group() for m in iter_words(text[start:end])]
    return (bool(words) and text[start:start + 1].isupper() and not is_sentence_start(text, start)
            and all(w[:1].isupper() and forms[w] >= NAME_USES for w in words))


def is_books_name(text: str, start: int, end: int, lexicon: Lexicon, unknown_too: bool = False) -> bool:
    """Whether [start, end), not at a sentence start, is capitalised words the books write as
    names (or, `unknown_too`, never write at all: "Boldwood", "Horsell"), or follows a title
    ("Mr. McIntosh")."""
    words = [m.group() for m in iter_words(text[start:end])]
    if not words or not all(w[:1].isupper() and not w.isupper() for w in words):
        return False
    if follows_title(text, start):
        return True
    return not is_sentence_start(text, start) and all(
        (lexicon.count(w) >= BOOK_NAME_USES and lexicon.capitalised_share(w) >= BOOK_NAME_SHARE)
        or (unknown_too and not lexicon.count(w)) for w in words)


def follows_title(text: str, start: int) -> bool:
    """Whether a title stands just before `start` ("Mr. ", "Dr ", "M. "): a name follows."""
    title = _TITLE_BEFORE.search(text, max(0, start - 20), start)
    return title is not None and title.group(1).lower() in TITLES


def is_own_word(word: str, doc_counts: Counter[str], doc_total: int, book_count: int, book_total: int) -> bool:
    """Whether `word` (one word) is the document's own: used at least `OWN_WORD_USES` times and
    at `OWN_WORD_RATE` times the rate of the books (`book_count` of `book_total` words)."""
    if WORD_RE.fullmatch(word) is None:
        return False
    uses = doc_counts.get(normalise(word), 0)
    return uses >= OWN_WORD_USES and uses * book_total >= OWN_WORD_RATE * (book_count + 1) * doc_total


def drop_vouched(doc: Document, flags: list[Flag], lexicon: Lexicon) -> list[Flag]:
    """Flags less those on what the document vouches for: a capitalisation or grammar flag on
    a name it repeats ("Jan Coggan", read as "Jan. Coggan"; for grammar, not the name said
    twice, "Wrench Wrench", nor "I"), a grammar or word-choice flag on a word of its own; and
    the model's doubts on a name the books vouch for (`is_books_name`, `BOOK_NAME_CATEGORIES`)."""
    text = doc.text
    named = ("capitalization", "grammar")
    forms = doc.capitalised_forms if any(f.category in named for f in flags) else None
    lexicon_total = lexicon.total

    def vouched(f: Flag) -> bool:
        if f.rule.startswith(MODEL_RULE) and f.category in BOOK_NAME_CATEGORIES and is_books_name(
                text, f.start, f.end, lexicon, unknown_too=f.category != "capitalization"):
            return True
        if f.category in named and is_document_name(text, f.start, f.end, forms):
            words = [m.group() for m in iter_words(text[f.start : f.end])]
            if f.category == "capitalization" or (
                    all(len(w) > 1 for w in words) and all(a != b for a, b in zip(words, words[1:]))):
                return True
        if f.category in ("grammar", "word_choice"):
            word = text[f.start : f.end]
            return is_own_word(word, doc.counts, doc.total_words, lexicon.count(word), lexicon_total)
        return False

    return [f for f in flags if not vouched(f)]
