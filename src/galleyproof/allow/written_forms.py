"""Forms today's prose writes on purpose, which the model, taught by old novels, reads as slips.

- **Dotted abbreviations** ("7:30 a.m.", "e.g. a coat", "i.e.", "a Ph.D. there"): the model
  flags the letters between the stops ("m." -> "M.", "i" -> "I") and, taking the last stop
  for a sentence's end, wants a capital on the next word. A model flag inside one is dropped,
  and a model capital flag on the small word right after one: the writer went on with the
  sentence.
- **Names with a capital inside** ("iPhone", "YouTube", "LinkedIn", "eBay"): a capital after a
  small letter, in a word whose small-letter form the books never wrote, is a coined name, not
  a slip of the shift key; a slip ("tHe", "wHen") is a word the books know, and stays flagged.
- **Titles in title case** ("reading The Lord of the Rings", "*Things I'm Going to Do Next*"):
  a capitalised word mid-sentence inside a run of at least `TITLE_WORDS` capitalised words
  (small words such as "of" and "the" between them) is part of a title or a name. "I" and a
  sentence's first word take part in a run but are not counted: "Yesterday I Went To the
  shops" is no title.
- **Headings** ("The Launch", "Chapter Two: A Very Good Tuesday"): a line of its own, of at
  most `HEADING_WORDS` words, in title case, with no mark ending a sentence. The model reads
  it as a broken sentence ("The Launch" -> "They Launch"); its grammar, word-choice and
  punctuation doubts there are dropped (a misspelt heading is still flagged).
- **Addresses, tags and clock times** ("https://example.com/docs", "hello@example.com",
  "@galleyproof", "#amwriting", "1:00pm", "8 am"): no prose at all. Any flag touching one is
  dropped, the rules' too.

Save for addresses and tags, only the model's flags are dropped: the rules' own stay.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from galleyproof.english.lexicon import Lexicon
from galleyproof.model.tagging import MODEL_RULE, Flag
from galleyproof.text.document import Document
from galleyproof.text.words import is_sentence_start

#: A web address, an e-mail address, a handle or a hashtag (a trailing stop or comma is the prose's).
_ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w/.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|edu|gov|dev|app|co\.uk|ac\.uk)\b(?:/[^\s<>\"'()]*[^\s<>\"'().,;:!?])?"
    r"|(?<![\w@#&])[@#][^\W\d_][\w]*"
    r"|(?<![\w:.])\d{1,2}(?::\d\d)? ?(?:[ap]m|[AP]M)(?!\w)"
)
#: Letters and stops, two or more of each: "a.m.", "e.g.", "U.S.", "Ph.D.", "a.k.a.".
_DOTTED = re.compile(r"(?<![\w.])(?:[^\W\d_]{1,2}\.){2,}(?![\w])")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")
#: A small letter followed by a capital inside one word.
_INNER_CAPITAL = re.compile(r"[^\W\d_]*[a-z][A-Z][^\W\d_]*")
_TITLE_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[^\w\s]")
#: Words a title leaves small between its capitalised words.
TITLE_SMALL_WORDS = frozenset("a an the and or nor but of to in on at by for from with as into upon".split())
#: Capitalised words a run must hold to read as a title.
TITLE_WORDS = 3
#: How far either side of a flag its line is read for a title or a heading, in characters.
NEAR = 200
#: The most words a heading holds.
HEADING_WORDS = 12
#: The model's categories whose doubts in a heading are dropped.
HEADING_CATEGORIES = frozenset({"grammar", "word_choice", "punctuation"})
#: A LaTeX heading command round its text: "\\chapter{The Launch}".
_LATEX_HEADING = re.compile(r"^\\[a-z]+\*?(?:\[[^\]]*\])?\{(.*)\}$")
_LINE_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)*")


class Spans:
    """Spans of a text that do not overlap, in order, asked by bisection (a long file may hold
    thousands of them, and as many flags to ask about)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def _last_from(self, pos: int) -> int:
        """The index of the last span starting at or before `pos` (-1 if none)."""
        return bisect_right(self.starts, pos) - 1

    def holds(self, start: int, end: int) -> bool:
        """Whether one span holds all of `[start, end)`."""
        i = self._last_from(start)
        return i >= 0 and end <= self.ends[i]

    def touches(self, start: int, end: int) -> bool:
        """Whether some span overlaps `[start, end)` (an empty span touches what holds it)."""
        i = self._last_from(max(start, end - 1))
        return i >= 0 and self.ends[i] > start


def _title_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each run of words in title case in `text[start:end]` (one line):
    capitalised words with only `TITLE_SMALL_WORDS` between them, `TITLE_WORDS` of them
    counted ("I" and a sentence's first word are not)."""
    runs: list[tuple[int, int]] = []
    counted, first, last = 0, None, None
    for m in _TITLE_TOKEN.finditer(text, start, end):
        word = m.group()
        if word[0].isupper():
            first = m.start() if first is None else first
            last = m.end()
            if re.split(r"['’]", word)[0] != "I" and not is_sentence_start(text, m.start()):
                counted += 1
        elif first is None or word.lower() not in TITLE_SMALL_WORDS:
            if counted >= TITLE_WORDS:
                runs.append((first, last))
            counted, first, last = 0, None, None
    if first is not None and counted >= TITLE_WORDS:
        runs.append((first, last))
    return runs


def is_heading(line: str) -> bool:
    """Whether a line reads as a heading: `HEADING_WORDS` words at most, no mark ending a
    sentence at its end, and every word capitalised but the small words of a title."""
    stripped = _LATEX_HEADING.sub(r"\1", line.strip()).rstrip("*_#")
    words = _LINE_WORD.findall(stripped)
    if not words or len(words) > HEADING_WORDS or stripped[-1:] in ".!?,;\"”’'":
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in TITLE_SMALL_WORDS for w in words)


def _line_near(text: str, start: int, end: int) -> tuple[int, int]:
    """The line holding `[start, end)`, cut to `NEAR` characters either side: titles and
    headings are short, and a file of one huge line must not be read whole for each flag."""
    line_start = text.rfind("\n", max(0, start - NEAR), start) + 1 or max(0, start - NEAR)
    line_end = text.find("\n", end, end + NEAR)
    return line_start, min(len(text), end + NEAR) if line_end < 0 else line_end


def drop_written_forms(doc: Document, flags: list[Flag], lexicon: Lexicon) -> list[Flag]:
    """Flags less those on addresses and tags, and the model's doubts on abbreviations, names
    with a capital inside, titles and headings."""
    text = doc.text
    addresses = Spans([m.span() for m in _ADDRESS.finditer(text)])
    dotted_found = [m.span() for m in _DOTTED.finditer(text)]
    dotted = Spans(dotted_found)
    after_dotted = {}
    for start, end in dotted_found:
        m = _NEXT_WORD.match(text, end)
        if m is not None and m.group(1)[0].islower():
            after_dotted[m.start(1)] = m.end(1)

    def in_abbreviation(f: Flag) -> bool:
        return dotted.holds(f.start, f.end)

    def inner_capital_name(word: str) -> bool:
        return bool(_INNER_CAPITAL.fullmatch(word)) and not lexicon.count(word.lower())

    def in_title(f: Flag) -> bool:
        if not text[f.start : f.end][:1].isupper() or is_sentence_start(text, f.start):
            return False
        start, end = _line_near(text, f.start, f.end)
        return any(s <= f.start and f.end <= e for s, e in _title_runs(text, start, end))

    def touches_address(f: Flag) -> bool:
        return addresses.touches(f.start, f.end)

    def in_heading(f: Flag) -> bool:
        if f.category not in HEADING_CATEGORIES:
            return False
        start, end = _line_near(text, f.start, f.end)
        return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n") and is_heading(
            text[start:end])

    def written_so(f: Flag) -> bool:
        if touches_address(f):
            return True
        if not f.rule.startswith(MODEL_RULE):
            return False
        if in_abbreviation(f) or in_heading(f):
            return True
        if f.category != "capitalization":
            return False
        word = text[f.start : f.end]
        return after_dotted.get(f.start) == f.end or inner_capital_name(word) or in_title(f)

    return [f for f in flags if not written_so(f)]
