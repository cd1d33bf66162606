"""Immediate learning: drop what the writer has already ruled on, before any retraining."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from galleyproof.detect import Detector
from galleyproof.feedback.dictionary import dictionary_key
from galleyproof.feedback.store import FeedbackStore
from galleyproof.issues import Issue

_WORD_BEFORE = re.compile(r"\w+\W*$")
_WORD_AFTER = re.compile(r"^\W*\w+")


def match_key(text: str, start: int, end: int) -> str:
    """What a rejection is remembered by: the span's text, and for a span of marks (no
    letters, digits or only-spaces), the words on either side too.

    Rejecting "Mowgli" should silence every "Mowgli", and rejecting a flag on two spaces
    says the writer spaces that way on purpose; but a comma that is right in one sentence
    says nothing about commas in others.
    """
    span = text[start:end]
    if any(c.isalnum() for c in span) or span.isspace():
        return span
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.search(text[end : end + 40])
    return (before.group() if before else "") + span + (after.group() if after else "")


def rejected_keys(log: Iterable) -> set[tuple[str, str]]:
    """(match key, category) pairs whose latest verdict, in any document, is a rejection:
    a writer who later accepts the same flag has changed their mind."""
    latest: dict[tuple[str, str], str] = {}
    for row in log:  # oldest first
        before, span = row["context_before"], row["span"]
        key = match_key(before + span + row["context_after"], len(before), len(before) + len(span))
        latest[(key, row["category"])] = row["verdict"]
    return {key for key, verdict in latest.items() if verdict == "rejected"}


class PersonalFilter:
    """A detector minus issues on dictionary words and on spans the writer rejected before
    (same text, same category, any document). Accepted decisions need nothing: the model
    already flags them.

    Its version names the model and, when the filter is not empty, a digest of what it
    drops, so runs logged or evaluated under different filters are never confused.
    """

    def __init__(self, inner: Detector, words: set[str], rejected: set[tuple[str, str]]) -> None:
        self.inner = inner
        self.words = frozenset(words)
        self.rejected = frozenset(rejected)
        self.version = inner.version
        if self.words or self.rejected:
            digest = hashlib.sha256(repr((sorted(self.words), sorted(self.rejected))).encode()).hexdigest()
            self.version = f"{inner.version}+filter-{digest[:8]}"

    @classmethod
    def from_store(cls, inner: Detector, store: FeedbackStore | None = None) -> PersonalFilter:
        """The filter as the store holds it now (the default store unless one is given)."""
        own = store is None
        store = store or FeedbackStore()
        try:
            return cls(inner, store.word_keys(), rejected_keys(store.verdict_log()))
        finally:
            if own:
                store.close()

    def keeps(self, text: str, issue: Issue) -> bool:
        if dictionary_key(text[issue.start : issue.end]) in self.words:
            return False
        return (match_key(text, issue.start, issue.end), issue.category) not in self.rejected

    def detect(self, text: str) -> list[Issue]:
        return [i for i in self.inner.detect(text) if self.keeps(text, i)]
