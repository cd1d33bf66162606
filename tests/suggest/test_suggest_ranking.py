"""Ranking with and without a model; the fill helper; the detectors' wiring."""

import json
from collections import Counter

import numpy as np
from word_scorer import WordScorer

from galleyproof.baseline import BaselineDetector
from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.model.folder import CONFIG_FILE, LEXICON_FILE, THRESHOLDS_FILE, TOKENIZER_FILE, WEIGHTS_FILE
from galleyproof.model.tagging import LABELS
from galleyproof.model.tokenizer import Tokenizer
from galleyproof.proofreader import Proofreader
from galleyproof.suggest import ranking, suggest, with_suggestions
from galleyproof.suggest.candidates import Candidate

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
    model = WordScorer(bad={"the"})
    fixes, scores = ranked("He drank teh hot.", "teh", "spelling", model)
    assert fixes[0] == "He drank tea hot."
    assert model.calls == 1  # every candidate of the issue in one batch
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= p <= 1 for p in scores) and sum(scores) <= 1 + 1e-9


def test_a_fix_the_model_finds_no_cleaner_than_the_text_scores_low():
    model = WordScorer(bad=set())  # reads everything as fine, the flagged text too
    _, scores = ranked("He drank teh hot.", "teh", "spelling", model)
    _, sure = ranked("He drank teh hot.", "teh", "spelling", WordScorer(bad={"teh"}))
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


class RowCounter(WordScorer):
    """A `WordScorer` that keeps the texts of the rows it was asked to score."""

    def __init__(self, bad):
        super().__init__(bad)
        self.rows = []

    def scores_together(self, passages, doc_counts):
        self.rows += [p.text for p in passages]
        return super().scores_together(passages, doc_counts)


def _respellings(text, word, news, kind="respell"):
    start = text.index(word)
    return [Candidate(start, start + len(word), new, -0.1 * k, kind) for k, new in enumerate(news)]


def test_the_model_reads_only_the_candidates_worth_scoring(monkeypatch):
    monkeypatch.setattr(ranking, "MODEL_CANDIDATES", 3)
    monkeypatch.setattr(ranking, "FLUENCY_WEIGHT", 0.0)  # the cheap score is the prior alone
    text = "He drank teh hot tea."
    found = _respellings(text, "teh", ["the", "tea", "ten", "tec", "ted", "tel"])
    model = RowCounter(bad={"teh"})
    ranked_ = ranking.rank(text, found, model)
    assert len(model.rows) == 1 + 3  # the text as it is and the three best priors
    assert {c.new for c, _ in ranked_} == {"the", "tea", "ten"}  # what the model did not read is not offered
    assert sum(p for _, p in ranked_) <= 1 + 1e-9


def test_a_rule_fix_and_the_best_of_each_kind_are_scored_whatever_their_priors(monkeypatch):
    monkeypatch.setattr(ranking, "MODEL_CANDIDATES", 2)
    monkeypatch.setattr(ranking, "FLUENCY_WEIGHT", 0.0)
    text = "He drank teh hot tea."
    start = text.index("teh")
    found = _respellings(text, "teh", ["the", "tea", "ten", "tec"])
    found.append(Candidate(start, start + 3, "", -5.0, "drop"))
    found.append(Candidate(start, start + 3, "Teh", -6.0, "case"))
    found.append(Candidate(start, start + 3, "toe", -9.0, "rule", sign=True))
    model = RowCounter(bad={"teh"})
    offered = {c.new for c, _ in ranking.rank(text, found, model)}
    assert offered == {"the", "tea", "", "Teh", "toe"}
    monkeypatch.setattr(ranking, "EACH_KIND", 0)
    assert {c.new for c, _ in ranking.rank(text, found, RowCounter(bad={"teh"}))} == {"the", "tea", "toe"}


def test_fluency_decides_which_candidates_the_model_reads(monkeypatch):
    monkeypatch.setattr(ranking, "MODEL_CANDIDATES", 1)
    monkeypatch.setattr(ranking, "EACH_KIND", 0)
    text = "He drank teh hot tea."
    found = _respellings(text, "teh", ["ten", "the"])  # "ten" has the better prior
    monkeypatch.setattr(ranking, "fluency_gains", lambda text_, cands: np.array([0.0, 10.0]))
    assert [c.new for c, _ in ranking.rank(text, found, RowCounter(bad=set()))] == ["the"]


def test_the_scored_candidates_read_the_region_of_them_all(monkeypatch):
    """Scoring a few of a flag's candidates gives each the score it has among all of them."""
    text = "He drank teh hot tea today."
    found = _respellings(text, "teh", ["the", "tea"])
    far = text.index("today")
    found.append(Candidate(far, far + 5, "then", -3.0, "swap"))
    every = ranking.model_scores(WordScorer(bad={"teh"}), text, found, Counter())
    some = ranking.model_scores(WordScorer(bad={"teh"}), text, found[:2], Counter(), reach=(found[0].start, far + 5))
    assert np.allclose(some.fit, every.fit[:2]) and some.as_is == every.as_is
    alone = ranking.model_scores(WordScorer(bad={"teh"}), text, found[:2], Counter())
    assert not np.allclose(alone.fit, every.fit[:2])  # the region differs without `reach`


def test_an_unread_rival_keeps_its_share_as_if_it_left_the_text_as_it_was(monkeypatch):
    """A fix's score does not rise because the model left its rivals unread: here each rival
    would read as badly as the text as it is, and the shares are those of reading them all."""
    monkeypatch.setattr(ranking, "FLUENCY_WEIGHT", 0.0)
    monkeypatch.setattr(ranking, "EACH_KIND", 0)
    text = "He drank teh hot tea."
    found = _respellings(text, "teh", ["the", "ten", "tec", "ted"])
    model = WordScorer(bad={"teh", "ten", "tec", "ted"})
    monkeypatch.setattr(ranking, "MODEL_CANDIDATES", len(found))
    every = {c.new: p for c, p in ranking.rank(text, found, model)}
    monkeypatch.setattr(ranking, "MODEL_CANDIDATES", 1)
    some = ranking.rank(text, found, model)
    assert [c.new for c, _ in some] == ["the"]
    assert np.isclose(some[0][1], every["the"])
