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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from galleyproof.english.confusables import FUNCTION_WORDS
from galleyproof.english.tables import shipped_table
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
        def parse(s: str) -> dict[str, int]:
            return {x: int(n) for x, _, n in (p.rpartition(":") for p in s.split(",") if p)}

        out = cls()
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                word, follows, precedes = line.rstrip("\n").split("\t")
                if word == "*":
                    out.totals = parse(follows)
                    continue
                if follows:
                    out.follows[word] = parse(follows)
                if precedes:
                    out.precedes[word] = parse(precedes)
        return out

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


def default_gaps() -> GapCounts:
    """The table shipped in the package, counted on the training books (empty if absent)."""
    return shipped_table(DEFAULT_FILE, GapCounts.load, GapCounts)
