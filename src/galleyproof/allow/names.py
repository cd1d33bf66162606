"""Names and words the document itself vouches for.

A capitalised word it writes mid-sentence again and again ("Gabriel Oak", "Will Ladislaw",
"Two Tails") is a name, however common the word is elsewhere, so a capitalisation flag on it
is a false alarm.

On the seven training books the shipped tables were not counted on, the default model raised
549 capitalisation flags on clean text; 300 were on a form its book writes mid-sentence three
times or more ("Oak" 127, "Will" 89, "Sergeant" 7). Of the 147 stray capitals of 320
synthetic paragraphs, none repeats in its paragraph: a slip of the shift key seldom recurs.

A word the document uses at least `OWN_WORD_USES` times, and `OWN_WORD_RATE` times as often
as the training books do, is the writer's own ("says" in Huckleberry Finn's "I says", "git",
"pore"), so a grammar or word-choice flag on it alone is a false alarm: 130 of the default
model's flags on those seven books; 4 of the 2,905 synthetic errors are on such a word.
"""

from __future__ import annotations

import re
from collections import Counter

from galleyproof.text.words import WORD_RE, is_sentence_start, iter_words, normalise

#: Times a capitalised form must stand mid-sentence in the document to count as a name.
NAME_USES = 3
#: A word the document uses this often, and this many times the books' rate, is the writer's.
OWN_WORD_USES = 5
OWN_WORD_RATE = 10.0


#: A word whose first letter is not an ASCII small letter (the capitals among them are kept).
_CAPITALISED = re.compile(r"(?<![^\W\d_'’])[^\W\d_a-z][^\W\d_]*(?:['’][^\W\d_]+)*")


def mid_sentence_forms(text: str, capitalised_only: bool = False) -> Counter[str]:
    """How often the text writes each word form (case kept) where no sentence begins: the
    casing a writer chose, not one a sentence start forced. `capitalised_only` counts only
    capitalised words (all a name test needs, and four times faster)."""
    if capitalised_only:
        words = (m for m in _CAPITALISED.finditer(text) if m.group()[0].isupper())
    else:
        words = iter_words(text)
    return Counter(m.group() for m in words if not is_sentence_start(text, m.start()))


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
