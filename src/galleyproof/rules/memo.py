"""The rules' flags remembered a stretch of paragraphs at a time, so a re-check after an edit
(the language server, as the writer types) runs the rules only where the text changed.

Most rules read a paragraph and, at most, a little of the paragraphs beside it (the word
before a paragraph's first word, whether the next paragraph opens with a quote), plus the
document's facts: how often it uses a word (`counts`), the capitalised and small-letter
forms it writes mid-sentence, its verse breaks. So the text is cut into blocks of whole
paragraphs, at places its own content picks (a paragraph whose hash says so), so an edit
moves no boundary but its own block's; each block is checked as a `WindowDocument`: the
block with at least `CONTEXT_CHARS` of whole paragraphs either side as context, the rule's
flags kept where they start inside the block. The document's facts are read through views
of the whole document's that record every lookup, and a block's flags are reused only while
the text of its window and every fact it looked up are unchanged, so the flags equal a run
over the whole text (`tests/rules/test_memo.py` checks that on edited books). A rule that
reads further than its neighbours (`document_wide`) runs over the whole text each time.
"""

from __future__ import annotations

import dataclasses
import threading
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

from galleyproof.issues import Issue
from galleyproof.rules.registry import Rule
from galleyproof.text.document import Document
from galleyproof.text.paragraphs import PARAGRAPH_BREAK
from galleyproof.text.words import capitalised_words, document_counts, is_sentence_start

#: Whole paragraphs of context on each side of a block, at least this many characters.
CONTEXT_CHARS = 400
#: A paragraph ends its block when its hash is 0 modulo this (blocks of about this many
#: paragraphs), or when the block holds `MAX_BLOCK_PARAGRAPHS`.
BLOCK_EVERY = 8
MAX_BLOCK_PARAGRAPHS = 32
#: The memo is cleared once its windows' text passes this (a few long documents).
MEMO_CHARS = 8_000_000

_MISSING = object()


class WindowError(TypeError):
    """A rule read a document-wide fact in a way a window cannot record: it must be marked
    `document_wide`."""


class _Reads:
    """Every lookup a rule made of the document's facts while checking one window: (fact,
    key, what it found), the key of `breaks` being a position relative to the window."""

    def __init__(self) -> None:
        self.log: dict[tuple[str, Any], Any] = {}

    def still_true(self, doc: Document, offset: int) -> bool:
        for (fact, key), found in self.log.items():
            if fact == "breaks":
                if doc.breaks.opens_line(offset + key) != found:
                    return False
            elif getattr(doc, fact).get(key, _MISSING) != found:
                return False
        return True


class _CountsView:
    """A document's Counter as a window sees it: lookups by key only, each recorded."""

    def __init__(self, fact: str, whole: Document, window: WindowDocument) -> None:
        self._fact, self._whole, self._window = fact, whole, window

    def _raw(self, key: Any) -> Any:
        found = getattr(self._whole, self._fact).get(key, _MISSING)  # worked out on the first lookup
        self._window.reads.log[(self._fact, key)] = found
        return found

    def __getitem__(self, key: Any) -> int:
        found = self._raw(key)
        return 0 if found is _MISSING else found

    def get(self, key: Any, default: Any = None) -> Any:
        found = self._raw(key)
        return default if found is _MISSING else found

    def __contains__(self, key: Any) -> bool:
        return self._raw(key) is not _MISSING

    def __getattr__(self, name: str) -> Any:
        raise WindowError(f"a window records only lookups of the document's {self._fact}, not .{name}")

    def __iter__(self) -> Iterator:
        raise WindowError(f"a window cannot go through all the document's {self._fact}")

    def __len__(self) -> int:
        raise WindowError(f"a window cannot count the document's {self._fact}")


class _BreaksView:
    """The document's chosen line breaks as a window sees them (positions in the window)."""

    def __init__(self, doc: Document, offset: int, window: WindowDocument) -> None:
        self._doc, self._offset, self._window = doc, offset, window

    def opens_line(self, start: int) -> bool:
        found = self._doc.breaks.opens_line(self._offset + start)
        self._window.reads.log[("breaks", start)] = found
        return found

    def __getattr__(self, name: str) -> Any:
        raise WindowError(f"a window records only opens_line of the document's breaks, not .{name}")


#: The document's facts a window reads from the whole document, through recording views.
COUNTED_FACTS = ("counts", "capitalised_forms", "forms", "small_forms")


class WindowDocument(Document):
    """A stretch of a document, read by the rules as if it were the document: its text is the
    stretch (its words and paragraphs worked out once for all the rules), its facts the whole
    document's, every lookup recorded in `reads` (a fresh one for each rule)."""

    def __init__(self, whole: Document, start: int, end: int) -> None:
        super().__init__(whole.text[start:end])
        self.reads = _Reads()
        for fact in COUNTED_FACTS:
            self.__dict__[fact] = _CountsView(fact, whole, self)
        self.__dict__["breaks"] = _BreaksView(whole, start, self)

    @property
    def total_words(self) -> int:  # type: ignore[override]
        raise WindowError("a window cannot know the document's length")


def in_text_order(issues: list[Issue]) -> list[Issue]:
    """One rule's issues by position (a stable sort: issues on one span keep the rule's order),
    so its issues read the same whether found over the whole text or a block at a time."""
    return sorted(issues, key=lambda i: (i.start, i.end))


def regions(doc: Document) -> list[int]:
    """Where each paragraph's stretch starts: its text and the break after it, up to the next."""
    return [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(doc.text)]


def blocks(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """(first, last + 1) indices into `starts` of each block of paragraphs, cut where a
    paragraph's own text says (its CRC), so an edit moves only its block's ends."""
    out, first = [], 0
    ends = starts[1:] + [len(text)]
    for k, (start, end) in enumerate(zip(starts, ends)):
        if k + 1 - first >= MAX_BLOCK_PARAGRAPHS or zlib.crc32(text[start:end].encode("utf-8", "surrogatepass")) \
                % BLOCK_EVERY == 0:
            out.append((first, k + 1))
            first = k + 1
    if first < len(starts):
        out.append((first, len(starts)))
    return out


class RuleMemo:
    """Each window's flags by rule, from the checks before; thread-safe."""

    def __init__(self) -> None:
        self._windows: dict[tuple[str, int, int], dict[str, tuple[list[Issue], _Reads]]] = {}
        self._chars = 0
        self._counted: dict[str, Counter[str]] = {}  # a paragraph's text -> its word counts
        self._counted_chars = 0
        self._capitals: dict[str, list[tuple[int, str]]] = {}  # a paragraph's text -> its capitalised words
        self._capitals_chars = 0
        self._lock = threading.Lock()
        self.runs = 0  # windows a rule was run on (not found in the memo): for tests

    def issues(self, rules: tuple[Rule, ...], doc: Document, lexicon) -> list[Issue]:
        """What `rules` find in `doc`: rule by rule, each rule's in text order, as `RuleSet.issues` lists
        them from a run over the whole text."""
        text = doc.text
        starts = regions(doc)
        ends = starts[1:] + [len(text)]
        per_rule: dict[str, list[Issue]] = {r.id: [] for r in rules}
        windowed = [r for r in rules if not r.document_wide]
        for first, last in blocks(text, starts):
            lo, hi = first, last - 1
            while lo > 0 and starts[first] - starts[lo] < CONTEXT_CHARS:
                lo -= 1
            while hi < len(starts) - 1 and ends[hi] - ends[last - 1] < CONTEXT_CHARS:
                hi += 1
            w_start, w_end = starts[lo], ends[hi]
            own_start, own_end = starts[first] - w_start, ends[last - 1] - w_start
            # The same text may stand twice with the block cut differently inside it: the key
            # says which part of the window is the block's.
            window = (text[w_start:w_end], own_start, own_end)
            with self._lock:
                known = self._windows.get(window)
            if known is None:
                known = {}
            fresh: dict[str, tuple[list[Issue], _Reads]] = {}
            view: WindowDocument | None = None
            for r in windowed:
                held = known.get(r.id)
                if held is None or not held[1].still_true(doc, w_start):
                    if view is None:
                        view = WindowDocument(doc, w_start, w_end)
                    view.reads = _Reads()
                    found = r.issues(view, lexicon)
                    held = ([i for i in found if own_start <= i.start < own_end], view.reads)
                    fresh[r.id] = held
                    self.runs += 1
                per_rule[r.id].extend(dataclasses.replace(i, start=i.start + w_start, end=i.end + w_start)
                                      for i in held[0])
            if fresh:
                self._remember(window, known, fresh)
        for r in rules:
            if r.document_wide:
                per_rule[r.id] = r.issues(doc, lexicon)
        return [i for r in rules for i in in_text_order(per_rule[r.id])]

    def document(self, text: str) -> Document:
        """`Document(text)`, its word counts and capitalised forms worked out from paragraphs
        remembered from earlier checks (the same Counters, keys in the same order)."""
        doc = Document(text, self.counts(text))
        doc.__dict__["capitalised_forms"] = self.capitalised_forms(text)
        return doc

    def capitalised_forms(self, text: str) -> Counter[str]:
        """`words.mid_sentence_forms(text, capitalised_only=True)`: each paragraph's capitalised
        words found once per paragraph text; whether one opens a sentence read in the whole
        text (it may look back past the paragraph's start)."""
        starts = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
        ends = starts[1:] + [len(text)]
        parts = []
        with self._lock:
            if self._capitals_chars > MEMO_CHARS:
                self._capitals.clear()
                self._capitals_chars = 0
            for start, end in zip(starts, ends):
                part = text[start:end]
                found = self._capitals.get(part)
                if found is None:
                    found = self._capitals[part] = capitalised_words(part)
                    self._capitals_chars += len(part)
                parts.append((start, found))
        return Counter(word for start, found in parts for at, word in found if not is_sentence_start(text, start + at))

    def counts(self, text: str) -> Counter[str]:
        """`words.document_counts(text)`, as the sum of each paragraph's counts, each remembered:
        no word spans a paragraph break, so the sum is the same Counter, keys in the same order."""
        starts = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
        ends = starts[1:] + [len(text)]
        total: Counter[str] = Counter()
        with self._lock:
            if self._counted_chars > MEMO_CHARS:
                self._counted.clear()
                self._counted_chars = 0
            for start, end in zip(starts, ends):
                part = text[start:end]
                counted = self._counted.get(part)
                if counted is None:
                    counted = self._counted[part] = document_counts(part)
                    self._counted_chars += len(part)
                total.update(counted)
        return total

    def _remember(self, window: tuple[str, int, int], known: dict, fresh: dict) -> None:
        with self._lock:
            if window not in self._windows:
                if self._chars + len(window[0]) > MEMO_CHARS:
                    self._windows.clear()
                    self._chars = 0
                self._chars += len(window[0])
            self._windows[window] = {**known, **fresh}
