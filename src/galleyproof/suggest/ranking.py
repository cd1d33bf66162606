"""Ranking candidates: by prior alone, or by how clean the model finds each repaired text.

The tagger is no language model, but it was trained to say which tokens are wrong, so the
probability it gives "ok" over the repaired region is a direct measure of a fix.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from galleyproof.suggest.candidates import Candidate
from galleyproof.words import WORD_RE

#: Characters of context each side of the edit that the model reads.
CONTEXT_CHARS = 60
#: Words each side of the edit whose tokens count in a candidate's score.
CONTEXT_WORDS = 2
#: Log-probability of the region being clean, weighed against the prior.
MODEL_WEIGHT = 1.0
_P_FLOOR = 1e-6
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r(?!\n)|\n)[ \t]*")


class TokenScorer(Protocol):
    """What ranking needs of a model: `ModelDetector.token_probs`."""

    def token_probs(self, passages_: list, doc_counts: Counter) -> list[tuple[list, np.ndarray]]: ...


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    return e / e.sum()


def _window(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Up to `CONTEXT_CHARS` each side of [lo, hi), within the paragraph, cut at spaces."""
    a, b = max(0, lo - CONTEXT_CHARS), min(len(text), hi + CONTEXT_CHARS)
    for m in _PARAGRAPH_BREAK.finditer(text, a, lo):
        a = m.end()
    m = _PARAGRAPH_BREAK.search(text, hi, b)
    if m:
        b = m.start()
    while 0 < a < lo and not text[a - 1].isspace():
        a += 1
    while hi < b < len(text) and not text[b].isspace():
        b -= 1
    return a, b


def _context(text: str, a: int, lo: int, hi: int, b: int) -> tuple[int, int]:
    """The start of the `CONTEXT_WORDS`th word before lo and the end of the one after hi."""
    before = [m.start() for m in WORD_RE.finditer(text, a, lo)]
    after = [m.end() for m in WORD_RE.finditer(text, hi, b)]
    return (before[-CONTEXT_WORDS] if len(before) >= CONTEXT_WORDS else a,
            after[CONTEXT_WORDS - 1] if len(after) >= CONTEXT_WORDS else b)


def _unwrap(piece: str) -> str:
    return _LINE_BREAK.sub(" ", piece)


def model_scores(
    model: TokenScorer, text: str, candidates: Sequence[Candidate], doc_counts: Counter
) -> tuple[np.ndarray, float]:
    """Log-probability that every token near the edit is fine, for each candidate applied and
    for the text as it is; all in one call to the model."""
    from galleyproof.model_detector import Passage

    lo = min(c.start for c in candidates)
    hi = max(c.end for c in candidates)
    a, b = _window(text, lo, hi)
    r_lo, r_hi = _context(text, a, lo, hi, b)
    prefix, suffix = _unwrap(text[a:lo]), _unwrap(text[hi:b])
    region_start = len(_unwrap(text[a:r_lo]))
    tail = len(_unwrap(text[r_hi:b]))
    rows = [text[lo:hi], *(text[lo : c.start] + c.new + text[c.end : hi] for c in candidates)]
    texts = [prefix + _unwrap(middle) + suffix for middle in rows]
    passages_ = [Passage(t, list(range(len(t)))) for t in texts]
    scores = []
    for t, (offsets, probs) in zip(texts, model.token_probs(passages_, doc_counts), strict=True):
        region_end = len(t) - tail
        nll = -np.log(np.maximum(probs[:, 0], _P_FLOOR))
        inside = [i for i, (s, e) in enumerate(offsets) if s < region_end and e > region_start]
        scores.append(-float(nll[inside].sum()))
    return np.asarray(scores[1:]), scores[0]


def rank(
    text: str,
    candidates: Sequence[Candidate],
    model: TokenScorer | None = None,
    doc_counts: Counter | None = None,
) -> list[tuple[Candidate, float]]:
    """Candidates best first, each with its share of the belief (softmax of prior + model).

    With a model, leaving the text as it is takes part in the softmax, so a score says how
    sure the fix is, not only how it compares with the others.
    """
    if not candidates:
        return []
    priors = np.array([c.prior for c in candidates], dtype=np.float64)
    if model is None:
        totals = priors
        keep = -math.inf
    else:
        fit, as_is = model_scores(model, text, candidates, doc_counts or Counter())
        totals = priors + MODEL_WEIGHT * fit
        keep = MODEL_WEIGHT * as_is
    probs = softmax(np.append(totals, keep))[:-1]
    order = np.argsort(-totals, kind="stable")
    return [(candidates[i], float(probs[i])) for i in order]
