"""Words writers confuse ("its"/"it's", "than"/"then", "there"/"their"/"they're"): which one
the training books write beside each neighbour.

A classic proofreading signal the model gets only from its weights: here it is a lookup.
For each word of a confusion set, the table counts the word just before it and the word
(or mark) just after it in the books. A word is flagged where the books, on one side, write
another member of its set beside that neighbour at least `MIN_COUNT` times and this one
never, and on the other side write this one no more often than that member ("more then
enough": "more than" is common, "more then" unseen, and "then enough" no commoner than
"than enough"). Sets whose members both fit most contexts ("to"/"too", "of"/"off",
"where"/"were") left too many false alarms in books the table was not counted on, and are
not here. "Never" counts only where the books would have shown this word beside that neighbour
if it fitted there (`MIN_EXPECTED`): old novels write "they're" once for fifty "there"s, so
"the way they're raised" is unseen for its rarity, not because it is wrong. The shipped table is `data/confusions.tsv.gz`, built by `galleyproof.training.tables`
(see `docs/experiments/rules.md`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.tables import SortedRows, shipped_table, write_rows
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import case_key, normalise

DEFAULT_FILE = "confusions.tsv.gz"
#: Times the books must write the other member beside a neighbour (and this one never).
MIN_COUNT = 10
#: A neighbour the lexicon counts this often is common: the books would show a member beside it.
COMMON_COUNT = 500
#: Times the books would write this word beside the neighbour were it as fitting there as the
#: other member (the other's count there, scaled by the two words' counts in all the books):
#: below this, the word's absence says nothing.
MIN_EXPECTED = 3.0
POSSESSIVES = frozenset({"their", "your", "its", "whose"})
SETS: tuple[tuple[str, ...], ...] = (
    ("its", "it's"), ("than", "then"), ("your", "you're"), ("there", "their", "they're"),
    ("whose", "who's"), ("lose", "loose"), ("affect", "effect"), ("accept", "except"),
    ("passed", "past"), ("quiet", "quite"), ("breath", "breathe"), ("weather", "whether"),
    ("lead", "led"), ("loath", "loathe"), ("knew", "new"),
)
_SET_OF = {w: s for s in SETS for w in s}
#: Words, and the marks that part a word from its neighbour (a dash, a quote, a bracket).
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[,;:.!?—–\-“”‘\"()]")


class ConfusionTable:
    """`before[(neighbour, word)]` and `after[(word, neighbour)]`: how often the books write a
    confusable word right after, or right before, a neighbour."""

    def __init__(self, before: Mapping[tuple[str, str], int], after: Mapping[tuple[str, str], int]) -> None:
        self.before, self.after = before, after

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> ConfusionTable:
        before, after = Counter(), Counter()
        for text in texts:
            raw = [m.group() for m in _TOKEN.finditer(text)]
            tokens = [normalise(t) for t in raw]
            for i, token in enumerate(tokens):
                if token in _SET_OF:
                    if i:
                        before[(case_key(raw[i - 1]), token)] += 1
                    if i + 1 < len(tokens):
                        after[(token, case_key(raw[i + 1]))] += 1
        return cls(before, after)

    def save(self, path: Path) -> None:
        write_rows(path, chain((("<", n, w, c) for (n, w), c in sorted(self.before.items())),
                               ((">", n, w, c) for (w, n), c in sorted(self.after.items()))))

    @classmethod
    def load(cls, path) -> ConfusionTable:
        """The table saved at `path`, its rows read a neighbour at a time (`SortedRows`)."""
        rows = SortedRows.read(path)
        return cls(SavedSide(rows, "<"), SavedSide(rows, ">"))

    def better(self, word: str, previous: str | None, following: str | None,
               common: Callable[[str], bool] = lambda _: False,
               frequency: Callable[[str], int] | None = None) -> str | None:
        """The member of `word`'s set the books write in its place here, if they clearly do.
        A possessive ("their", "your", "its", "whose") comes before a noun: where the books
        write neither member before the next word and that word is `common`, it is no noun
        the possessive could take ("they took there looked": "their looked" and "there
        looked" both unseen), and the pair is left alone. With `frequency` (a word's count in
        all the books), the word's absence counts only where `MIN_EXPECTED` says it would show."""
        members = _SET_OF[word]
        before = {m: self.before[(previous, m)] for m in members} if previous else {}
        after = {m: self.after[(m, following)] for m in members} if following else {}
        # One side decides, the other must not contradict; `after_checks`: the other is the next word.
        for one, other, after_checks in ((before, after, True), (after, before, False)):
            if not one or one[word]:
                continue
            others = [m for m in members if m != word and one[m] >= MIN_COUNT]
            if len(others) != 1 or (other and other[word] > other[others[0]]):
                continue
            if frequency is not None and not _absence_tells(one[others[0]], frequency(word), frequency(others[0])):
                continue
            if after_checks and other and others[0] in POSSESSIVES and not other[others[0]] and common(following):
                continue
            return others[0]
        return None


def _absence_tells(other_count: int, word_total: int, other_total: int) -> bool:
    """Whether the books, writing the other member `other_count` times beside a neighbour,
    would have shown this word there `MIN_EXPECTED` times had it fitted as well. Without both
    words' counts (a lexicon that lacks them) there is nothing to scale by, and it is judged."""
    if not word_total or not other_total:
        return True
    return other_count * word_total / other_total >= MIN_EXPECTED


class SavedSide(Mapping[tuple[str, str], int]):
    """`ConfusionTable.before` (side "<", keys `(neighbour, word)`) or `.after` (side ">",
    keys `(word, neighbour)`) of a saved table, looked up when asked; like a Counter, a pair
    the table lacks counts 0. Rows: `side, neighbour, word, count`."""

    def __init__(self, rows: SortedRows, side: str) -> None:
        self._rows, self._side = rows, side

    def _fields(self, key: tuple[str, str]) -> tuple[str, str]:
        return key if self._side == "<" else (key[1], key[0])

    def __getitem__(self, key: tuple[str, str]) -> int:
        found = self._rows.rows(self._side, *self._fields(key))
        return int(found[-1][0]) if found else 0

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and len(key) == 2 and bool(self._rows.rows(self._side, *self._fields(key)))

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return (self._fields((n, w)) for side, n, w, _ in self._rows if side == self._side)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def default_table() -> ConfusionTable:
    return shipped_table(DEFAULT_FILE, ConfusionTable.load)


def confusion_issues(text: str, table: ConfusionTable | None = None, lexicon: Lexicon | None = None) -> list[Issue]:
    """Confusable words the books write otherwise beside these neighbours, with that word as the
    fix; with `lexicon`, a neighbour it counts `COMMON_COUNT` times is common (`ConfusionTable.better`)."""
    table = default_table() if table is None else table
    common = (lambda w: lexicon.count(w) >= COMMON_COUNT) if lexicon is not None else (lambda _: False)
    frequency = lexicon.count if lexicon is not None else None
    issues = []
    # Streamed with one token either side, so a huge text is never held as a list of tokens.
    before = current = None
    for after in chain(_TOKEN.finditer(text), [None]):
        if current is not None:
            issue = _judge(table, before, current, after, common, frequency)
            if issue is not None:
                issues.append(issue)
        before, current = current, after
    return issues


@rule("confusions", "word_choice", "A word the books confuse with another (“there” for “their”), where its neighbours say which",
      flagged="They were rough in there manners.", clean="They were rough in their manners.")
def confusions(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return confusion_issues(doc.text, lexicon=lexicon)


def _judge(table: ConfusionTable, before, m, after, common: Callable[[str], bool],
           frequency: Callable[[str], int] | None) -> Issue | None:
    """The issue on token `m` (with its neighbours, either None at an edge), if its twin is wanted."""
    word = normalise(m.group())
    if word not in _SET_OF:
        return None
    previous = case_key(before.group()) if before is not None else None
    following = case_key(after.group()) if after is not None else None
    fix = table.better(word, previous, following, common, frequency)
    if fix is None:
        return None
    written = m.group()
    fix = fix.replace("'", "’") if "’" in written else fix
    fix = fix.capitalize() if written[0].isupper() else fix
    return Issue(m.start(), m.end(), "word_choice", f"The books write “{fix}” here", (fix,), 0.9)
