"""Which short word fits a gap: how often each word that writers leave out follows and
precedes every other word (or comma) in the training books.

The model can judge a repaired sentence but not afford to judge forty; these counts, the
cheap half of a language model, shortlist the few words worth its time ("would _ convinced":
be, have). The shipped table is `data/gaps.tsv.gz`, built by `galleyproof.training.tables`
(see `docs/experiments/rules.md`).
"""

from __future__ import annotations

import gzip
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from galleyproof.english.confusables import FUNCTION_WORDS
from galleyproof.english.tables import SortedRows, shipped_table
from galleyproof.text.words import normalise

DEFAULT_FILE = "gaps.tsv.gz"
#: Words a writer drops without noticing: the function words, and a few short others.
INSERTABLE: tuple[str, ...] = tuple(dict.fromkeys((
    *FUNCTION_WORDS, "an", "my", "me", "him", "them", "were", "up", "out", "no", "one", "who",
    "will", "should", "i", "you", "we", "its", "into", "upon", "or", "if", "than", "then",
    "did", "do", "has", "are", "very", "been", "what", "when", "some", "any", "being",
)))
#: Pairs seen fewer times than this are left out of the table: noise, and most of its size.
MIN_PAIR = 3
#: Pseudo-count pulling a neighbour's few observations toward the words' overall shares.
SMOOTHING = 5.0
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[,;:]|\S")


@dataclass
class GapCounts:
    """`follows[w][x]`: times insertable x came right after w (a word or ",;:");
    `precedes[w][x]`: times x came right before word w; `totals[x]`: x's count."""

    follows: dict[str, dict[str, int]] = field(default_factory=dict)
    precedes: dict[str, dict[str, int]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_texts(cls, texts: Iterable[str], min_pair: int = MIN_PAIR) -> GapCounts:
        """Count neighbours with only spaces between them; any other mark breaks a pair."""
        wanted = frozenset(INSERTABLE)
        follows: Counter[tuple[str, str]] = Counter()
        precedes: Counter[tuple[str, str]] = Counter()
        totals: Counter[str] = Counter()
        for text in texts:
            prev, prev_end = None, 0
            for m in _TOKEN.finditer(text):
                token = normalise(m.group()) if m.group()[0].isalpha() else m.group()
                adjacent = prev is not None and m.start() > prev_end and text[prev_end : m.start()].isspace()
                if token in wanted:
                    totals[token] += 1
                    if adjacent and (prev[0].isalpha() or prev in ",;:"):
                        follows[prev, token] += 1
                if adjacent and prev in wanted and token[0].isalpha():
                    precedes[token, prev] += 1
                prev, prev_end = token, m.end()
        out = cls(totals=dict(totals))
        for table, counts in ((out.follows, follows), (out.precedes, precedes)):
            for (word, x), n in counts.items():
                if n >= min_pair:
                    table.setdefault(word, {})[x] = n
        return out

    def save(self, path: str | Path) -> None:
        """Gzipped lines `word<TAB>follows<TAB>precedes`, each `x:count,...`; `*` holds the totals."""

        def pairs(d: dict[str, int]) -> str:
            return ",".join(f"{x}:{n}" for x, n in sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))

        words = sorted(set(self.follows) | set(self.precedes))
        with (
            open(path, "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz,
            io.TextIOWrapper(gz, encoding="utf-8") as fh,
        ):
            fh.write(f"*\t{pairs(self.totals)}\t\n")
            fh.writelines(f"{w}\t{pairs(self.follows.get(w, {}))}\t{pairs(self.precedes.get(w, {}))}\n" for w in words)

    @classmethod
    def load(cls, path: str | Path) -> GapCounts:
        """The table `save` wrote, its rows kept as lines and parsed when a word is asked for
        (`GapRows`): parsed whole, the 18,000 rows took 75 ms and 14 MiB of dicts (peak
        memory, BENCHMARKS.md "Speed, seventh round"); a book asks of a few thousand."""
        rows = SortedRows.read(path)
        totals = rows.rows("*")
        return cls(GapRows(rows, 0), GapRows(rows, 1), _parse_counts(totals[-1][0]) if totals else {})

    def fits(self, before: str, after: str) -> list[tuple[str, float]]:
        """Insertable words by how well they fit between `before` (a word or ",;:") and the
        word `after`, as log-probabilities, best first.

        Each neighbour's counts give a distribution over the words, smoothed toward their
        overall shares; the two are multiplied and the shared prior divided out once.
        """
        if not self.totals:
            return []
        before = normalise(before) if before[:1].isalpha() else before
        left = self.follows.get(before, {})
        right = self.precedes.get(normalise(after), {})
        total = sum(self.totals.values()) or 1
        n_left, n_right = sum(left.values()), sum(right.values())
        scores = {}
        for x, count in self.totals.items():
            share = count / total
            p_left = (left.get(x, 0) + SMOOTHING * share) / (n_left + SMOOTHING)
            p_right = (right.get(x, 0) + SMOOTHING * share) / (n_right + SMOOTHING)
            scores[x] = math.log(p_left) + math.log(p_right) - math.log(share)
        norm = math.log(sum(math.exp(s) for s in scores.values()))
        return sorted(((x, s - norm) for x, s in scores.items()), key=lambda kv: -kv[1])


def _parse_counts(field: str) -> dict[str, int]:
    """A row's "x:count,..." field as a dict."""
    return {x: int(n) for x, _, n in (p.rpartition(":") for p in field.split(",") if p)}


class GapRows(Mapping[str, dict[str, int]]):
    """One side of a saved table (`follows`: column 0, `precedes`: column 1) as a read-only
    mapping whose rows are parsed when asked for: the same keys and counts as the dicts the
    whole file parsed into (a word with an empty field has no entry; the totals' row `*` is
    none), for a few lines of memory each."""

    def __init__(self, rows: SortedRows, column: int) -> None:
        self._rows = rows
        self._column = column

    def _field(self, word: str) -> str:
        found = self._rows.rows(word) if word != "*" and "\t" not in word and "\n" not in word else []
        return found[-1][self._column] if found else ""  # a word saved twice: the last row, as parsing read it

    def __getitem__(self, word: str) -> dict[str, int]:
        field = self._field(word) if isinstance(word, str) else ""
        if not field:
            raise KeyError(word)
        return _parse_counts(field)

    def __iter__(self) -> Iterator[str]:
        seen = set()
        for row in self._rows:
            if row[0] != "*" and row[0] not in seen and row[1 + self._column]:
                seen.add(row[0])
                yield row[0]

    def __len__(self) -> int:
        return sum(1 for _ in self)


def default_gaps() -> GapCounts:
    """The table shipped in the package, counted on the training books (empty if absent)."""
    return shipped_table(DEFAULT_FILE, GapCounts.load, GapCounts)
