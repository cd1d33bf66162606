"""Ranking with and without a model; the fill helper; the detectors' wiring."""

import json
import re

import numpy as np

from galleyproof.baseline import BaselineDetector
from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.model.folder import CONFIG_FILE, LEXICON_FILE, THRESHOLDS_FILE, TOKENIZER_FILE, WEIGHTS_FILE
from galleyproof.model.tagging import LABELS
from galleyproof.model.tokenizer import Tokenizer
from galleyproof.proofreader import Proofreader
from galleyproof.suggest import suggest, with_suggestions


class FakeModel:
    """Finds any token in `bad` wrong, everything else fine; counts its calls."""

    def __init__(self, bad):
        self.bad = set(bad)
        self.calls = 0

    def scores_together(self, passages, doc_counts):
        self.calls += 1
        out = []
        for p in passages:
            offsets = [m.span() for m in re.finditer(r"\w+|[^\w\s]", p.text)]
            probs = np.full((len(offsets), len(LABELS)), 0.01 / (len(LABELS) - 1))
            for i, (s, e) in enumerate(offsets):
                probs[i, 0] = 0.01 if p.text[s:e].lower() in self.bad else 0.99
            out.append((offsets, probs))
        return out


LEX = Lexicon({"the": 5000, "tea": 40, "cat": 300, "drank": 100, "hot": 200, "he": 3000, "a": 4000, "man": 500})


def ranked(text, span, category, model=None):
    start = text.index(span)
    found = suggest(text, Issue(start, start + len(span), category, "m"), LEX, model)
    return [text[: found.start] + s + text[found.end :] for s, _ in found.options], [p for _, p in found.options]


def test_without_a_model_the_lexicon_prior_ranks():
    fixes, scores = ranked("He drank teh hot.", "teh", "spelling")
    assert fixes[0] == "He drank the hot."
    assert "He drank tea hot." in fixes


def test_the_model_reranks_by_how_clean_the_repaired_text_reads():
    model = FakeModel(bad={"the"})
    fixes, scores = ranked("He drank teh hot.", "teh", "spelling", model)
    assert fixes[0] == "He drank tea hot."
    assert model.calls == 1  # every candidate of the issue in one batch
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= p <= 1 for p in scores) and sum(scores) <= 1 + 1e-9


def test_a_fix_the_model_finds_no_cleaner_than_the_text_scores_low():
    model = FakeModel(bad=set())  # reads everything as fine, the flagged text too
    _, scores = ranked("He drank teh hot.", "teh", "spelling", model)
    _, sure = ranked("He drank teh hot.", "teh", "spelling", FakeModel(bad={"teh"}))
    assert sure[0] > scores[0]


def test_fill_helper_widens_the_span_over_the_word_beside_a_dropped_one():
    text = "He saw the the man."
    issue = with_suggestions(text, Issue(11, 14, "grammar", "m"), LEX)
    assert (issue.start, issue.end) == (7, 14)  # "the the", not the bare space "the" took
    assert len(issue.suggestions) == len(issue.suggestion_scores) <= 5
    best = text[: issue.start] + issue.suggestions[0] + text[issue.end :]
    assert best == "He saw the man."
    assert issue.to_json()["suggestion_scores"] == [round(p, 4) for p in issue.suggestion_scores]


def test_baseline_gives_ranked_respellings_and_scores_its_rule_fixes():
    issues = BaselineDetector(LEX).detect("He drank teh hot tea. He drank the the tea.")
    spelling = next(i for i in issues if i.category == "spelling")
    assert spelling.suggestions[0] == "the" and len(spelling.suggestion_scores) == len(spelling.suggestions)
    repeated = next(i for i in issues if i.category == "grammar")
    assert repeated.suggestions == ("the",) and repeated.suggestion_scores == (1.0,)


def tiny_model_dir(tmp_path, texts):
    """A random, torch-free model folder that `ModelDetector` loads; flags every token."""
    rng = np.random.default_rng(0)
    tok = Tokenizer.train(texts, 300)
    tok.save(tmp_path / TOKENIZER_FILE)
    Lexicon.from_texts(texts, min_count=1).save(tmp_path / LEXICON_FILE)
    e, f, n_labels = 16, 24, len(LABELS)
    cfg = {"vocab_size": tok.vocab_size, "n_layer": 1, "n_head": 2, "n_embd": e, "max_len": 64,
           "n_labels": n_labels, "n_lexicon_buckets": 24, "version": "tiny-random"}
    w = {"tok_emb.weight": (tok.vocab_size, e), "lex_emb.weight": (24, e), "blocks.0.norm1.weight": (e,),
         "blocks.0.attn.qkv.weight": (3 * e, e), "blocks.0.attn.proj.weight": (e, e),
         "blocks.0.norm2.weight": (e,), "blocks.0.ffn.gate_up.weight": (2 * f, e),
         "blocks.0.ffn.down.weight": (e, f), "norm.weight": (e,), "head.weight": (n_labels, e),
         "head.bias": (n_labels,)}
    np.savez(tmp_path / WEIGHTS_FILE, **{k: rng.normal(0, 0.3, s).astype(np.float32) for k, s in w.items()})
    (tmp_path / CONFIG_FILE).write_text(json.dumps(cfg))
    thresholds = {c: 0.0 for c in LABELS[1:-1]} | {"missing": 2.0}
    (tmp_path / THRESHOLDS_FILE).write_text(json.dumps(thresholds))
    return tmp_path


def test_the_proofreader_fills_suggestions_ranked_by_the_model(tmp_path):
    texts = ["He drank the hot tea.", "The cat drank the tea.", "A man saw the cat."] * 5
    detector = Proofreader.from_dir(tiny_model_dir(tmp_path, texts))
    text = "He drank teh hot tea.\n\nThe cat sat."
    issues = detector.detect(text)
    assert issues and issues == sorted(issues, key=lambda i: (i.start, i.end, i.category, i.message))
    for issue in issues:
        assert len(issue.suggestions) == len(issue.suggestion_scores) <= 5
        assert list(issue.suggestion_scores) == sorted(issue.suggestion_scores, reverse=True)
        assert 0 <= issue.start < issue.end <= len(text)
