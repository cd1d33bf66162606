"""A word in the wrong form for its neighbours: "they was going", "I have saw it", "him
and me went": the form the books write between the same two words.

For every word with other forms of the same role (`english.verbs.form_swaps`: agreement,
past and participle, pronoun case; not tense, which a writer may switch on purpose), the
table counts which form the training books write between
each pair of neighbours. A form is flagged where the books never write it between these
neighbours and write one other form there at least `MIN_COUNT` times. Two neighbours miss
what lies further back, so a participle after an auxiliary a few words before ("had he
begun", "Had I known it") and a subjunctive after "if" or "though" ("as if he were") are
left alone. The shipped table is `data/forms.tsv.gz`, built by `galleyproof.training.tables`;
its measurements are in `docs/experiments/rules.md`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.tables import SortedRows, shipped_table, write_rows
from galleyproof.english.verbs import VERBS, form_swaps
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import Word, adjacent_words, match_case

DEFAULT_FILE = "forms.tsv.gz"
#: Times the books must write the other form between the two neighbours (and this one never).
MIN_COUNT = 10
#: How far back an auxiliary or a subjunctive's "if" is looked for, in words.
LOOK_BACK = 3
#: Words that may precede a participle a few words back ("had he begun").
AUXILIARIES = frozenset("have has had having be been being was were is are am get got".split())
#: Words after which "were", "be" or "have" may be a subjunctive ("as if he were").
SUBJUNCTIVE_OPENERS = frozenset("if though lest wish unless whether as".split())
SUBJUNCTIVES = frozenset({"were", "be", "have"})
#: Capitalised words that may stand before a flagged word: a sentence's first word, not a name.
_CAPITAL_OPENERS = frozenset("he she it they we i you the a an this that these those there".split())
_PARTICIPLES = frozenset(pp for _, _, past, pp, _ in VERBS if pp != past)



def _triples(text: str,
             pairs: Iterable[tuple[Word, Word]] | None = None) -> Iterator[tuple[list[Word], Word, Word, Word]]:
    """(the words before, previous word, word, next word) for every three words in a row
    parted only by spaces; the words before are the run's, nearest last. `pairs` are the
    text's `adjacent_words`, where already worked out."""
    run: list[Word] = []
    for a, b in adjacent_words(text) if pairs is None else pairs:
        if not run or run[-1] != a:
            run = [a]
        run.append(b)
        if len(run) >= 3:
            yield run[:-3], run[-3], run[-2], run[-1]


class FormTable:
    """`counts[(previous, next)] = {form: times}` for the pairs of neighbours that passed the bar."""

    def __init__(self, counts: Mapping[tuple[str, str], dict[str, int]]) -> None:
        self.counts = counts

    @classmethod
    def from_texts(cls, texts: Iterable[str], swaps: dict[str, tuple[str, ...]] | None = None) -> FormTable:
        swaps = form_swaps() if swaps is None else swaps
        seen: Counter[tuple[str, str, str]] = Counter()
        for text in texts:
            for _, x, w, y in _triples(text):
                if w[0] in swaps:
                    seen[(x[0], y[0], w[0])] += 1
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for (x, y, w), n in seen.items():
            counts.setdefault((x, y), {})[w] = n
        return cls({k: v for k, v in counts.items() if max(v.values()) >= MIN_COUNT})

    def save(self, path: Path) -> None:
        write_rows(path, ((x, y, w, n) for (x, y), forms in sorted(self.counts.items())
                          for w, n in sorted(forms.items())))

    @classmethod
    def load(cls, path) -> FormTable:
        """The table saved at `path`, its rows read a pair of neighbours at a time (`SortedRows`)."""
        return cls(SavedForms(SortedRows.read(path)))

    def better(self, previous: str, word: str, following: str, others: Iterable[str]) -> str | None:
        """The one other form the books write between these neighbours, if they never write this one."""
        forms = self.counts.get((previous, following))
        if not forms or forms.get(word):
            return None
        wanted = [o for o in others if forms.get(o, 0) >= MIN_COUNT]
        return wanted[0] if len(wanted) == 1 else None


class SavedForms(Mapping[tuple[str, str], dict[str, int]]):
    """`FormTable.counts` of a saved table: rows `previous, next, form, times`, looked up by
    their neighbours when asked."""

    def __init__(self, rows: SortedRows) -> None:
        self._rows = rows

    def __getitem__(self, neighbours: tuple[str, str]) -> dict[str, int]:
        found = self._rows.rows(*neighbours)
        if not found:
            raise KeyError(neighbours)
        return {form: int(times) for form, times in found}

    def _pairs(self) -> dict[tuple[str, str], None]:
        return dict.fromkeys((x, y) for x, y, *_ in self._rows)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._pairs())

    def __len__(self) -> int:
        return len(self._pairs())


def default_table() -> FormTable:
    return shipped_table(DEFAULT_FILE, FormTable.load)


def _excused(before: list[Word], word: str) -> bool:
    """Whether what lies further back than the neighbour can make this form right."""
    back = {b[0] for b in before[-LOOK_BACK:]}
    return (word in _PARTICIPLES and bool(back & AUXILIARIES)
            or word in SUBJUNCTIVES and bool(back & SUBJUNCTIVE_OPENERS))


def form_issues(text: str, table: FormTable | None = None,
                pairs: Iterable[tuple[Word, Word]] | None = None) -> list[Issue]:
    """Words in a form the books never write between these neighbours, where they write
    another form of it there, with that form as the fix. `pairs`: as for `_triples`."""
    table = default_table() if table is None else table
    swaps = form_swaps()
    issues = []
    for before, x, w, y in _triples(text, pairs):
        if w[0] not in swaps or text[w[1]].isupper() and w[0] != "i":
            continue  # a capitalised word may be a name
        if text[x[1]].isupper() and x[0] not in _CAPITAL_OPENERS or text[y[1]].isupper() and y[0] != "i":
            continue
        fix = table.better(x[0], w[0], y[0], swaps[w[0]])
        if fix is None or _excused(before + [x], w[0]):
            continue
        written = text[w[1] : w[2]]
        fix = "I" if fix == "i" else match_case(written, fix)
        issues.append(Issue(w[1], w[2], "grammar", f"The books write “{fix}” here", (fix,), 0.8))
    return issues


@rule("forms", "grammar", "A word in a form the books never write between its neighbours (“they was”)",
      flagged="And then they was going to the town.", clean="And then they were going to the town.")
def forms(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return form_issues(doc.text, pairs=doc.adjacent_words())
