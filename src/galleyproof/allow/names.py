"""Names and words the document itself vouches for.

A capitalised word it writes mid-sentence again and again ("Gabriel Oak", "Will Ladislaw",
"Two Tails") is a name, however common the word is elsewhere, so a capitalisation flag on it
is a false alarm: a slip of the shift key seldom recurs.

A word the document uses at least `OWN_WORD_USES` times, and `OWN_WORD_RATE` times as often
as the training books do, is the writer's own ("says" in Huckleberry Finn's "I says", "git",
"pore"), so a grammar or word-choice flag on it alone is a false alarm.
"""

from __future__ import annotations

from collections import Counter

from galleyproof.english.lexicon import Lexicon
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document
from galleyproof.text.words import WORD_RE, is_sentence_start, iter_words, normalise

#: Times a capitalised form must stand mid-sentence in the document to count as a name.
NAME_USES = 3
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
    twice, "Wrench Wrench", nor "I"), a grammar or word-choice flag on a word of its own."""
    text = doc.text
    named = ("capitalization", "grammar")
    forms = doc.capitalised_forms if any(f.category in named for f in flags) else None
    lexicon_total = lexicon.total

    def vouched(f: Flag) -> bool:
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
