"""Word-pair counts judging a fix's words (`suggest.fluency`), and the ranker weighing them."""

import math
import re

import numpy as np
import pytest

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.model.tagging import LABELS
from galleyproof.suggest import fluency, ranking, suggest
from galleyproof.suggest.candidates import Candidate

TOY = fluency.WordPairs({"had": 1000, "been": 500, "droning": 10, "the": 5000, "cat": 100},
                        {("had", "been"): 200, ("been", "droning"): 5, ("the", "cat"): 20})


@pytest.fixture
def unscaled(monkeypatch):
    monkeypatch.setattr(fluency, "PAIR_SCALE", 1.0)


def test_a_pair_seen_reads_as_its_share_of_the_first_words_count(unscaled):
    assert TOY.pair_logp("had", "been") == pytest.approx(math.log(200 / 1000))


def test_pair_counts_are_read_against_the_word_counts_scaled(monkeypatch):
    monkeypatch.setattr(fluency, "PAIR_SCALE", 2.0)
    assert TOY.pair_logp("had", "been") == pytest.approx(math.log(200 / 2000))


def test_a_pair_not_seen_is_bounded_by_the_least_pair_seen(unscaled):
    # "had droning": the list would hold it if it had been seen 5 times; so at most 5 / 1000,
    # and droning's own share (10 / 6610) is smaller still: that, backed off.
    assert TOY.pair_logp("had", "droning") == pytest.approx(math.log(fluency.BACKOFF * 10 / 6610))
    # "the droning": droning's share (10 / 6610) is above 5 / 5000, the bound.
    assert TOY.pair_logp("the", "droning") == pytest.approx(math.log(fluency.BACKOFF * 5 / 5000))
    # A first word the list lacks bounds nothing: the second word's share alone.
    assert TOY.pair_logp("zzz", "the") == pytest.approx(math.log(fluency.BACKOFF * 5000 / 6610))


def test_marks_and_case_alone_gain_nothing():
    assert fluency.gain(TOY, "the cat", "The cat.") == 0.0
    assert fluency.runs_of("Don’t, said the Cat; they're") == [["do", "not", "said", "the", "cat", "they", "are"]]


def test_a_contraction_is_one_word_written():
    # "there" -> "they're" swaps a word for a word: no word bonus, only the pairs speak
    pairs = fluency.shipped_pairs()
    assert fluency.gain(pairs, "I think that there pretty good", "I think that they're pretty good") > 0


def test_the_shipped_counts_hear_the_missing_word_the_tagger_cannot():
    pairs = fluency.shipped_pairs()
    put_in = fluency.gain(pairs, "he had droning on", "he had been droning on")
    dropped = fluency.gain(pairs, "he had droning on", "he droning on")
    assert put_in > 0 > dropped
    # and the extra word: dropping the stray article reads better than keeping it
    assert fluency.gain(pairs, "it was in of the house", "it was in the house") > 0
    assert fluency.gain(pairs, "they could of seen", "they could have seen") > 0


def test_the_shipped_counts_are_read_once():
    assert fluency.shipped_pairs() is fluency.shipped_pairs()


class EvenModel:
    """Finds every token fine: the tagger that cannot tell a word put in from one dropped."""

    def scores_together(self, passages, doc_counts):
        out = []
        for p in passages:
            offsets = [m.span() for m in re.finditer(r"\w+|[^\w\s]", p.text)]
            probs = np.full((len(offsets), len(LABELS)), 0.001)
            probs[:, 0] = 0.99
            out.append((offsets, probs))
        return out


def test_the_ranker_puts_the_missing_word_in_where_the_tagger_is_even():
    text = "All that long afternoon he had droning on about the harvest."
    start = text.index("had droning")
    drop = Candidate(start, start + 4, "", -0.5, "drop")
    put_in = Candidate(start + 4, start + 4, "been ", -1.0, "insert")
    order = [c.kind for c, _ in ranking.rank(text, [drop, put_in], EvenModel())]
    assert order == ["insert", "drop"]
    before = ranking.FLUENCY_WEIGHT
    try:
        ranking.FLUENCY_WEIGHT = 0.0  # the tagger and priors alone: the drop, as before
        assert [c.kind for c, _ in ranking.rank(text, [drop, put_in], EvenModel())] == ["drop", "insert"]
    finally:
        ranking.FLUENCY_WEIGHT = before


def test_suggest_offers_the_missing_word_first_with_an_even_model():
    text = "He said that she had gone to bed because she was tired of it."
    lex = Lexicon({w: 500 for w in re.findall(r"\w+", text.lower())})
    start = text.index("she was")
    gapped = text.replace("she was", "she")  # "because she tired of it": "was" left out
    issue = Issue(start, start + len("she tired"), "grammar", "m")
    found = suggest(gapped, issue, lex, EvenModel())
    best = gapped[: found.start] + found.options[0][0] + gapped[found.end :]
    assert best == text


def test_the_counts_are_saved_as_arrays_and_read_back_the_same(tmp_path):
    path = tmp_path / "cache" / "pairs.npz"
    parsed = fluency._load(path)  # parses symspellpy's lists and saves them
    assert path.is_file()
    saved = fluency._load(path)
    for pairs in (("had", "been"), ("had", "droning"), ("they", "are"), ("zzzq", "the")):
        assert saved.pair_logp(*pairs) == parsed.pair_logp(*pairs)
    assert saved.total == parsed.total and saved.least_pair == parsed.least_pair


def test_a_damaged_saved_file_is_parsed_again_and_rewritten(tmp_path):
    path = tmp_path / "pairs.npz"
    path.write_bytes(b"not an archive")
    pairs = fluency._load(path)
    assert pairs.pair_logp("had", "been") == fluency._load(None).pair_logp("had", "been")
    assert path.read_bytes()[:2] == b"PK"  # written afresh, a zip of arrays


def test_keys_are_the_same_in_every_process():
    # CRC-32 and Adler-32, not Python's per-process string hash: saved keys must match.
    assert fluency.key_of("the") == ((0x3C456DE6 << 32) | 0x02940142) - (1 << 63)
    assert fluency.key_of("had", "been") != fluency.key_of("hadbeen")
