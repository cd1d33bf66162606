"""Ranking candidates: by prior alone, or by how clean the model finds each repaired text.

The tagger is no language model, but it was trained to say which tokens are wrong, so the
probability it gives "ok" over the repaired region is a direct measure of a fix. Where a fix
changes the words, word-pair counts (`fluency`) say how English the words read, which the
tagger cannot: it finds a word dropped beside a gap as clean as the missing word put in.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from galleyproof.model.tagging import MISSING, offset_array
from galleyproof.suggest import fluency, tense
from galleyproof.suggest.candidates import Candidate
from galleyproof.text.paragraphs import PARAGRAPH_BREAK, Passage, emoji_free
from galleyproof.text.words import WORD_RE

#: Characters of context each side of the edit that the model reads: 40 ranks as 60 did on the
#: evals (docs/experiments/inference_speed.md, "Fourth round") with 0.7x the tokens to score.
CONTEXT_CHARS = 40
#: Words each side of the edit whose tokens count in a candidate's score.
CONTEXT_WORDS = 2
#: Log-probability of the region being clean, weighed against the prior.
MODEL_WEIGHT = 1.0
#: What the model's belief that something is missing at a gap adds to putting something there:
#: the tagger hears a gap better than it judges which word fills it.
GAP_WEIGHT = 2.0
#: The weight of how much likelier the words read with the fix (`fluency.gain`, log odds):
#: chosen on dev data with `fluency.WORD_BONUS` (docs/experiments/suggestions.md, "Seventh round").
FLUENCY_WEIGHT = 0.2
#: The model reads a flag's best candidates by their cheap score (prior, word-pair fluency and
#: the text's tense), this many, not all 16: its rows were 40% of a whole book's forward
#: passes, and a candidate low on the cheap score seldom leads once the model has read it; on
#: the dev sets' found errors, five put the right fix first or in the first three as often as
#: sixteen did (docs/experiments/inference_speed.md, "Eighth round").
MODEL_CANDIDATES = 5
#: Besides those, the best of each kind of edit by the cheap score (a dropped word, a mark put
#: in, a recasing): the fluency counts say least of marks and dropped words, so a kind whose
#: candidates all score low before the model may still hold the one it finds clean.
EACH_KIND = 1
_P_FLOOR = 1e-6
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r(?!\n)|\n)[ \t]*")


class TokenScorer(Protocol):
    """What ranking needs of a model: `ModelDetector.scores_together`, token offsets and
    label probabilities for rows scored side by side."""

    def scores_together(self, passages_: list, doc_counts: Counter) -> list[tuple[list, np.ndarray]]: ...


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    return e / e.sum()


def _window(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Up to `CONTEXT_CHARS` each side of [lo, hi), within the paragraph, cut at spaces."""
    a, b = max(0, lo - CONTEXT_CHARS), min(len(text), hi + CONTEXT_CHARS)
    for m in PARAGRAPH_BREAK.finditer(text, a, lo):
        a = m.end()
    m = PARAGRAPH_BREAK.search(text, hi, b)
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
    """A piece of the paragraph as the model reads it: line breaks as spaces, no emoji."""
    return emoji_free(_LINE_BREAK.sub(" ", piece))


@dataclass(frozen=True)
class ModelView:
    """What the model says of a site: `fit[i]`, the log-probability that every token near the
    edit is fine with candidate i applied; `as_is`, the same for the text as it is; `gap[i]`,
    for a candidate that only puts something in, how sure the model is, reading the text as
    it is, that something is missing right there (0 for other candidates)."""

    fit: np.ndarray
    as_is: float
    gap: np.ndarray


def fluency_gains(text: str, candidates: Sequence[Candidate]) -> np.ndarray:
    """`fluency.gain` of each candidate over the words around it (the model's window)."""
    lo = min(c.start for c in candidates)
    hi = max(c.end for c in candidates)
    a, b = _window(text, lo, hi)
    pairs = fluency.shipped_pairs()
    before = text[a:b]
    return np.array(fluency.gains(pairs, before, [text[a : c.start] + c.new + text[c.end : b] for c in candidates]))


def worth_scoring(candidates: Sequence[Candidate], cheap: np.ndarray) -> list[int]:
    """The candidates (their indices, in order) the model scores: the `MODEL_CANDIDATES` best
    by `cheap` (prior, fluency and tense), the `EACH_KIND` best of each kind, and every one
    the text itself signs for (a rule's own fix, a doubled mark), which a rule may make lead
    whatever its scores."""
    by_cheap = np.argsort(-cheap, kind="stable")
    chosen = {int(i) for i in by_cheap[:MODEL_CANDIDATES]}
    taken: Counter = Counter()
    for i in by_cheap:
        kind = candidates[i].kind
        if taken[kind] < EACH_KIND:
            chosen.add(int(i))
        taken[kind] += 1
    chosen.update(i for i, c in enumerate(candidates) if c.sign)
    return sorted(chosen)


def model_scores(model: TokenScorer, text: str, candidates: Sequence[Candidate], doc_counts: Counter,
                 reach: tuple[int, int] | None = None) -> ModelView:
    """The model's view of each candidate and of the text as it is, in one call to the model.

    `reach`: the stretch of text whose words are read around (all a flag's candidates', where
    only some of them are scored), so the scores read the same region as if all were."""
    lo = min(c.start for c in candidates)
    hi = max(c.end for c in candidates)
    if reach is not None:
        lo, hi = min(lo, reach[0]), max(hi, reach[1])
    a, b = _window(text, lo, hi)
    r_lo, r_hi = _context(text, a, lo, hi, b)
    prefix, suffix = _unwrap(text[a:lo]), _unwrap(text[hi:b])
    region_start = len(_unwrap(text[a:r_lo]))
    tail = len(_unwrap(text[r_hi:b]))
    rows = [text[lo:hi], *(text[lo : c.start] + c.new + text[c.end : hi] for c in candidates)]
    texts = [prefix + _unwrap(middle) + suffix for middle in rows]
    passages_ = [Passage(t, list(range(len(t)))) for t in texts]
    scores = []
    outputs = model.scores_together(passages_, doc_counts)
    for t, (offsets, probs) in zip(texts, outputs, strict=True):
        region_end = len(t) - tail
        spans = offset_array(offsets)
        inside = (spans[:, 0] < region_end) & (spans[:, 1] > region_start)
        scores.append(float(np.log(np.maximum(probs[inside, 0], _P_FLOOR)).sum()))
    offsets, probs = outputs[0]
    ends = offset_array(offsets)[:, 1]
    gap = np.zeros(len(candidates))
    for k, c in enumerate(candidates):
        if c.start == c.end:
            # Training tags the token just after a gap (the one holding its end) as MISSING.
            pos = len(prefix) + len(_unwrap(text[lo : c.start]))
            after = np.flatnonzero(ends > pos)
            gap[k] = float(probs[after[0], MISSING]) if len(after) else 0.0
    return ModelView(np.asarray(scores[1:]), scores[0], gap)


def unread_totals(cheap: np.ndarray, chosen: list[int], as_is: float) -> np.ndarray:
    """What the candidates the model did not read add to the belief: each its cheap score and
    the model's score of the text as it is, which an edit left unread is taken to leave as clean
    as it was: on the dev sets' flags, the median unread edit scores 0.1-0.25 above the text as
    it is, half of them between 0.3 below and 1.4 above (docs/experiments/inference_speed.md,
    "Eighth round")."""
    unread = np.ones(len(cheap), dtype=bool)
    unread[chosen] = False
    return cheap[unread] + MODEL_WEIGHT * as_is


def rank(
    text: str,
    candidates: Sequence[Candidate],
    model: TokenScorer | None = None,
    doc_counts: Counter | None = None,
) -> list[tuple[Candidate, float]]:
    """Candidates best first, each with its share of the belief (softmax of prior + model).

    With a model, leaving the text as it is takes part in the softmax, so a score says how
    sure the fix is, not only how it compares with the others. The model reads only the
    candidates `worth_scoring` picks; the others are not offered, but keep their share of the
    belief, each counted as leaving the text as clean as it is (`unread_totals`), so a fix's
    score does not rise for the rivals the model left unread.
    """
    if not candidates:
        return []
    priors = np.array([c.prior for c in candidates], dtype=np.float64)
    if model is None:
        totals = priors
        rest = np.array([-math.inf])
    else:
        reach = (min(c.start for c in candidates), max(c.end for c in candidates))
        cheap = priors + FLUENCY_WEIGHT * fluency_gains(text, candidates) if FLUENCY_WEIGHT else priors
        if doc_counts:
            cheap = cheap + tense.past_fit(text, candidates, doc_counts)
        chosen = worth_scoring(candidates, cheap)
        candidates = [candidates[i] for i in chosen]
        view = model_scores(model, text, candidates, doc_counts or Counter(), reach)
        totals = cheap[chosen] + MODEL_WEIGHT * view.fit + GAP_WEIGHT * view.gap
        rest = np.append(MODEL_WEIGHT * view.as_is, unread_totals(cheap, chosen, view.as_is))
    probs = softmax(np.append(totals, rest))[: len(totals)]
    order = np.argsort(-totals, kind="stable")
    return [(candidates[i], float(probs[i])) for i in order]
