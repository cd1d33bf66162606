"""A flag's suggestions remembered between checks, so a re-check after an edit (the language
server, as the writer types) ranks again only the flags whose surroundings changed.

What `Proofreader.suggested` reads of the document: the text near the flag (the model's
context is `ranking.CONTEXT_CHARS` each side, within the paragraph; the generators read the
words the flag touches, and the spaces and marks beside it; the quote style is read
`readable.STYLE_WINDOW` each side), and the document's counts, by
key only (`.get`, through the lexicon buckets of the candidates' texts). So the key is the
flag, placed in the text `REACH` characters each side of it, and an entry holds while every
count it looked up is unchanged. A text with a run of `LONG_RUN` spaces or non-spaces near
the flag (a scan along it could reach further) is never remembered.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from galleyproof.issues import Issue
from galleyproof.model.tagging import Flag
from galleyproof.suggest.readable import STYLE_WINDOW

#: Characters of text each side of a flag that its key holds: more than any read.
REACH = STYLE_WINDOW + 200
_LONG_RUN = re.compile(r"\S{100}|\s{100}")
#: Entries kept (a flag's issue and the counts it read: a few hundred bytes); cleared beyond this.
MEMO_SIZE = 20_000

_MISSING = object()


class _RecordedCounts:
    """The document's counts as the suggester reads them: by `.get`, each answer kept."""

    def __init__(self, counts: Counter) -> None:
        self.counts = counts
        self.asked: dict[str, Any] = {}

    def get(self, key: str, default: Any = None) -> Any:
        found = self.counts.get(key, _MISSING)
        self.asked[key] = found
        return default if found is _MISSING else found


class SuggestionMemo:
    """(flag and the text around it) -> its issue with suggestions, and the counts read."""

    def __init__(self) -> None:
        self._held: dict[tuple, tuple[Issue, dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.runs = 0  # flags suggested afresh: for tests

    def suggested(self, text: str, counts: Counter, flag: Flag,
                  suggest: Callable[[str, Counter, Flag], Issue]) -> Issue:
        """`suggest(text, counts, flag)`, or its answer from an earlier check where it must be the same."""
        lo, hi = max(0, flag.start - REACH), min(len(text), flag.end + REACH)
        near = text[lo:hi]
        if _LONG_RUN.search(near):
            return suggest(text, counts, flag)
        # The key says where the text's ends are (a read may stop at the start or end of the
        # text), and holds a hash of the text near the flag, not its 4,000 characters.
        digest = hashlib.blake2b(near.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        key = (digest, lo == 0, hi == len(text), dataclasses.replace(flag, start=flag.start - lo, end=flag.end - lo))
        held = self._held.get(key)
        if held is not None and all(counts.get(k, _MISSING) == v for k, v in held[1].items()):
            issue = held[0]
            return dataclasses.replace(issue, start=issue.start + lo, end=issue.end + lo)
        recorded = _RecordedCounts(counts)
        issue = suggest(text, recorded, flag)  # type: ignore[arg-type]
        self.runs += 1
        with self._lock:
            if len(self._held) >= MEMO_SIZE:
                self._held.clear()
            self._held[key] = (dataclasses.replace(issue, start=issue.start - lo, end=issue.end - lo), recorded.asked)
        return issue
