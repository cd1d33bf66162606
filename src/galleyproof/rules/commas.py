"""Commas the books always or never put between two words: "Yes, sir", "said, “Pray", "the
old man" (never "the, old man").

Which pairs take a comma is mostly a matter of the two words themselves, so it is a lookup:
for every two words the training books write side by side (or a word and an opening quote),
the table counts how often a comma parts them and how often nothing does. A pair written
bare where the books put a comma in at least `MIN_SHARE` of at least `MIN_COUNT` places is a
missing comma; a comma between two words the books write bare at least `MIN_BARE` times and
never with a comma, after a word the books seldom end a clause on (a comma follows it less
than `MAX_COMMA_AFTER` of the time: "at, the", "of, her", not "you, may") is a stray comma.
Commas around an aside part almost any two words, so the stray bar is high. A capitalised
word keeps its capital ("However the" at a sentence start is not "however the"). The shipped
table is `data/commas.tsv.gz` (only the pairs that pass either bar), built by
`galleyproof.training.tables`; its measurements are in `docs/experiments/rules.md`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from pathlib import Path

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.tables import read_rows, shipped_table, write_rows
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.rules.to_too import to_slips
from galleyproof.text.document import Document
from galleyproof.text.words import WORD_RE, case_key

DEFAULT_FILE = "commas.tsv.gz"
#: Places the books must write a pair, all told, before its comma habit counts.
MIN_COUNT = 20
#: Share of those places that must have the comma, for a missing one.
MIN_SHARE = 0.98
#: Places the books must write a pair bare, and never with a comma, for a stray one.
MIN_BARE = 200
#: A stray comma only after a word the books follow with a comma less often than this.
MAX_COMMA_AFTER = 0.02
#: An opening quote, as the second member of a pair.
QUOTE = "“"
#: What may part two words of a pair: an optional comma, then spaces with at most one line
#: break, then an optional opening quote.
_GAP = re.compile(r"(,?)([ \t]*\r?\n?[ \t]*)([“\"‘]?)")


def comma_pairs(text: str, firsts: Container[str] | None = None) -> Iterator[tuple[str, str, bool, int, int, int]]:
    """(first, second, comma between?, first start, gap start, second end) for every two words,
    or word and opening quote (second member `QUOTE`), parted by nothing but spaces and one
    comma at most; with `firsts`, only pairs whose first word (as keyed) is in it."""
    previous = None
    for word in WORD_RE.finditer(text):  # streamed: a huge text is never held as a list of words
        first, second, previous = previous, word, word
        if first is None or firsts is not None and case_key(first.group()) not in firsts:
            continue
        gap = _GAP.fullmatch(text, first.end(), second.start())
        if gap is None or not gap.group(2) and not gap.group(3) and not gap.group(1):
            continue  # not a clean gap, or no gap at all
        comma, space, quote = gap.groups()
        if quote:
            if quote == "‘" or not space:  # ‘ is also an apostrophe; a quote needs a space before it
                continue
            yield case_key(first.group()), QUOTE, bool(comma), first.start(), first.end(), gap.end()
        elif space:
            yield case_key(first.group()), case_key(second.group()), bool(comma), first.start(), first.end(), second.end()


class CommaTable:
    """`counts[(first, second)] = (with a comma, without)` for the pairs that pass a bar."""

    def __init__(self, counts: dict[tuple[str, str], tuple[int, int]]) -> None:
        self.counts = counts
        self.firsts = frozenset(first for first, _ in counts)  # a check skips every other pair

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> CommaTable:
        comma, bare = Counter(), Counter()
        words, before_comma = Counter(), Counter()
        for text in texts:
            for first, second, has_comma, *_ in comma_pairs(text):
                (comma if has_comma else bare)[(first, second)] += 1
            for m in WORD_RE.finditer(text):
                words[case_key(m.group())] += 1
                before_comma[case_key(m.group())] += text.startswith(",", m.end())
        kept = {}
        for pair in comma.keys() | bare.keys():
            c, b = comma[pair], bare[pair]
            first = pair[0]
            if (c + b >= MIN_COUNT and c >= MIN_SHARE * (c + b)
                    or c == 0 and b >= MIN_BARE and before_comma[first] < MAX_COMMA_AFTER * words[first]):
                kept[pair] = (c, b)
        return cls(kept)

    def save(self, path: Path) -> None:
        write_rows(path, ((a, b, c, n) for (a, b), (c, n) in sorted(self.counts.items())))

    @classmethod
    def load(cls, path) -> CommaTable:
        return cls({(a, b): (int(c), int(n)) for a, b, c, n in read_rows(path)})

    def wants_comma(self, first: str, second: str) -> bool | None:
        """True where the books always part the pair with a comma, False where they never do,
        None where they are not sure (or do not write it often enough)."""
        c, b = self.counts.get((first, second), (0, 0))
        if c + b >= MIN_COUNT and c >= MIN_SHARE * (c + b):
            return True
        return False if c == 0 and b >= MIN_BARE else None


def default_table() -> CommaTable:
    return shipped_table(DEFAULT_FILE, CommaTable.load)


def comma_issues(text: str, table: CommaTable | None = None) -> list[Issue]:
    """A comma missing between two words the books always part with one, or standing between
    two the books never part."""
    table = default_table() if table is None else table
    issues = []
    # "went too the beach": the books' "too, the" is no fix for a "to" (`to_too`).
    slips = {i.start for i in to_slips(text)} if "too" in table.firsts else set()
    for first, second, has_comma, start, gap, end in comma_pairs(text, table.firsts):
        wanted = table.wants_comma(first, second)
        if wanted is None or wanted == has_comma or start in slips:
            continue
        if has_comma:
            issues.append(Issue(start, gap + 1, "punctuation", "The books write no comma here",
                                (text[start:gap],), 0.9))
        else:
            fixed = text[start:gap] + "," + text[gap:end]
            issues.append(Issue(start, end, "punctuation", "The books put a comma here", (fixed,), 0.9))
    return issues


@rule("commas", "punctuation", "A comma the books always put between two words, or one they never do",
      flagged="“Yes sir,” said the boy.", clean="“Yes, sir,” said the boy.")
def commas(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return comma_issues(doc.text)
