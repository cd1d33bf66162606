"""The language model as a `Detector`: paragraphs in, token scores, spans out.

A model folder holds everything inference needs: `config.json`, `weights.npz`,
`tokenizer.json`, `lexicon.tsv.gz` and `thresholds.json`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import zipfile
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TypeVar

import numpy as np

from galleyproof.allow.licences import drop_licensed
from galleyproof.allow.names import is_document_name, is_own_word, mid_sentence_forms
from galleyproof.allow.sentence_spacing import drop_conventional_spacing
from galleyproof.english.lexicon import Lexicon
from galleyproof.english.slips import looks_like_slip
from galleyproof.english.wordlist import is_english_word
from galleyproof.issues import Issue, drop_overlapping_repeats
from galleyproof.model.files import ModelFilesError, check_model_dir, remedy
from galleyproof.model.numpy_tagger import NumpyTagger
from galleyproof.model.pairs import PAIRS_FILE, PairTable
from galleyproof.model.passage_cache import PassageCache, passage_key
from galleyproof.model.tagging import (
    UNKNOWN_CAPITAL,
    UNKNOWN_LOWER,
    Flag,
    flags_from_probs,
    merge_flags,
    token_buckets,
    word_buckets,
)
from galleyproof.model.tokenizer import Tokenizer
from galleyproof.rules.baseline import LOOKUPS, BaselineDetector
from galleyproof.suggest import LIMIT as SUGGESTION_LIMIT
from galleyproof.suggest import spelling, with_suggestions
from galleyproof.text.paragraphs import NEWLINE, Passage, is_heading, iter_passages
from galleyproof.text.words import document_counts, iter_words, normalise

THRESHOLDS_FILE = "thresholds.json"
TOKENIZER_FILE = "tokenizer.json"
LEXICON_FILE = "lexicon.tsv.gz"
#: Files whose bytes decide a passage's scores (the lexicon's part is in each cache key).
SCORING_FILES = ("config.json", "weights.npz", TOKENIZER_FILE)

#: A unit of parallel work: passages up to about this many characters (or this many passages),
#: small enough to share out evenly between threads, big enough to batch well.
CHUNK_CHARS = 16_000
PASSAGES_PER_CHUNK = 256
#: Windows are padded to a multiple of this many tokens and batched with others of that
#: padded length: little padding, few calls, and a window's scores depend on it alone.
LENGTH_STEP = 8
#: Tokens per forward call; bounds the memory one call takes (attention grows as length squared).
TOKENS_PER_BATCH = 2048
#: Word lookups remembered across passages; cleared beyond this (a huge file's rare words).
WORD_MEMO_SIZE = 200_000
#: Threads `check` uses by default: more than a few gain little and cost memory.
MAX_DEFAULT_THREADS = 4
#: Flag categories whose suggestions look words up in the spelling index, and a text long
#: enough to be sure of raising one.
_SPELLING_INDEX_CATEGORIES = ("spelling", "word_choice", "grammar")
SURELY_SPELLED_CHARS = 50_000

T = TypeVar("T")
R = TypeVar("R")

_LINE_BREAK = re.compile(rf"[ \t]*{NEWLINE}[ \t]*")

MESSAGES = {
    "spelling": "Possible misspelling",
    "word_choice": "This word may be the wrong one here",
    "punctuation": "Check the punctuation here",
    "whitespace": "Check the spacing here",
    "capitalization": "Check the capitalisation here",
    "grammar": "This may be ungrammatical (a wrong form, or an extra or missing word)",
}


class ModelDetector:
    """Tags tokens with the trained model; adds suggestions from the lexicon."""

    def __init__(self, model_dir: str | Path, window: int | None = None) -> None:
        check_model_dir(model_dir)  # a damaged folder is named here, not by a numpy traceback
        self.model_dir = Path(model_dir)
        self.tagger = NumpyTagger.load(self.model_dir)
        self.tokenizer = Tokenizer.load(self.model_dir / TOKENIZER_FILE)
        self.lexicon = Lexicon.load(self.model_dir / LEXICON_FILE)
        self._lexicon_total = sum(self.lexicon.counts.values())
        self.thresholds: dict[str, float] = json.loads(
            (self.model_dir / THRESHOLDS_FILE).read_text(encoding="utf-8")
        )
        self.window = window or self.tagger.cfg["max_len"]
        # What the lexicon buckets mean to this model (`ModelConfig.dictionary_bucket`; older
        # exports lack the key and were trained without the dictionary bucket).
        self.dictionary_bucket: bool = self.tagger.cfg.get("dictionary_bucket", False)
        self.version = self.tagger.cfg.get("version", self.model_dir.name)
        # Lookup rules the calibration found to add precision-safe recall (thresholds.json "rules").
        self.rules: frozenset[str] = frozenset(self.thresholds.pop("rules", ()))
        self._rules = BaselineDetector(self.lexicon)
        self.pairs = _load_pairs(self.model_dir)
        self.threads = 1
        self.cache: PassageCache | None = None
        self._word_memo: dict[str, tuple[str, int]] = {}
        self._slips: dict[str, bool] = {}
        self._pool: ThreadPoolExecutor | None = None
        self._pool_size = 0
        self._digest: bytes | None = None

    def configure(self, threads: int | None = None, cache: PassageCache | None = None) -> None:
        """Threads to check with (results are the same for any number) and a passage cache."""
        if threads is not None:
            self.threads = max(1, threads)
        self.cache = cache

    def model_digest(self) -> bytes:
        """A hash of the files that decide the scores: what the passage cache is keyed by."""
        if self._digest is None:
            h = hashlib.blake2b(digest_size=16)
            for name in SCORING_FILES:
                h.update((self.model_dir / name).read_bytes())
            h.update(str(self.window).encode())
            self._digest = h.digest()
        return self._digest

    def _encode(self, text: str, doc_counts: Counter) -> tuple[list, np.ndarray, np.ndarray]:
        """Token offsets, ids and lexicon buckets: all the model reads of a passage."""
        if len(self._word_memo) > WORD_MEMO_SIZE:
            self._word_memo.clear()
        enc = self.tokenizer.encode(text)
        lex = token_buckets(enc.offsets, word_buckets(text, self.lexicon, doc_counts, self._word_memo,
                                                      self.dictionary_bucket))
        return enc.offsets, np.asarray(enc.ids, dtype=np.int64), lex

    def token_probs(self, passages_: list[Passage], doc_counts: Counter) -> list[tuple[list, np.ndarray]]:
        """Per passage: token offsets and label probabilities, long passages in overlapping windows.

        Passages the cache has seen (same model, text and lexicon buckets) are not re-run.
        """
        encoded = [self._encode(p.text, doc_counts) for p in passages_]
        out: list[np.ndarray | None] = [None] * len(encoded)
        keys: dict[int, bytes] = {}
        if self.cache is not None:
            digest = self.model_digest()
            keys = {i: passage_key(digest, p.text, e[2]) for i, (p, e) in enumerate(zip(passages_, encoded))
                    if len(e[1])}
            found = self.cache.get_many(keys.values())
            for i, key in keys.items():
                out[i] = found.get(key)
        todo = [i for i in range(len(encoded)) if out[i] is None]
        for i, probs in zip(todo, self._score([encoded[i][1:] for i in todo]), strict=True):
            out[i] = probs
        if self.cache is not None:
            self.cache.put_many({keys[i]: out[i] for i in todo if i in keys})
        return [(e[0], probs) for e, probs in zip(encoded, out, strict=True)]

    def _score(self, items: list[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
        """Label probabilities for (ids, lexicon buckets) pairs, through the model in windows."""
        n_labels = self.tagger.cfg["n_labels"]
        out = [np.zeros((len(ids), n_labels), dtype=np.float32) for ids, _ in items]
        by_length: dict[int, list[tuple[int, int, int, int, int]]] = {}
        w = self.window
        stride = max(w * 3 // 4, 1)
        for pi, (ids, _) in enumerate(items):
            n = len(ids)
            if n == 0:
                continue  # nothing to score, and an all-padding row would softmax to NaN
            lo = 0
            while True:
                hi = min(lo + w, n)
                keep_lo = 0 if lo == 0 else lo + (w - stride) // 2
                keep_hi = n if hi == n else hi - (w - stride) // 2
                padded = min(-(-(hi - lo) // LENGTH_STEP) * LENGTH_STEP, w)
                by_length.setdefault(padded, []).append((pi, lo, hi, keep_lo, keep_hi))
                if hi == n:
                    break
                lo += stride
        for t, jobs in sorted(by_length.items()):
            rows = max(1, TOKENS_PER_BATCH // t)
            for b in range(0, len(jobs), rows):
                batch = jobs[b : b + rows]
                ids = np.zeros((len(batch), t), dtype=np.int64)
                lex = np.zeros((len(batch), t), dtype=np.int64)
                mask = np.zeros((len(batch), t), dtype=bool)
                for r, (pi, lo, hi, _, _) in enumerate(batch):
                    ids[r, : hi - lo] = items[pi][0][lo:hi]
                    lex[r, : hi - lo] = items[pi][1][lo:hi]
                    mask[r, : hi - lo] = True
                probs = self.tagger.probs(ids, lex, mask)
                for r, (pi, lo, hi, keep_lo, keep_hi) in enumerate(batch):
                    out[pi][keep_lo:keep_hi] = probs[r, keep_lo - lo : keep_hi - lo]
        return out

    def flags(self, text: str, doc_counts: Counter | None = None) -> list[Flag]:
        """Spans (document offsets) the model flags, before messages and suggestions.

        Passages go through the model a chunk at a time (several chunks at once with threads),
        so memory stays bounded by the chunks in flight, not the file. No flag stands on a
        name or word the document vouches for (`names.py`), no spacing flag on the two spaces
        after a sentence the writer keeps (`sentence_spacing.py`), no grammar flag on a
        construction English allows (`licences.py`).
        """
        if doc_counts is None:
            doc_counts = document_counts(text)
        unknown = self.unknown_test(doc_counts)

        def chunk_flags(chunk: list[Passage]) -> list[Flag]:
            found = []
            for part, (offsets, probs) in zip(chunk, self.token_probs(chunk, doc_counts), strict=True):
                odd = self.odd_spans(part.text)
                for f in flags_from_probs(part.text, offsets, probs, self.thresholds, unknown, odd, self.is_slip):
                    start, end = part.to_document(f.start, f.end)
                    found.append(Flag(start, end, f.category, f.score))
            return found

        # The rules last, so with threads they run beside the model's last chunks.
        # Headings (chapter titles, numerals, bylines, all-capital lines) are left to the rules:
        # training never showed them to the model, which flagged "CHAPTER IX" and "by Jane Austen".
        prose = (p for p in iter_passages(text) if not is_heading(p.text))
        tasks = chain((partial(chunk_flags, c) for c in _chunks(prose)), [partial(self.rule_flags, text)])
        flags = [f for part in self._map(_call, tasks) for f in part]
        flags = drop_conventional_spacing(text, self._drop_vouched(text, flags, doc_counts))
        return merge_flags(drop_licensed(text, flags))

    def _drop_vouched(self, text: str, flags: list[Flag], doc_counts: Counter) -> list[Flag]:
        """Flags less those on what the document vouches for (`names.py`): a capitalisation
        or grammar flag on a name it repeats ("Jan Coggan", read as "Jan. Coggan"; for grammar,
        not the name said twice, "Wrench Wrench", nor "I"), a grammar or word-choice flag on
        a word of its own."""
        named = ("capitalization", "grammar")
        forms = mid_sentence_forms(text, capitalised_only=True) if any(f.category in named for f in flags) else None
        doc_total = sum(doc_counts.values())

        def vouched(f: Flag) -> bool:
            if f.category in named and is_document_name(text, f.start, f.end, forms):
                words = [m.group() for m in iter_words(text[f.start : f.end])]
                if f.category == "capitalization" or (
                        all(len(w) > 1 for w in words) and all(a != b for a, b in zip(words, words[1:]))):
                    return True
            if f.category in ("grammar", "word_choice"):
                word = text[f.start : f.end]
                return is_own_word(word, doc_counts, doc_total, self.lexicon.count(word), self._lexicon_total)
            return False

        return [f for f in flags if not vouched(f)]

    def unknown_test(self, doc_counts: Counter) -> Callable[[str], int]:
        """Is a word new to the corpus, to the English word list and to the rest of the
        document, and then a name (capitalised)? Spelling flags on such words have their own
        thresholds (`tagging.UNKNOWN_*`: 0 is known)."""
        seen: dict[str, int] = {}

        def unknown(word: str) -> int:
            answer = seen.get(word)
            if answer is None:
                key = normalise(word)
                if key.endswith("'s"):
                    key = key[:-2]  # a possessive is as known as its noun
                if self.lexicon.count(key) or doc_counts.get(key, 0) > 1 or is_english_word(key):
                    answer = 0
                elif word[:1].isupper():
                    answer = UNKNOWN_CAPITAL
                else:
                    answer = UNKNOWN_LOWER
                seen[word] = answer
            return answer

        return unknown

    def is_slip(self, word: str) -> bool:
        """Does an unknown word look like a slip of a common one (`slips.py`)? Remembered: the
        answer depends on the lexicon alone."""
        answer = self._slips.get(word)
        if answer is None:
            answer = self._slips[word] = looks_like_slip(self.lexicon, word)
        return answer

    def odd_spans(self, text: str) -> list[tuple[int, int]]:
        """Words of pairs the training books never wrote (none without a pair table, or
        without thresholds that use them)."""
        if self.pairs is None:
            return []
        return self.pairs.odd_spans(text)

    def rule_flags(self, text: str, rules: frozenset[str] | None = None, lookups: bool = True) -> list[Flag]:
        """Flags from the lexicon-and-rules detector, for the rule categories enabled and
        (unless `lookups` is false) the lookups, which are always on (`baseline.LOOKUPS`)."""
        rules = self.rules if rules is None else rules
        rules = rules | {LOOKUPS} if lookups else rules - {LOOKUPS}
        return [Flag(i.start, i.end, i.category, i.score, i.message, i.suggestions)
                for i in self._rules.rule_issues(text, rules)]

    def detect(self, text: str) -> list[Issue]:
        """Flags as issues, each with suggestions the model ranks in context."""
        doc_counts = document_counts(text)
        index = None
        if self.threads > 1 and len(text) >= SURELY_SPELLED_CHARS:
            # A long text will want the spelling index: build it on one thread while the
            # others run the model, and once, not in several threads racing to build it.
            index = self._thread_pool().submit(spelling.index_for, self.lexicon)
        flags = self.flags(text, doc_counts)
        if index is not None:
            index.result()
        elif self.threads > 1 and any(f.category in _SPELLING_INDEX_CATEGORIES for f in flags):
            spelling.index_for(self.lexicon)

        def suggestions(f: Flag) -> Issue:
            issue = Issue(f.start, f.end, f.category, f.message or MESSAGES[f.category], (), f.score)
            issue = with_suggestions(text, issue, self.lexicon, self, doc_counts=doc_counts)
            return with_rule_fixes(text, issue, f) if f.fixes else issue

        return drop_overlapping_repeats(list(self._map(suggestions, flags)))

    def _map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """`map`, in order, over `self.threads` threads; a few items ahead, never the whole input.

        numpy gives up the GIL for its large array operations, so threads run the model in
        parallel while sharing one copy of it.
        """
        if self.threads <= 1:
            yield from map(fn, items)
            return
        pool = self._thread_pool()
        pending = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= 2 * self.threads:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def _thread_pool(self) -> ThreadPoolExecutor:
        """The worker threads, made on first use and again when `threads` changes."""
        if self._pool is None or self._pool_size != self.threads:
            if self._pool is not None:
                self._pool.shutdown(wait=False)
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="galleyproof")
            self._pool_size = self.threads
        return self._pool


def with_rule_fixes(text: str, issue: Issue, flag: Flag) -> Issue:
    """`issue` (suggested for `flag`'s span, perhaps widened) with the rule's own fixes first,
    each scored as the suggester scored the same text, or at the flag's score if it did not."""
    if issue.start > flag.start or issue.end < flag.end:
        return issue
    head, tail = text[issue.start : flag.start], text[flag.end : issue.end]
    scored = dict(zip(issue.suggestions, issue.suggestion_scores or (flag.score,) * len(issue.suggestions),
                      strict=True))
    options = {head + fix + tail: None for fix in flag.fixes}
    options.update(dict.fromkeys(issue.suggestions))
    best = list(options)[:SUGGESTION_LIMIT]
    return dataclasses.replace(issue, suggestions=tuple(best),
                               suggestion_scores=tuple(scored.get(s, flag.score) for s in best))


def _load_pairs(model_dir: Path) -> PairTable | None:
    """The model's pair table; optional (models trained before it lack one), but a damaged
    one is named like any other model file."""
    path = model_dir / PAIRS_FILE
    if not path.exists():
        return None
    try:
        return PairTable.load(path)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error) as err:
        raise ModelFilesError(path, f"is damaged ({err})", remedy(model_dir)) from None


def _call(task: Callable[[], R]) -> R:
    return task()


def _chunks(items: Iterable[Passage]) -> Iterator[list[Passage]]:
    """Consecutive passages grouped up to `CHUNK_CHARS` characters or `PASSAGES_PER_CHUNK` passages."""
    chunk: list[Passage] = []
    size = 0
    for passage in items:
        chunk.append(passage)
        size += len(passage.text)
        if size >= CHUNK_CHARS or len(chunk) >= PASSAGES_PER_CHUNK:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def default_threads() -> int:
    """The cores this process may use, capped at `MAX_DEFAULT_THREADS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_THREADS))
