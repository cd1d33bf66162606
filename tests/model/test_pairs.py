"""Pairs of common words the training books never write (`pairs.py`) and how they lower
thresholds beside the model (`tagging.flags_from_probs`)."""

import numpy as np

from galleyproof.model.pairs import PairTable, word_pairs
from galleyproof.model.tagging import LABELS, MISSING, flags_from_probs

BOOK = ["the man of the house went to the town.", "the dog of the man went to the house."] * 20


def test_word_pairs_need_only_spaces_between_them():
    text = "the man, of the\nhouse\n\nwent"
    assert [(a, b) for a, b, *_ in word_pairs(text)] == [("the", "man"), ("of", "the"), ("the", "house")]
    a, b, a0, a1, b0, b1 = next(iter(word_pairs("The  Man")))
    assert (a, b, a0, a1, b0, b1) == ("the", "man", 0, 3, 5, 8)


def test_a_pair_of_common_words_never_written_is_odd_and_a_written_one_is_not(tmp_path):
    table = PairTable.from_texts(BOOK)
    assert table.seen("the", "man") and not table.seen("the", "of")
    assert table.expected("the", "of") > 10 and table.expected("the", "zebra") == 0.0
    text = "the of man went to the town"
    assert table.odd_spans(text, min_expected=5) == [(0, 3), (4, 6)]  # "the", "of"
    assert table.odd_spans("the man went to the town", min_expected=5) == []
    assert table.odd_spans(text, min_expected=1e9) == []  # chance predicts too few to tell
    table.save(tmp_path / "pairs.npz")
    loaded = PairTable.load(tmp_path / "pairs.npz")
    assert loaded.words == table.words and loaded.total == table.total
    assert loaded.odd_spans(text, min_expected=5) == table.odd_spans(text, min_expected=5)


def test_odd_pairs_lower_the_grammar_and_missing_word_thresholds_only_where_they_are():
    text = "he were there and he were here"
    offsets = [(0, 2), (2, 7), (7, 13), (13, 17), (17, 20), (20, 25), (25, 30)]
    probs = np.zeros((len(offsets), len(LABELS)), dtype=np.float32)
    probs[:, 0] = 1.0
    for i in (1, 5):  # both "were": a weak grammar flag, and a weak gap before each
        probs[i, 0], probs[i, LABELS.index("grammar")], probs[i, MISSING] = 0.6, 0.4, 0.4
    odd = [(0, 2), (3, 7)]  # only the first "he were" is an unseen pair
    base = {"grammar": 0.75, "missing": 0.75}

    def flagged(thresholds):
        return [(text[f.start : f.end], f.category) for f in flags_from_probs(text, offsets, probs, thresholds, None, odd)]

    assert flagged(base) == []
    assert flagged(base | {"odd_pair": 0.3}) == [("were", "grammar")]
    assert flagged(base | {"odd_missing": 0.3}) == [("he were", "grammar")]
    assert flagged(base | {"odd_pair": 0.9, "odd_missing": 0.9}) == []  # never raised


def test_odd_spans_are_looked_up_only_where_a_score_reaches_their_thresholds():
    text = "he were there and he were here"
    offsets = [(0, 2), (2, 7), (7, 13), (13, 17), (17, 20), (20, 25), (25, 30)]
    probs = np.zeros((len(offsets), len(LABELS)), dtype=np.float32)
    probs[:, 0] = 1.0
    probs[1, 0], probs[1, LABELS.index("grammar")], probs[1, MISSING] = 0.6, 0.4, 0.4
    asked = []

    def odd():
        asked.append(1)
        return [(0, 2), (3, 7)]

    def flagged(thresholds, spans):
        return [(f.start, f.end, f.category) for f in flags_from_probs(text, offsets, probs, thresholds, None, spans)]

    base = {"grammar": 0.75, "missing": 0.75}
    for extra in ({"odd_pair": 0.3}, {"odd_missing": 0.3}, {"odd_pair": 0.3, "odd_missing": 0.3}):
        assert flagged(base | extra, odd) == flagged(base | extra, odd()) != []
    asked.clear()
    # No score reaches 0.5, so the spans could lower nothing: the lookup is skipped.
    assert flagged(base | {"odd_pair": 0.5, "odd_missing": 0.5}, odd) == [] and asked == []
    assert flagged(base, odd) == [] and asked == []
