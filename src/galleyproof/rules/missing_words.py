"""A word left out between two others: "in middle of" for "in the middle of", "going
church" for "going to church".

Two words the training books never write side by side, but write with one small word
between at least `MIN_GAPPED` times, are a lookup's evidence of a missing word, and the
commonest word between is the fix. The model hears few of these gaps; the table is the
counting half of a language model that fills that in. The shipped table is
`data/missing_words.tsv.gz`, built by `galleyproof.training.tables`; its measurements are in
`docs/experiments/rules.md`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from galleyproof.english.gaps import INSERTABLE
from galleyproof.english.lexicon import Lexicon
from galleyproof.english.tables import read_rows, shipped_table, write_rows
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import Word, adjacent_words

DEFAULT_FILE = "missing_words.tsv.gz"
#: Times the books must write the two words with the same small word between (and never
#: side by side) before a pair written side by side counts as a gap.
MIN_GAPPED = 20
_INSERTABLE = frozenset(INSERTABLE)


class MissingWordTable:
    """`gaps[(first, second)] = (word between, times)` for pairs the books write only apart."""

    def __init__(self, gaps: dict[tuple[str, str], tuple[str, int]]) -> None:
        self.gaps = gaps

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> MissingWordTable:
        side_by_side: Counter[tuple[str, str]] = Counter()
        apart: Counter[tuple[str, str, str]] = Counter()
        for text in texts:
            before = None  # the pair before this one, if it ended where this one starts
            for a, b in adjacent_words(text):
                side_by_side[(a[0], b[0])] += 1
                if before is not None and before[1] == a and a[0] in _INSERTABLE:
                    apart[(before[0][0], b[0], a[0])] += 1
                before = (a, b)
        gaps: dict[tuple[str, str], tuple[str, int]] = {}
        for (first, second, between), n in apart.items():
            if n >= MIN_GAPPED and not side_by_side[(first, second)]:
                if (first, second) not in gaps or n > gaps[(first, second)][1]:
                    gaps[(first, second)] = (between, n)
        return cls(gaps)

    def save(self, path: Path) -> None:
        write_rows(path, ((a, b, w, n) for (a, b), (w, n) in sorted(self.gaps.items())))

    @classmethod
    def load(cls, path) -> MissingWordTable:
        return cls({(a, b): (w, int(n)) for a, b, w, n in read_rows(path)})


def default_table() -> MissingWordTable:
    return shipped_table(DEFAULT_FILE, MissingWordTable.load)


def missing_word_issues(text: str, table: MissingWordTable | None = None,
                        pairs: Iterable[tuple[Word, Word]] | None = None) -> list[Issue]:
    """Two words the books only ever write apart, with the word they put between as the fix
    (not where either is capitalised: the table's keys are lower case, names are not).
    `pairs` are the text's `adjacent_words`, where already worked out."""
    table = default_table() if table is None else table
    issues = []
    for (a, a0, a1), (b, b0, b1) in adjacent_words(text) if pairs is None else pairs:
        gap = table.gaps.get((a, b))
        if gap is None or text[a0].isupper() or text[b0].isupper():
            continue  # a capital may be a name ("If Will") or a heading's title case
        between = gap[0].replace("'", "’") if "’" in text[a0:b1] else gap[0]
        between = "I" if between == "i" else between  # the table's keys and words are lower case
        fixed = f"{text[a0:a1]} {between}{text[a1:b0]}{text[b0:b1]}"
        issues.append(Issue(a0, b1, "grammar", f"A word may be missing: the books write “{fixed}”", (fixed,), 0.8))
    return issues


@rule("missing_words", "grammar", "A word missing between two that the books never write side by side",
      flagged="He sat on chair by the fire.", clean="He sat on a chair by the fire.")
def missing_words(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return missing_word_issues(doc.text, pairs=doc.adjacent_words())
