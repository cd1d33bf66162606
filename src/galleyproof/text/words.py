"""Word spans in prose: the unit the lexicon counts and the rules look at."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

# Letters with inner apostrophes (straight or curly): "don't", "o’clock". Hyphenated
# compounds are separate words, so "charnel-house" checks "charnel" and "house".
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: Marks that may stand before a sentence's or a line's first word (quotes, brackets, an
#: italic underscore), and after its last.
OPENING_MARKS = "“‘\"'([_"
CLOSING_MARKS = "”’\"')]_"


def iter_words(text: str) -> Iterator[re.Match[str]]:
    """Every word in `text`, as regex matches (their `.span()` indexes `text`)."""
    return WORD_RE.finditer(text)


def normalise(word: str) -> str:
    """The lexicon key of a word: lower case, curly apostrophe made straight."""
    return word.lower().replace("’", "'")


#: A word as the lookups read it: (`normalise` key, start, end).
Word = tuple[str, int, int]


def keyed_words(text: str) -> Iterator[Word]:
    """Every word in `text` as (`normalise` key, start, end); streamed."""
    for m in WORD_RE.finditer(text):
        yield normalise(m.group()), m.start(), m.end()


def adjacent_words(text: str, words: Iterable[Word] | None = None) -> Iterator[tuple[Word, Word]]:
    """Every two words parted by nothing but spaces (one line break at most), as (key, start,
    end) each, keys lower-cased; streamed, so a huge text is never held as a list of words.
    `words` are the text's `keyed_words`, where already worked out."""
    prev = None
    for word in keyed_words(text) if words is None else words:
        if prev is not None:
            gap = text[prev[2] : word[1]]
            if gap.isspace() and gap.count("\n") <= 1:
                yield prev, word
        prev = word


def case_key(word: str) -> str:
    """A word as the lookups key a neighbour: like `normalise`, but a capitalised word keeps
    its capital, so a name ("than Will") is not read as the word ("then will")."""
    return word.replace("’", "'") if word[:1].isupper() else normalise(word)


def document_counts(text: str) -> Counter[str]:
    """How often the document uses each word: a word it repeats is the writer's, not a slip."""
    return Counter(normalise(m.group()) for m in iter_words(text))


#: Abbreviations whose full stop does not end a sentence ("Mr. Darcy").
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr messrs mme mlle capt col gen lt rev prof hon no vol ch viz etc vs".split()
)


def match_case(template: str, word: str) -> str:
    """Give `word` the capitalisation of the word it replaces ("Their" -> "There")."""
    if len(template) > 1 and template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def apostrophe_of(text: str) -> str:
    """The apostrophe the paragraph types: books in the corpus use either ’ or '."""
    return "’" if any(c in text for c in "’‘“”") else "'"


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t\n]*$")


def word_before(text: str, pos: int, reach: int = 20) -> str:
    """The word just before `pos` (spaces and a line break between allowed), lower-cased and
    read at most `reach` characters back; "" where there is none."""
    m = _WORD_BEFORE.search(text, max(0, pos - reach), pos)
    return m.group(1).lower() if m else ""


def is_sentence_start(text: str, pos: int) -> bool:
    """Whether the word at `pos` begins a sentence (or the paragraph), quotes allowed between."""
    i = pos
    while i > 0 and text[i - 1] in OPENING_MARKS:
        i -= 1
    if i == 0:
        return True
    if not text[i - 1].isspace():
        return False
    while i > 0 and text[i - 1].isspace():
        i -= 1
    while i > 0 and text[i - 1] in CLOSING_MARKS:
        i -= 1
    if i == 0 or text[i - 1] not in ".!?":
        return i == 0
    if text[i - 1] != ".":
        return True
    k = i - 1
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    word = text[k : i - 1]
    # "Mr. Darcy", "J. Smith": the full stop of an abbreviation or an initial ends no sentence.
    return not (word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper()))


#: A word whose first letter is not an ASCII small letter (the capitals among them are kept).
_CAPITALISED = re.compile(r"(?<![^\W\d_'’])[^\W\d_a-z][^\W\d_]*(?:['’][^\W\d_]+)*")


def capitalised_words(text: str) -> list[tuple[int, str]]:
    """(start, word) of every word that opens with a capital, in order (what
    `mid_sentence_forms(capitalised_only=True)` reads before asking which open a sentence)."""
    return [(m.start(), m.group()) for m in _CAPITALISED.finditer(text) if m.group()[0].isupper()]


def mid_sentence_forms(text: str, capitalised_only: bool = False) -> Counter[str]:
    """How often the text writes each word form (case kept) where no sentence begins: the
    casing a writer chose, not one a sentence start forced. `capitalised_only` counts only
    capitalised words (all a name test needs, and four times faster)."""
    if capitalised_only:
        words = (m for m in _CAPITALISED.finditer(text) if m.group()[0].isupper())
    else:
        words = iter_words(text)
    return Counter(m.group() for m in words if not is_sentence_start(text, m.start()))


def shared_ends(a: str, b: str) -> tuple[int, int]:
    """How many characters `a` and `b` share at the start, then at the end of what is left:
    the edit from one to the other lies between."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, s
