"""The language model as a `Detector`: paragraphs in, token scores, spans out.

A model folder holds everything inference needs: `config.json`, `weights.npz`,
`tokenizer.json`, `lexicon.tsv.gz` and `thresholds.json`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np

from galleyproof.baseline import BaselineDetector
from galleyproof.inference import NumpyTagger
from galleyproof.issues import Issue, sort_issues
from galleyproof.lexicon import Lexicon
from galleyproof.suggest import with_suggestions
from galleyproof.tagging import Flag, flags_from_probs, merge_flags, token_buckets, word_buckets
from galleyproof.tokenizer import Tokenizer
from galleyproof.words import document_counts, normalise

THRESHOLDS_FILE = "thresholds.json"
PASSAGES_PER_CHUNK = 256
TOKENIZER_FILE = "tokenizer.json"
LEXICON_FILE = "lexicon.tsv.gz"

_NEWLINE = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH_BREAK = re.compile(rf"{_NEWLINE}[ \t]*{_NEWLINE}\s*")
_LINE_BREAK = re.compile(rf"[ \t]*{_NEWLINE}[ \t]*")

MESSAGES = {
    "spelling": "Possible misspelling",
    "word_choice": "This word may be the wrong one here",
    "punctuation": "Check the punctuation here",
    "whitespace": "Check the spacing here",
    "capitalization": "Check the capitalisation here",
    "grammar": "This may be ungrammatical (a wrong form, or an extra or missing word)",
}


@dataclass
class Passage:
    """A paragraph as the model reads it: hard line breaks made single spaces.

    `origin[i]` is the index in the document of `text[i]`, so spans map back exactly.
    """

    text: str
    origin: list[int]

    def to_document(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1


def iter_passages(document: str) -> Iterator[Passage]:
    """Split on blank lines and unwrap each paragraph, keeping an exact offset map.

    A generator, so a huge file is never held as passages all at once.
    """
    pos = 0
    bounds = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(document)]
    for brk_start, brk_end in [*bounds, (len(document), len(document))]:
        chunk_start, chunk_end = pos, brk_start
        pos = brk_end
        while chunk_end > chunk_start and document[chunk_end - 1].isspace():
            chunk_end -= 1
        while chunk_start < chunk_end and document[chunk_start].isspace():
            chunk_start += 1
        if chunk_start == chunk_end:
            continue
        pieces, origin = [], []
        cursor = chunk_start
        for m in _LINE_BREAK.finditer(document, chunk_start, chunk_end):
            pieces.append(document[cursor : m.start()])
            origin.extend(range(cursor, m.start()))
            pieces.append(" ")
            origin.append(m.start())
            cursor = m.end()
        pieces.append(document[cursor:chunk_end])
        origin.extend(range(cursor, chunk_end))
        yield Passage("".join(pieces), origin)


def passages(document: str) -> list[Passage]:
    return list(iter_passages(document))


class ModelDetector:
    """Tags tokens with the trained model; adds suggestions from the lexicon."""

    def __init__(self, model_dir: str | Path, window: int | None = None, batch_size: int = 32) -> None:
        self.model_dir = Path(model_dir)
        self.tagger = NumpyTagger.load(self.model_dir)
        self.tokenizer = Tokenizer.load(self.model_dir / TOKENIZER_FILE)
        self.lexicon = Lexicon.load(self.model_dir / LEXICON_FILE)
        self.thresholds: dict[str, float] = json.loads(
            (self.model_dir / THRESHOLDS_FILE).read_text(encoding="utf-8")
        )
        self.window = window or self.tagger.cfg["max_len"]
        self.batch_size = batch_size
        self.version = self.tagger.cfg.get("version", self.model_dir.name)
        # Lookup rules the calibration found to add precision-safe recall (thresholds.json "rules").
        self.rules: frozenset[str] = frozenset(self.thresholds.pop("rules", ()))
        self._rules = BaselineDetector(self.lexicon)

    def token_probs(self, passages_: list[Passage], doc_counts: Counter) -> list[tuple[list, np.ndarray]]:
        """Per passage: token offsets and label probabilities, long passages in overlapping windows."""
        encoded = []
        jobs = []  # (passage index, token start, token end, keep start, keep end)
        for pi, passage in enumerate(passages_):
            enc = self.tokenizer.encode(passage.text)
            lex = token_buckets(enc.offsets, word_buckets(passage.text, self.lexicon, doc_counts))
            encoded.append((enc.offsets, np.asarray(enc.ids, dtype=np.int64), lex))
            n, w = len(enc.ids), self.window
            stride = max(w * 3 // 4, 1)
            lo = 0
            while True:
                hi = min(lo + w, n)
                keep_lo = 0 if lo == 0 else lo + (w - stride) // 2
                keep_hi = n if hi == n else hi - (w - stride) // 2
                jobs.append((pi, lo, hi, keep_lo, keep_hi))
                if hi == n:
                    break
                lo += stride
        out = [np.zeros((len(e[1]), self.tagger.cfg["n_labels"]), dtype=np.float32) for e in encoded]
        jobs.sort(key=lambda j: j[2] - j[1])  # similar lengths together: less padding
        for b in range(0, len(jobs), self.batch_size):
            batch = jobs[b : b + self.batch_size]
            t = max(j[2] - j[1] for j in batch)
            ids = np.zeros((len(batch), t), dtype=np.int64)
            lex = np.zeros((len(batch), t), dtype=np.int64)
            mask = np.zeros((len(batch), t), dtype=bool)
            for r, (pi, lo, hi, _, _) in enumerate(batch):
                ids[r, : hi - lo] = encoded[pi][1][lo:hi]
                lex[r, : hi - lo] = encoded[pi][2][lo:hi]
                mask[r, : hi - lo] = True
            probs = self.tagger.probs(ids, lex, mask)
            for r, (pi, lo, hi, keep_lo, keep_hi) in enumerate(batch):
                out[pi][keep_lo:keep_hi] = probs[r, keep_lo - lo : keep_hi - lo]
        return [(encoded[i][0], out[i]) for i in range(len(encoded))]

    def flags(self, text: str, doc_counts: Counter | None = None) -> list[Flag]:
        """Spans (document offsets) the model flags, before messages and suggestions.

        Passages go through the model a chunk at a time, so memory stays bounded by the
        chunk, not the file.
        """
        if doc_counts is None:
            doc_counts = document_counts(text)
        unknown = self.unknown_test(doc_counts)
        flags = []
        chunk: list[Passage] = []
        for passage in chain(iter_passages(text), [None]):
            if passage is not None:
                chunk.append(passage)
                if len(chunk) < PASSAGES_PER_CHUNK:
                    continue
            for part, (offsets, probs) in zip(chunk, self.token_probs(chunk, doc_counts)):
                for f in flags_from_probs(part.text, offsets, probs, self.thresholds, unknown):
                    start, end = part.to_document(f.start, f.end)
                    flags.append(Flag(start, end, f.category, f.score))
            chunk = []
        return merge_flags(flags + self.rule_flags(text)) if self.rules else flags

    def unknown_test(self, doc_counts: Counter) -> Callable[[str], bool]:
        """Is a word new to both the corpus and the rest of the document (a likely slip)?"""

        def unknown(word: str) -> bool:
            key = normalise(word)
            return self.lexicon.count(key) == 0 and doc_counts.get(key, 0) <= 1

        return unknown

    def rule_flags(self, text: str, rules: frozenset[str] | None = None) -> list[Flag]:
        """Flags from the lexicon-and-rules detector, for the rule categories enabled."""
        rules = self.rules if rules is None else rules
        return [Flag(i.start, i.end, i.category, i.score) for i in self._rules.rule_issues(text, rules)]

    def detect(self, text: str) -> list[Issue]:
        """Flags as issues, each with suggestions the model ranks in context."""
        doc_counts = document_counts(text)
        issues = [
            with_suggestions(text, Issue(f.start, f.end, f.category, MESSAGES[f.category], (), f.score),
                             self.lexicon, self, doc_counts=doc_counts)
            for f in self.flags(text, doc_counts)
        ]
        return sort_issues(issues)
