"""`learn`: fine-tune the active model on the writer's decisions, behind a gate.

Only the last block(s), the final norm and the head train; embeddings and lower blocks
stay frozen. Why not LoRA: with a frozen trunk the result is still a plain state dict
that `NumpyTagger` reads unchanged (no adapter code on the check path), backward stops at
the first trainable block so a step is cheap on a CPU, and the lexicon and token features
that general detection rests on cannot drift.

Each batch mixes decision windows (a rejected span's tokens labelled ok, an accepted or
edited one's labelled with its category, the rest of the paragraph unlabelled) with
replay: the writer's own clean-looking paragraphs and the training books' paragraphs the
model folder carries (`training/replay.py`), corrupted by `galleyproof.noise`, so the model
keeps finding errors, in the writer's prose and in general, while it learns what not to
flag. The frozen blocks run once per window, not once per step. Afterwards the thresholds the writer's rejected flags
pass under are raised, within a small budget of synthetic recall on held-out paragraphs of
the writer's (their prose sets those flags off more often than the books the thresholds
were calibrated on), and all are scaled until the new model finds as many of those
synthetic errors as its parent does. Thresholds live in the version's folder, so a
rollback undoes them.
The new version is kept only if it honours the decisions and, given an eval file, its
recall does not drop beyond the noise floor. Rejections are judged as `check` will run:
the new model behind the writer's filter (see `Gate`).

A manuscript with a voice (dialect, a writer's habits): once the writer has rejected
`VOICE_REJECTIONS` flags in a document and at least `VOICE_SHARE` of their verdicts there are
rejections, its flagged paragraphs join the replay too, not only the clean-looking ones: read
as the writer writes, corrupted by the noise, every token but the injected errors labelled
ok, so the model learns the constructions it kept flagging there, not only the few spans
decided. A quarter of the paragraphs are never trained on: the gate counts the flags
(behind the filter, each paragraph read in its manuscript with that manuscript's voice, at the
sensitivity `check` runs) the new model raises on them against the parent's, and refuses a
version that raises more (`Gate.alarms_pass`). The gate judges at the
writer's sensitivity (`LearnConfig.sensitivity`, `check`'s default unless told), not at the
model's own thresholds: what a writer who checks at `thorough` would see.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from galleyproof.corpus import Book, Paragraph
from galleyproof.english.lexicon import Lexicon
from galleyproof.evals.compare import compare_results
from galleyproof.evals.data import load_eval
from galleyproof.evals.scoring import run_eval
from galleyproof.feedback.filter import VOICE_REJECTIONS, PersonalFilter
from galleyproof.feedback.store import Decision, FeedbackStore
from galleyproof.issues import Issue, detect_with
from galleyproof.model import versions as registry
from galleyproof.model.detector import ModelDetector
from galleyproof.model.folder import (
    CONFIG_FILE,
    LEXICON_FILE,
    ONNX_FILE,
    PAIRS_FILE,
    THRESHOLDS_FILE,
    TOKENIZER_FILE,
    WEIGHTS_FILE,
)
from galleyproof.model.numpy_tagger import export_weights
from galleyproof.model.onnx_export import export_onnx
from galleyproof.model.sensitivity import DEFAULT, AtSensitivity, thresholds_for
from galleyproof.model.tagger import ModelConfig, Tagger
from galleyproof.model.tagging import Edit, token_buckets, token_labels, word_buckets
from galleyproof.model.tokenizer import Tokenizer
from galleyproof.noise import for_corpus
from galleyproof.noise.valset import build_valset
from galleyproof.proofreader import Proofreader
from galleyproof.text.document import Document
from galleyproof.text.io import InputError, read_text
from galleyproof.text.paragraphs import passages
from galleyproof.text.words import document_counts
from galleyproof.training.calibrate import GRID, CachedItem, cache_items, score
from galleyproof.training.examples import MIN_WORDS, Example, ExampleStream, collate
from galleyproof.training.loop import LoopConfig, lr_at
from galleyproof.training.replay import REPLAY_FILE, read_replay

#: Noisy windows drawn per replay paragraph, at most: enough variety for a few hundred steps.
REPLAY_PER_PARAGRAPH = 3
#: Factors tried, in order, on the parent's thresholds to give back the recall learning costs.
THRESHOLD_SCALES = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5)
#: No threshold is raised for the writer beyond this.
MAX_THRESHOLD = 0.95
#: How `learn` may win back the recall it cost (`LearnConfig.matching`).
MATCHINGS = ("scale", "by_key")
#: How far `match_recall_by_key` lowers one threshold at a time.
MATCH_STEP = 0.05
#: A threshold this high is one calibration switched (all but) off: scaling leaves it alone.
SWITCHED_OFF = 0.99
#: Float slack when comparing recall differences with a bound (counts over a total are inexact).
RECALL_TOLERANCE = 1e-9
#: Thresholds a writer's rejections never raise: those of the pair table's evidence (a pair the
#: training books never write). The writer's synthetic held-out errors seldom make such pairs,
#: so they cannot price a raise: on benchmarks/learning.py, odd_pair 0.10 -> 0.40 freed rejected
#: flags at no synthetic cost and took 2.5 points of eval recall (0.350 -> 0.333 for the
#: same learned weights).
NOT_RAISED = frozenset({"odd_pair", "odd_missing"})
#: Share of a document's verdicts that must be rejections (with at least `VOICE_REJECTIONS` of
#: them) for its flagged paragraphs to be read as the writer's voice and trained on as written.
VOICE_SHARE = 0.8


def free_cores() -> int:
    """The cores other work leaves free now, at least one: the load average less this process's
    own (one core). torch's threads wait for each other by spinning, so on a loaded machine more
    threads than free cores is ruinous: on a 2-core machine under load 7, a training step of
    `learn` took 3.2 s on two threads and 0.33 s on one."""
    cores = os.cpu_count() or 1
    try:
        busy = max(os.getloadavg()[0] - 1, 0.0)
    except OSError:  # no load average on this platform
        return cores
    return max(1, min(cores, round(cores - busy)))


class NothingToLearn(ValueError):
    """No decision that can be trained on (none recorded, or none inside one paragraph)."""


@dataclass
class LearnConfig:
    steps: int = 300
    max_seconds: float = 180.0
    batch_size: int = 16
    # On benchmarks/learning.py (model alm-20261123-161250) 1e-4 and 3e-5 cost 3.3 and 2.0
    # points of eval recall; 1e-5 costs 0.8, and learns fewer of the exact rejections.
    lr: float = 1e-5
    blocks: int = 1  # how many of the last blocks train
    decision_share: float = 0.25  # of each batch's windows; the rest is replay
    # Share of the loss on decided tokens (a decision window labels a few, a replay window
    # all). Higher weights cut more false alarms but cost recall: on benchmarks/learning.py
    # 0.2 and 0.5 lost 5 and 10 points, which the gate refuses; 0.1 lost 1.3 (not significant).
    decision_weight: float = 0.1
    replay_paragraphs: int = 400  # clean-looking paragraphs screened for replay, at most
    replay_windows: int = 600  # noisy replay windows drawn from them, fixed for the run
    book_replay_windows: int = 600  # noisy windows of the folder's book paragraphs (none without a sample)
    held_out_copies: int = 3  # noisy versions of each held-out paragraph that price threshold changes
    seed: int = 0
    threads: int = 0  # 0: the cores other work leaves free now (`free_cores`)
    eval_path: Path | None = None
    # Share of rejected spans the new model behind the writer's filter must leave unflagged
    # (see `Gate`), and of accepted errors the model must still flag (no filter adds flags).
    min_rejected_honoured: float = 0.9
    min_accepted_kept: float = 0.9
    # Raising the thresholds of the kinds of flag the writer rejects: at most this much per
    # threshold, and at most this much synthetic recall (on their held-out paragraphs) in all.
    max_raise: float = 0.3
    raise_recall_budget: float = 0.01
    max_recall_drop: float = 0.01
    alpha: float = 0.05
    force: bool = False
    # The sensitivity the gate judges at: the one the writer's `check` runs (`model.sensitivity`).
    sensitivity: str = DEFAULT
    # Whether a document the writer's verdicts mark as written in a voice (see the module's
    # docstring) has its flagged paragraphs replayed too.
    voice: bool = True
    # How the recall learning cost is won back: "scale", every threshold by one factor
    # (`match_recall`), or "by_key", one threshold at a time (`match_recall_by_key`).
    matching: str = "scale"


@dataclass
class Gate:
    """The numbers a new version is kept or refused on.

    The policy: rejections count as `check` will run them, the model behind the writer's
    filter (`rejected_honoured`); how many the model alone no longer flags
    (`rejected_learned`) is reported, not gated. The filter already drops every exact
    rejected flag, so a bar on the model alone asks it to memorise what is already honoured,
    and refused versions that cut false alarms on new text without costing recall
    (benchmarks/learning.py: 7/22 learned, -58% false alarms, recall -0.8 point). What the
    gate guards against is a model whose flags move off what the filter recognises (a
    rejected flag back in another span or category), an accepted error no longer flagged,
    and lost recall on the eval file. Whether the model generalises to new text no
    decision covers is measured by the benchmark, not gated.
    """

    rejected: int
    rejected_honoured_before: int  # the parent behind the filter
    rejected_honoured: int  # the new model behind the filter: gated (the share, or no fewer than the parent)
    accepted: int
    accepted_kept_before: int
    accepted_kept: int
    min_rejected_honoured: float
    min_accepted_kept: float
    rejected_learned_before: int = 0  # the parent alone
    rejected_learned: int = 0  # the new model alone: reported only
    eval_path: str | None = None
    recall_before: float | None = None
    recall_after: float | None = None
    mcnemar_b: int | None = None  # gold errors found only by the new version
    mcnemar_c: int | None = None  # found only by the parent
    p_value: float | None = None
    max_recall_drop: float = 0.01
    alpha: float = 0.05
    sensitivity: str = DEFAULT
    # Flags (behind the filter, at `sensitivity`) on paragraphs of the writer's documents that
    # were never trained on: the parent's and the new model's. On a book's own text most flags
    # are false alarms, so a version that raises more is refused.
    unseen_paragraphs: int = 0
    flags_before: int = 0
    flags_after: int = 0

    @property
    def alarms_pass(self) -> bool:
        return self.flags_after <= self.flags_before

    @property
    def decisions_pass(self) -> bool:
        # The share, or at least as many as the parent behind the same filter: flags on a
        # paragraph read alone may fall outside what the filter recognises in the document.
        ok_rejected = (self.rejected == 0 or self.rejected_honoured >= self.min_rejected_honoured * self.rejected
                       or self.rejected_honoured >= self.rejected_honoured_before)
        ok_accepted = self.accepted == 0 or self.accepted_kept >= self.min_accepted_kept * self.accepted
        return ok_rejected and ok_accepted

    @property
    def recall_delta(self) -> float | None:
        if self.recall_before is None or self.recall_after is None:
            return None
        return self.recall_after - self.recall_before

    @property
    def eval_pass(self) -> bool | None:
        """Recall down at most `max_recall_drop`, and no significant loss in the paired test
        either. None when no eval file was given: the gate is then partial."""
        if self.recall_delta is None:
            return None
        drop_ok = self.recall_delta >= -self.max_recall_drop - RECALL_TOLERANCE  # 4/400 is one point, not more
        return drop_ok and (self.p_value >= self.alpha or self.recall_delta >= 0)

    @property
    def passed(self) -> bool:
        return self.decisions_pass and self.alarms_pass and self.eval_pass is not False

    def to_json(self) -> dict:
        return asdict(self) | {
            "recall_delta": self.recall_delta,
            "decisions_pass": self.decisions_pass,
            "eval_pass": self.eval_pass,
            "alarms_pass": self.alarms_pass,
            "passed": self.passed,
        }


@dataclass
class LearnResult:
    version: str
    parent: str
    kept: bool
    gate: Gate
    steps: int
    seconds: float
    decisions: int
    replay_paragraphs: int
    threshold_matching: dict = field(default_factory=dict)
    voice_paragraphs: int = 0  # flagged paragraphs of documents in a voice, replayed as written
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Doc:
    """A document decisions were made on, as far as it can still be read."""

    counts: Counter
    paragraphs: list[str]


def latest_decisions(decisions: list[Decision]) -> list[Decision]:
    """One decision per span (paragraph and offsets), the latest: a writer may change their mind."""
    latest: dict[tuple[str, int, int], Decision] = {}
    for d in decisions:  # oldest first
        if d.paragraph_start >= 0:
            latest[(d.paragraph, d.paragraph_start, d.paragraph_end)] = d
    return list(latest.values())


def _read_docs(decisions: list[Decision]) -> dict[str, _Doc]:
    docs = {}
    for path in {d.document_path for d in decisions}:
        try:
            text = read_text(path)
        except (InputError, OSError):
            continue
        docs[path] = _Doc(document_counts(text), [p.text for p in passages(text)])
    return docs


def _doc_counts(d: Decision, docs: dict[str, _Doc]) -> Counter:
    doc = docs.get(d.document_path)
    return doc.counts if doc else document_counts(d.paragraph)


def decision_example(
    focus: Decision,
    same_paragraph: list[Decision],
    tokenizer: Tokenizer,
    lexicon: Lexicon,
    doc_counts: Counter,
    max_len: int,
    dictionary: bool = False,
) -> Example:
    """A window of the decision's paragraph around it; only decided spans carry labels,
    since the rest of the paragraph was never reviewed. `dictionary`: as the parent model's
    `ModelConfig.dictionary_bucket`."""
    text = focus.paragraph
    enc = tokenizer.encode(text)
    lex = token_buckets(enc.offsets, word_buckets(text, lexicon, doc_counts, dictionary=dictionary))
    edits = [
        Edit(d.paragraph_start, d.paragraph_end, d.category, text[d.paragraph_start : d.paragraph_end],
             d.replacement if d.verdict == "edited" else "")
        for d in same_paragraph
        if d.verdict != "rejected"
    ]
    full = token_labels(text, enc.offsets, edits)
    labels = np.full(len(enc.ids), -100, dtype=np.int64)
    first = len(enc.ids)
    for d in same_paragraph:
        for i, (s, e) in enumerate(enc.offsets):
            if s < d.paragraph_end and e > d.paragraph_start:
                labels[i] = full[i]
                if d is focus:
                    first = min(first, i)
    ids = np.asarray(enc.ids, dtype=np.int64)
    start = min(max(first - max_len // 2, 0), max(len(ids) - max_len, 0))
    window = slice(start, start + max_len)
    return Example(ids[window], lex[window], labels[window])


def flag_counts(paragraphs: list[str], detector, sensitivity: str | None = None,
                scopes: Mapping[str, str | None] | None = None) -> list[int]:
    """How many flags the writer's detector (model and filter, at `sensitivity` where it takes
    one) raises in each paragraph; with `scopes` (paragraph -> its manuscript,
    `feedback.store.scope_of`), each read as `check` reads its manuscript, its voice included.

    A manuscript's paragraphs are checked joined into one text, so the model batches them and
    the voice hears what they repeat; one paragraph's flags cannot spill into the next because
    the detector works paragraph by paragraph.
    """
    groups: dict[str | None, list[int]] = {}
    for i, p in enumerate(paragraphs):
        groups.setdefault((scopes or {}).get(p), []).append(i)
    counts = [0] * len(paragraphs)
    for scope, rows in groups.items():
        starts, pos = [], 0
        for i in rows:
            starts.append(pos)
            pos += len(paragraphs[i]) + 2
        text = "\n\n".join(paragraphs[i] for i in rows)
        for issue in detect_with(detector, text, scope=scope, sensitivity=sensitivity):
            counts[rows[int(np.searchsorted(starts, issue.start, side="right")) - 1]] += 1
    return counts


def paragraph_scopes(decisions: list[Decision], docs: dict[str, _Doc]) -> dict[str, str | None]:
    """Each paragraph of the decided documents, and each decided paragraph, with the manuscript
    its decisions speak for (`Decision.scope`; the latest decision's, where they differ)."""
    of_document = {d.document_path: d.scope for d in decisions}
    scopes = {p: of_document.get(path) for path, doc in docs.items() for p in doc.paragraphs}
    for d in decisions:
        scopes.setdefault(d.paragraph, d.scope)
    return scopes


def clean_looking(paragraphs: list[str], detector, sensitivity: str | None = None) -> list[str]:
    """Paragraphs the writer's detector (model and filter) flags nothing in."""
    return [p for p, n in zip(paragraphs, flag_counts(paragraphs, detector, sensitivity)) if n == 0]


def voiced_documents(decisions: list[Decision]) -> set[str]:
    """The documents whose verdicts say they are written in a voice: `VOICE_REJECTIONS`
    rejections or more, and at least `VOICE_SHARE` of the verdicts there rejections (a
    writer who accepts flags in a document has errors in it to keep finding)."""
    verdicts: dict[str, Counter] = {}
    for d in decisions:
        verdicts.setdefault(d.document_path, Counter())[d.verdict == "rejected"] += 1
    return {path for path, n in verdicts.items()
            if n[True] >= VOICE_REJECTIONS and n[True] >= VOICE_SHARE * (n[True] + n[False])}


def load_tagger(model_dir: Path) -> tuple[Tagger, dict]:
    """The exported numpy weights back in a torch `Tagger` (names map one to one)."""
    config = json.loads((model_dir / CONFIG_FILE).read_text(encoding="utf-8"))
    model = Tagger(ModelConfig.from_dict(config))
    with np.load(model_dir / WEIGHTS_FILE) as npz:
        model.load_state_dict({k: torch.from_numpy(npz[k]) for k in npz.files})
    return model, config


def _honoured(
    model: ModelDetector, decisions: list[Decision], docs: dict[str, _Doc], keeps: Callable | None = None,
    sensitivity: str | None = None,
) -> tuple[int, int]:
    """(rejected spans no longer flagged at all, accepted or edited spans still flagged), at
    `sensitivity` (the model's own thresholds without).

    `keeps(paragraph, issue)`, a filter's, drops flags first: the decisions as `check` honours them.
    """
    proofreader = Proofreader(model)
    thresholds = thresholds_for(model.thresholds, sensitivity) if sensitivity is not None else None
    rejected_ok = accepted_ok = 0
    for d in decisions:
        flags = proofreader.flags(Document(d.paragraph, _doc_counts(d, docs)), thresholds)
        if keeps is not None:
            flags = [f for f in flags if keeps(d.paragraph, Issue(f.start, f.end, f.category, "", score=f.score))]
        hit = any(f.start < d.paragraph_end and f.end > d.paragraph_start for f in flags)
        if d.verdict == "rejected":
            rejected_ok += not hit
        else:
            accepted_ok += hit
    return rejected_ok, accepted_ok


def trunk_states(model: Tagger, examples: list[Example], frozen: int, batch_size: int = 32) -> list[torch.Tensor]:
    """Each example's hidden states after the first `frozen` blocks, computed once.

    Those blocks never change during `learn`, so training steps run only the top blocks:
    several times faster on a CPU. Mirrors `Tagger.forward` up to that block.
    """
    out = []
    with torch.no_grad():
        for b in range(0, len(examples), batch_size):
            chunk = examples[b : b + batch_size]
            ids, lex, _, mask = (torch.from_numpy(a) for a in collate(chunk))
            x = model.tok_emb(ids) + model.lex_emb(lex)
            for block in model.blocks[:frozen]:
                x = block(x, model.rope_cos, model.rope_sin, mask[:, None, None, :])
            out.extend(x[i, : len(e.ids)].clone() for i, e in enumerate(chunk))
    return out


def top_logits(model: Tagger, states: torch.Tensor, mask: torch.Tensor, frozen: int) -> torch.Tensor:
    """The rest of `Tagger.forward`, from cached states: the trainable blocks and the head."""
    x = states
    for block in model.blocks[frozen:]:
        x = block(x, model.rope_cos, model.rope_sin, mask[:, None, None, :])
    return model.head(model.norm(x))


def _batch(states: list[torch.Tensor], examples: list[Example], rows: list[int]):
    t = max(len(examples[r].ids) for r in rows)
    x = torch.zeros(len(rows), t, states[0].shape[-1])
    labels = torch.full((len(rows), t), -100, dtype=torch.long)
    mask = torch.zeros(len(rows), t, dtype=torch.bool)
    for i, r in enumerate(rows):
        n = len(examples[r].ids)
        x[i, :n], labels[i, :n], mask[i, :n] = states[r], torch.from_numpy(examples[r].labels), True
    return x, labels, mask


def match_recall(
    base: dict[str, float], rules: frozenset[str], parent: list[CachedItem], child: list[CachedItem]
) -> tuple[dict, dict]:
    """Scale the thresholds `base` down until the child finds as many synthetic errors in the
    writer's own held-out paragraphs as the parent does under `base` (`parent`, `child`:
    each one's scores on them).

    Learning what not to flag lowers error scores everywhere a little; without this the
    parent's thresholds would cost recall that the model has not really lost.
    """
    wanted = score(parent, base, rules)["recall"]
    best = None
    for scale in THRESHOLD_SCALES:
        thresholds = {k: v if v >= SWITCHED_OFF else round(v * scale, 4) for k, v in base.items()}
        m = score(child, thresholds, rules)
        best = (scale, thresholds, m)
        if m["recall"] >= wanted:
            break
    scale, thresholds, m = best
    return thresholds, {"scale": scale, "parent_recall": wanted, "recall": m["recall"],
                        "precision": m["precision"], "items": len(child)}


def match_recall_by_key(
    base: dict[str, float], rules: frozenset[str], parent: list[CachedItem], child: list[CachedItem]
) -> tuple[dict, dict]:
    """As `match_recall`, but lowering one threshold at a time, by `MATCH_STEP`s, each time the
    one that wins back the most synthetic errors per flag it adds on their clean words,
    never below `min(THRESHOLD_SCALES)` of its value: the categories that lost recall give it
    back, the others are left where they were (a scale for all lowers those too, and every
    threshold lowered raises flags on the writer's own prose)."""
    wanted = score(parent, base, rules)["recall"]
    current = dict(base)
    m = score(child, current, rules)
    while m["recall"] < wanted:
        best = None  # (merit, key, value, metrics)
        for key, value in current.items():
            if value >= SWITCHED_OFF:
                continue
            lower = round(value - MATCH_STEP, 4)
            while lower >= base[key] * min(THRESHOLD_SCALES) - 1e-9:  # down to the first step that finds more
                t = score(child, current | {key: lower}, rules)
                gain = t["tp"] - m["tp"]
                if gain > 0:
                    merit = gain / max(t["fp"] - m["fp"], 0.5)
                    if best is None or merit > best[0]:
                        best = (merit, key, lower, t)
                    break
                lower = round(lower - MATCH_STEP, 4)
        if best is None:
            break
        _, key, value, m = best
        current[key] = value
    lowered = {k: [base[k], v] for k, v in current.items() if v != base[k]}
    return current, {"lowered": lowered, "parent_recall": wanted, "recall": m["recall"],
                     "precision": m["precision"], "items": len(child)}


def decided_items(detector: ModelDetector, decisions: list[Decision], docs: dict[str, _Doc],
                  verdict: str) -> list[CachedItem]:
    """The paragraphs holding decisions with this verdict, scored once, their decided spans
    standing as the "errors": a span no flag overlaps is one the detector lets pass."""
    by_paragraph: dict[str, list[Decision]] = {}
    for d in decisions:
        if (d.verdict == "rejected") == (verdict == "rejected"):
            by_paragraph.setdefault(d.paragraph, []).append(d)
    out = []
    for text, ds in by_paragraph.items():
        counts = _doc_counts(ds[0], docs)
        parts = passages(text)
        out.append(CachedItem([(d.paragraph_start, d.paragraph_end) for d in ds], parts,
                              detector.token_probs(parts, counts), [], detector.unknown_test(counts),
                              [detector.odd_spans(p.text) for p in parts], detector.is_slip))
    return out


def raise_for_rejections(
    thresholds: dict[str, float],
    rules: frozenset[str],
    rejected: list[CachedItem],
    accepted: list[CachedItem],
    held_out: list[CachedItem],
    min_recall: float,
    max_raise: float,
) -> tuple[dict, dict]:
    """Raise, one grid step at a time, the thresholds under which the writer's rejected flags
    pass: each step the one that frees the most rejected spans per point of synthetic recall
    spent, while recall on their held-out paragraphs stays at least `min_recall` and every
    accepted span still flagged stays flagged.

    Rejections say the writer's prose sets off this kind of flag more often than the books
    the thresholds were calibrated on; the held-out synthetic errors say what raising them
    costs. Raising a threshold only ever removes flags, so both counts move one way. The
    pair table's thresholds (`NOT_RAISED`) stay: synthetic errors cannot price them.
    """
    current = dict(thresholds)
    freed = score(rejected, current)["fn"]
    kept = score(accepted, current)["tp"]
    recall = score(held_out, current, rules)["recall"]
    start = (freed, recall)
    while True:
        best = None  # (gain per recall spent, key, value, freed, recall)
        for key, value in current.items():
            if key in NOT_RAISED:
                continue
            ceiling = min(thresholds[key] + max_raise, MAX_THRESHOLD)
            for trial_value in (v for v in GRID if value < v <= ceiling + 1e-9):
                trial = current | {key: float(trial_value)}
                gain = score(rejected, trial)["fn"] - freed
                if gain <= 0:
                    continue
                r = score(held_out, trial, rules)["recall"]
                if r < min_recall or score(accepted, trial)["tp"] < kept:
                    break  # a higher value costs at least as much
                merit = gain / max(recall - r, 1e-3)
                if best is None or merit > best[0]:
                    best = (merit, key, float(trial_value), freed + gain, r)
        if best is None:
            break
        _, key, value, freed, recall = best
        current[key] = value
    raised = {k: [thresholds[k], v] for k, v in current.items() if v != thresholds[k]}
    return current, {"raised": raised, "rejections_freed": [start[0], freed],
                     "raise_recall": [start[1], recall]}


def learn(cfg: LearnConfig, say: Callable[[str], None] = print) -> LearnResult:
    """Train a new version from the active one, gate it, keep (and activate) it or discard it."""
    if cfg.matching not in MATCHINGS:
        raise ValueError(f"unknown matching {cfg.matching!r}; known: {', '.join(MATCHINGS)}")
    started = time.perf_counter()
    rng = random.Random(cfg.seed)
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.threads or free_cores())
    with FeedbackStore() as store:
        recorded = store.decisions()
        parent_version = registry.active_version(store)
    decisions = latest_decisions(recorded)
    if not decisions:
        raise NothingToLearn(
            "no decisions to learn from: record some with `galleyproof feedback accept|reject`"
            if not recorded else "none of the recorded decisions lies inside one paragraph"
        )
    warnings = []
    parent_dir = registry.model_dir(parent_version)
    parent = ModelDetector(parent_dir)
    docs = _read_docs(decisions)
    if len(docs) < len({d.document_path for d in decisions}):
        warnings.append("some documents decisions were made on can no longer be read: less replay")

    # Replay: paragraphs the writer marked no error in, that the model (with the filter) passes,
    # and in a document written in a voice, the flagged ones too. A quarter is never trained on.
    marked = {d.paragraph for d in decisions if d.verdict != "rejected"}
    candidates = {p for doc in docs.values() for p in doc.paragraphs} | {d.paragraph for d in decisions}
    candidates = sorted(p for p in candidates if p not in marked and len(p.split()) >= MIN_WORDS)
    rng.shuffle(candidates)
    candidates = candidates[: cfg.replay_paragraphs]
    writer_filter = PersonalFilter.from_store(Proofreader(parent))
    scopes = paragraph_scopes(decisions, docs)  # each paragraph read in its manuscript, as `check` reads it
    parent_flags = flag_counts(candidates, writer_filter, cfg.sensitivity, scopes)
    unseen = candidates[: len(candidates) // 4]
    held_out = [p for p, n in zip(unseen, parent_flags) if n == 0]  # for matching recall
    seen = list(zip(candidates, parent_flags))[len(unseen) :]
    replay = [p for p, n in seen if n == 0]
    voiced = {p for path in voiced_documents(decisions) if path in docs for p in docs[path].paragraphs} \
        if cfg.voice else set()
    voice = [p for p, n in seen if n > 0 and p in voiced]
    replay += voice
    say(f"{len(decisions)} decisions, {len(replay) - len(voice)} clean-looking paragraphs to replay "
        f"({len(held_out)} held out), {len(voice)} flagged paragraphs in the writer's voice, parent {parent_version}")
    if not replay:
        warnings.append("no clean-looking paragraphs to replay: the gate is more likely to refuse")

    # Examples: a window per decision; a fixed pool of noisy replay windows.
    by_paragraph: dict[str, list[Decision]] = {}
    for d in decisions:
        by_paragraph.setdefault(d.paragraph, []).append(d)
    max_len = parent.tagger.cfg["max_len"]
    dictionary = parent.dictionary_bucket
    decided = [
        decision_example(d, by_paragraph[d.paragraph], parent.tokenizer, parent.lexicon, _doc_counts(d, docs), max_len,
                         dictionary)
        for d in decisions
    ]
    counts_of = {p: doc.counts for doc in docs.values() for p in doc.paragraphs}
    noise = for_corpus(parent.lexicon.counts)
    replayed = []
    if replay:
        stream = ExampleStream(
            [(p, p) for p in replay], lambda _: parent.lexicon,
            lambda p: counts_of.get(p) or document_counts(p),
            parent.tokenizer, max_len, seed=cfg.seed, noise=noise, dictionary=dictionary,
        )
        replayed = stream.batch(min(cfg.replay_windows, REPLAY_PER_PARAGRAPH * len(replay)))
    book_paragraphs = read_replay(parent_dir)
    if book_paragraphs and cfg.book_replay_windows:
        books = ExampleStream(
            [(p, p) for p in book_paragraphs], lambda _: parent.lexicon, document_counts,
            parent.tokenizer, max_len, seed=cfg.seed + 1, noise=noise, dictionary=dictionary,
        )
        replayed += books.batch(cfg.book_replay_windows)
        say(f"{cfg.book_replay_windows} noisy windows of {len(book_paragraphs)} training-book paragraphs to replay")

    model, config = load_tagger(parent_dir)
    frozen = max(model.cfg.n_layer - cfg.blocks, 0)
    model.requires_grad_(False)
    params = [p for m in (*model.blocks[frozen:], model.norm, model.head) for p in m.parameters()]
    for p in params:
        p.requires_grad_(True)
    examples = decided + replayed
    t0 = time.perf_counter()
    states = trunk_states(model, examples, frozen)
    say(f"{len(examples)} windows through the frozen blocks in {time.perf_counter() - t0:.0f} s")

    opt = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=0.0)
    schedule = LoopConfig(steps=cfg.steps, lr=cfg.lr, warmup_steps=min(20, cfg.steps // 10))
    if cfg.batch_size < 2:
        raise ValueError("batch_size must be at least 2: decision and replay windows share each batch")
    n_decided = cfg.batch_size
    if replayed:
        n_decided = min(max(1, round(cfg.batch_size * cfg.decision_share)), cfg.batch_size - 1)
    model.train()
    step, train_started = 0, time.perf_counter()
    while step < cfg.steps and time.perf_counter() - train_started < cfg.max_seconds:
        rows = [rng.randrange(len(decided)) for _ in range(n_decided)]
        rows += [len(decided) + rng.randrange(len(replayed)) for _ in range(cfg.batch_size - n_decided)]
        x, labels, mask = _batch(states, examples, rows)
        for group in opt.param_groups:
            group["lr"] = lr_at(step, schedule)
        logits = top_logits(model, x, mask, frozen)
        loss = F.cross_entropy(logits[:n_decided].flatten(0, 1), labels[:n_decided].flatten(), ignore_index=-100)
        if replayed:  # mean over each part's labelled tokens, so a few decided tokens are not drowned out
            replay_loss = F.cross_entropy(
                logits[n_decided:].flatten(0, 1), labels[n_decided:].flatten(), ignore_index=-100
            )
            loss = cfg.decision_weight * loss + (1 - cfg.decision_weight) * replay_loss
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        if step % 100 == 0:
            say(f"step {step}: loss {loss.item():.4f}")
    if step < cfg.steps:
        warnings.append(f"stopped at step {step} of {cfg.steps}: the {cfg.max_seconds:.0f} s budget ran out")
    say(f"trained {step} steps in {time.perf_counter() - train_started:.0f} s")

    version = registry.new_version_name()
    registry.versions_dir().mkdir(parents=True, exist_ok=True)
    folder = registry.versions_dir() / f".building-{version}"
    export_weights(model.state_dict(), config | {"version": version}, folder)
    for name in (TOKENIZER_FILE, LEXICON_FILE, THRESHOLDS_FILE, PAIRS_FILE, REPLAY_FILE):
        if name in (PAIRS_FILE, REPLAY_FILE) and not (parent_dir / name).exists():
            continue  # optional: models trained before them lack them
        shutil.copy(parent_dir / name, folder / name)
    if (parent_dir / ONNX_FILE).exists():  # the child runs as the parent ran, on its own weights
        export_onnx(folder)
    child = ModelDetector(folder)
    matching = {}
    # Each held-out paragraph corrupted several ways: a raise is priced on more errors than
    # one draw per paragraph gives (with one, punctuation 0.70 -> 0.90 looked free).
    writer_book = Book("writer", Path(), [Paragraph(p) for p in held_out])
    items = [item for copy in range(cfg.held_out_copies)
             for item in build_valset([writer_book], n_paragraphs=len(held_out), seed=cfg.seed + copy,
                                      config=noise, errors=(2, 5), words=(MIN_WORDS, 10_000))]
    if items:
        parent_held = cache_items(parent, items)
        # What the rejections say about flags to come, judged by the parent that raised them:
        # the child has trained on these very decisions, so its scores on them say nothing.
        target, raising = raise_for_rejections(
            parent.thresholds, parent.rules, decided_items(parent, decisions, docs, "rejected"),
            decided_items(parent, decisions, docs, "accepted"), parent_held,
            score(parent_held, parent.thresholds, parent.rules)["recall"] - cfg.raise_recall_budget, cfg.max_raise,
        )
        if raising["raised"]:
            say("thresholds raised for the kinds of flag you rejected: " + ", ".join(
                f"{k} {a:.2f}→{b:.2f}" for k, (a, b) in raising["raised"].items()))
        match = match_recall_by_key if cfg.matching == "by_key" else match_recall
        thresholds, matching = match(target, parent.rules, parent_held, cache_items(child, items))
        matching |= raising
        thresholds |= {"rules": sorted(parent.rules)} if parent.rules else {}
        (folder / THRESHOLDS_FILE).write_text(json.dumps(thresholds, indent=1), encoding="utf-8")
        child = ModelDetector(folder)
    else:
        warnings.append("no held-out paragraphs to match recall on: the parent's thresholds are kept")

    rejected_n = sum(d.verdict == "rejected" for d in decisions)
    at = cfg.sensitivity
    before, after = _honoured(parent, decisions, docs, sensitivity=at), _honoured(child, decisions, docs, sensitivity=at)
    keeps = PersonalFilter.from_store(parent).keeps  # the filter's verdicts do not depend on the model
    before_filtered = _honoured(parent, decisions, docs, keeps, at)
    after_filtered = _honoured(child, decisions, docs, keeps, at)
    gate = Gate(
        rejected=rejected_n, rejected_honoured_before=before_filtered[0], rejected_honoured=after_filtered[0],
        accepted=len(decisions) - rejected_n, accepted_kept_before=before[1], accepted_kept=after[1],
        min_rejected_honoured=cfg.min_rejected_honoured, min_accepted_kept=cfg.min_accepted_kept,
        rejected_learned_before=before[0], rejected_learned=after[0],
        max_recall_drop=cfg.max_recall_drop, alpha=cfg.alpha, sensitivity=at, unseen_paragraphs=len(unseen),
        flags_before=sum(parent_flags[: len(unseen)]),
        flags_after=sum(flag_counts(unseen, PersonalFilter.from_store(Proofreader(child)), at, scopes)),
    )
    if cfg.eval_path is None:
        warnings.append("no --eval file: the gate checked the decisions only, not recall (partial gate)")
    else:
        data = load_eval(cfg.eval_path)
        old = run_eval(data.items, AtSensitivity(Proofreader(parent), at), data_path=data.path,
                       data_sha256=data.sha256, n_resamples=200)
        new = run_eval(data.items, AtSensitivity(Proofreader(child), at), data_path=data.path,
                       data_sha256=data.sha256, n_resamples=200)
        cmp = compare_results(new, old)
        gate.eval_path = data.path
        gate.recall_before, gate.recall_after = old.overall.recall, new.overall.recall
        gate.mcnemar_b, gate.mcnemar_c, gate.p_value = cmp.mcnemar.b, cmp.mcnemar.c, cmp.mcnemar.p_value

    kept = gate.passed or cfg.force
    if kept:
        registry.register(
            folder,
            registry.VersionInfo(
                version=version, parent=parent_version, created=time.time(), decisions=len(decisions),
                gate=gate.to_json() | {"forced": not gate.passed, "threshold_matching": matching},
                model_version=version,
            ),
        )
        registry.use(version)
    else:
        registry.discard(folder)
    return LearnResult(
        version=version, parent=parent_version, kept=kept, gate=gate, steps=step,
        seconds=time.perf_counter() - started, decisions=len(decisions), replay_paragraphs=len(replay),
        threshold_matching=matching, warnings=warnings, voice_paragraphs=len(voice),
    )
