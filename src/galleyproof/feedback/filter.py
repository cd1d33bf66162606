"""Immediate learning: drop what the writer has already ruled on, before any retraining.

A rejection is remembered by its span's text, and also by what a writer means by it:
rejecting a misspelling on a word vouches for the word in every form, a spacing flag for
the spacing habit, a flag at a line end of a poem for that kind of flag at every verse
line end, a doubled word for the doubles no likelier to be errors.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from galleyproof.detect import Detector
from galleyproof.feedback.dictionary import dictionary_key, word_stem
from galleyproof.feedback.store import FeedbackStore
from galleyproof.issues import Issue

_WORD_BEFORE = re.compile(r"\w+\W*$")
_WORD_AFTER = re.compile(r"^\W*\w+")
_SPACES = re.compile(r"[ \t]{2,}")
_DOUBLED = re.compile(r"([^\W\d_]+)\s+(\1)", re.IGNORECASE)
#: What may stand before a verse line's first letter: indentation, quotes, italics, brackets.
_LINE_OPENING = re.compile(r"[ \t“‘\"'_(\[]*")
_HORIZONTAL = re.compile(r"[ \t]*")


def match_key(text: str, start: int, end: int, category: str | None = None) -> str:
    """What a rejection is remembered by: the span's text, and for a span of marks (no
    letters, digits or only-spaces), the words on either side too.

    Rejecting "Mowgli" should silence every "Mowgli", and rejecting a spacing flag on two
    spaces (whatever words or marks the flag spans with them) says the writer spaces that
    way on purpose; but a comma that is right in one sentence says nothing about commas in
    others.
    """
    span = text[start:end]
    runs = _SPACES.findall(span) if category == "whitespace" else []
    if runs:
        return max(runs, key=len)
    if any(c.isalnum() for c in span) or span.isspace():
        return span
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.search(text[end : end + 40])
    return (before.group() if before else "") + span + (after.group() if after else "")


def _capital_line(text: str, line_start: int) -> bool:
    """Whether the line beginning at `line_start` starts, past indentation and quotes, with a capital."""
    i = _LINE_OPENING.match(text, line_start).end()
    return i < len(text) and text[i].isupper()


def _between_capital_lines(text: str, b: int) -> bool:
    """Whether the line break at `b` parts two lines that both begin with a capital (the
    line before must be seen whole)."""
    previous = text.rfind("\n", 0, b) + 1
    return previous > 0 and _capital_line(text, previous) and _capital_line(text, b + 1)


def at_verse_break(text: str, start: int, end: int) -> bool:
    """Whether [start, end) touches a line break inside a poem: a hard line break between two
    lines that both begin with a capital, as verse lines do and wrapped prose rarely does.

    Touching: the span holds the break, ends its line, or begins its line.
    """
    breaks = {i for i in range(start, end) if text[i] == "\n"}
    line_start = text.rfind("\n", 0, start) + 1
    if line_start > 0 and _LINE_OPENING.fullmatch(text, line_start, start):
        breaks.add(line_start - 1)
    after = _HORIZONTAL.match(text, end).end()
    if after < len(text) and text[after] == "\n":
        breaks.add(after)
    return any(_between_capital_lines(text, b) for b in breaks)


def doubled_word(span: str) -> bool:
    """Whether the span is one word said twice ("had had")."""
    return _DOUBLED.fullmatch(span.strip()) is not None


@dataclass
class Rejections:
    """What the writer's latest verdicts rule out, by kind."""

    keys: set[tuple[str, str]] = field(default_factory=set)  # (match key, category)
    stems: set[str] = field(default_factory=set)  # of words whose misspelling flag was rejected
    verse: set[str] = field(default_factory=set)  # categories rejected at verse line breaks
    doubled: dict[str, float] = field(default_factory=dict)  # category -> surest doubled word rejected

    def digest(self) -> str:
        return repr((sorted(self.keys), sorted(self.stems), sorted(self.verse), sorted(self.doubled.items())))


def _kinds(row) -> tuple[str | None, bool, bool]:
    """A decided flag's kinds: the stem of its word if a misspelling flag on one word, whether
    it sits at a verse line break, whether it is a doubled word."""
    before, span = row["context_before"], row["span"]
    text, start, end = before + span + row["context_after"], len(before), len(before) + len(span)
    word = dictionary_key(span)
    stem = word_stem(word) if word and row["category"] == "spelling" else None
    return stem, at_verse_break(text, start, end), doubled_word(span)


def rejections(log: Iterable) -> Rejections:
    """What the latest verdict on each flag rules out; a writer who later accepts the same
    flag (same key, same category) has changed their mind about it, and one who accepts a
    flag of the same kind (a verse line end, a doubled word, a form of the word) says the
    kind alone does not make a flag wrong."""
    latest: dict[tuple[str, str], object] = {}
    for row in log:  # oldest first
        before, span, category = row["context_before"], row["span"], row["category"]
        text, start, end = before + span + row["context_after"], len(before), len(before) + len(span)
        latest[(match_key(text, start, end, category), category)] = row
    out, accepted = Rejections(), Rejections()
    for (key, category), row in latest.items():
        stem, verse, doubled = _kinds(row)
        kinds = out if row["verdict"] == "rejected" else accepted
        if row["verdict"] == "rejected":
            out.keys.add((key, category))
        if stem:
            kinds.stems.add(stem)
        if verse:
            kinds.verse.add(category)
        if doubled and (row["score"] is not None or kinds is accepted):  # older decisions kept no score
            kinds.doubled[category] = max(kinds.doubled.get(category, 0.0), row["score"] or 0.0)
    out.stems -= accepted.stems
    out.verse -= accepted.verse
    out.doubled = {c: s for c, s in out.doubled.items() if c not in accepted.doubled}
    return out


class PersonalFilter:
    """A detector minus issues on dictionary words (in any form) and on flags the writer
    rejected before, or of a kind they rejected (see the module's docstring). Accepted
    decisions need nothing: the model already flags them.

    Its version names the model and, when the filter is not empty, a digest of what it
    drops, so runs logged or evaluated under different filters are never confused.
    """

    def __init__(self, inner: Detector, words: set[str], rejected: Rejections) -> None:
        self.inner = inner
        self.words = frozenset(words)
        self.stems = frozenset(word_stem(w) for w in words)
        self.rejected = rejected
        self.version = inner.version
        if self.words or self.rejected.keys:
            digest = hashlib.sha256(repr((sorted(self.words), self.rejected.digest())).encode()).hexdigest()
            self.version = f"{inner.version}+filter-{digest[:8]}"

    @classmethod
    def from_store(cls, inner: Detector, store: FeedbackStore | None = None) -> PersonalFilter:
        """The filter as the store holds it now (the default store unless one is given)."""
        own = store is None
        store = store or FeedbackStore()
        try:
            return cls(inner, store.word_keys(), rejections(store.verdict_log()))
        finally:
            if own:
                store.close()

    def keeps(self, text: str, issue: Issue) -> bool:
        span, category, r = text[issue.start : issue.end], issue.category, self.rejected
        word = dictionary_key(span)
        if word is not None and (word in self.words or word_stem(word) in self.stems):
            return False
        if word is not None and category == "spelling" and word_stem(word) in r.stems:
            return False
        if (match_key(text, issue.start, issue.end, category), category) in r.keys:
            return False
        if category in r.doubled and doubled_word(span) and issue.score <= r.doubled[category]:
            return False
        return not (category in r.verse and at_verse_break(text, issue.start, issue.end))

    def detect(self, text: str) -> list[Issue]:
        return [i for i in self.inner.detect(text) if self.keeps(text, i)]
