"""A verb after a modal, or after a negated "do", in a form other than its base: "it might
comes", "I did not escaped", "you couldn't stood", "she would ultimately saw".

The training books count how often each word stands in the verb's slot: right after a
lower-case modal ("could", "would", "might", "can't"...) or a negated "do" ("didn't", "did
not"), with at most "not", "never" or one adverb between. A word they put there no more than
once in `RATIO` times as often as its base form ("comes" against "come", "saw" against
"see"), where the base stands there at least `MIN_BASE` times, is flagged with the base as
the fix. The base forms come from spelling rules (-s, -es, -ed, -ing, a doubled last letter)
and the irregular verbs of `english.verbs`. Only a negated "do" opens the slot ("what he did
made her angry" is right), and a modal after a determiner or a possessive is a noun ("the
will had", "Mr. Casaubon's will had"); a capitalised one may be a name ("Will had").

The shipped table is `data/modal_verbs.tsv.gz`, built by `galleyproof.training.tables`; its
measurements are in `docs/experiments/rules.md`.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.tables import read_rows, shipped_table, write_rows
from galleyproof.english.verbs import VERBS
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import Word, keyed_words, match_case

DEFAULT_FILE = "modal_verbs.tsv.gz"
#: Times the books must put the base form in the slot before another form there is judged.
MIN_BASE = 20
#: The base must stand in the slot this many times as often as the form flagged.
RATIO = 100
MODALS = frozenset(
    "could would should might must can will shall may cannot couldn't wouldn't shouldn't mightn't"
    " mustn't can't won't shan't".split()
)
#: "do" opens the slot only when negated: "what he did made her angry" is right.
NEGATED_DO = frozenset("don't doesn't didn't".split())
DO = frozenset("do does did".split())
NEGATIONS = frozenset({"not", "never"})
#: Words that may stand between the modal and its verb (and any word in -ly).
BETWEEN = NEGATIONS | frozenset("also only still even just always ever often soon then".split())
#: Words before a modal that make it a noun ("the will", "his might").
_NOUN_MAKERS = frozenset(
    "the a an this that these those his her my your our their its own whose no any every good ill free"
    " old new first second last strong".split()
)
_GAP = re.compile(r"[ \t]*(?:\r?\n)?[ \t]*")
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


@cache
def _irregular() -> dict[str, str]:
    """Each irregular past, participle or -s form of `english.verbs`'s verbs: its base."""
    out: dict[str, str] = {}
    for forms in VERBS:
        for form in forms[1:]:
            if form != forms[0]:
                out.setdefault(form, forms[0])
    return out


def base_forms(word: str) -> list[str]:
    """Candidate bases of an inflected verb form ("comes" -> "come", "stopped" -> "stop")."""
    out = [_irregular()[word]] if word in _irregular() else []
    if not word.endswith("ss"):
        out += [word[: -len(suffix)] + rep for suffix, rep in _SUFFIXES
                if word.endswith(suffix) and len(word) > len(suffix) + 2]
    if len(word) > 5 and word.endswith(("ed", "ing")):
        stem = word[:-2] if word.endswith("ed") else word[:-3]
        if stem[-1] == stem[-2]:
            out.append(stem[:-1])
    return [b for b in dict.fromkeys(out) if b != word]


def verb_slots(text: str, words: Iterable[Word] | None = None) -> Iterator[tuple[Word, Word]]:
    """(the modal, the word in its verb slot), keys lower-cased, for every slot in the text;
    streamed, so a huge text is never held as a list of words. `words` are the text's
    `keyed_words`, where already worked out."""
    recent: deque[Word] = deque(maxlen=4)  # the word, and up to three before it
    for word in keyed_words(text) if words is None else words:
        recent.append(word)
        if _between(word[0]):
            continue  # the slot is the next word
        opener = _opener(text, list(recent))
        if opener is not None:
            yield opener, word


def _between(key: str) -> bool:
    return key in BETWEEN or (key.endswith("ly") and len(key) > 4)


def _opener(text: str, words: list[Word]) -> Word | None:
    """The modal (or negated "do") whose verb slot the last of `words` stands in, if any."""
    i = len(words) - 1
    j, between = i - 1, None
    if j >= 0 and _between(words[j][0]):
        between, j = words[j], j - 1
    if j < 0 or not _adjacent(text, words[j], between or words[i]):
        return None
    if between is not None and not _adjacent(text, between, words[i]):
        return None
    key, start, _ = words[j]
    negated = between is not None and between[0] in NEGATIONS
    if not (key in MODALS or key in NEGATED_DO or key in DO and negated) or not text[start].islower():
        return None
    if j > 0 and (words[j - 1][0] in _NOUN_MAKERS or words[j - 1][0].endswith("'s")):
        return None
    return words[j]


def _adjacent(text: str, a: Word, b: Word) -> bool:
    return _GAP.fullmatch(text, a[2], b[1]) is not None


class ModalVerbTable:
    """`counts[word]`: how often the books put each word in a modal's verb slot."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> ModalVerbTable:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(word[0] for _, word in verb_slots(text))
        return cls(counts)

    def save(self, path: Path) -> None:
        write_rows(path, sorted(self.counts.items()))

    @classmethod
    def load(cls, path) -> ModalVerbTable:
        return cls(Counter({word: int(n) for word, n in read_rows(path)}))

    def base_for(self, word: str) -> str | None:
        """The base the books put in the slot far more often than this form, if any."""
        base = max(base_forms(word), key=lambda b: self.counts[b], default=None)
        if base is None or self.counts[base] < MIN_BASE or self.counts[word] * RATIO > self.counts[base]:
            return None
        return base


def default_table() -> ModalVerbTable:
    return shipped_table(DEFAULT_FILE, ModalVerbTable.load)


def modal_verb_issues(text: str, table: ModalVerbTable | None = None,
                      words: Iterable[Word] | None = None) -> list[Issue]:
    """Verbs after a modal in a form the books do not put there, with the base as the fix."""
    table = default_table() if table is None else table
    issues = []
    for (_, modal_start, modal_end), (word, start, end) in verb_slots(text, words):
        if not text[start].islower():
            continue
        base = table.base_for(word)
        if base is None:
            continue
        fix = match_case(text[start:end], base)
        modal = text[modal_start:modal_end]
        issues.append(Issue(start, end, "grammar", f"After “{modal}” the books write “{fix}”", (fix,), 0.8))
    return issues


@rule("modal_verbs", "grammar", "A verb after a modal (“could”, “will”) in a form other than its base (“could went”)",
      flagged="He could went home.", clean="He could go home.")
def modal_verbs(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return modal_verb_issues(doc.text, words=doc.words())
