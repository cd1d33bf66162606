import re

import numpy as np
import pytest

pytestmark = pytest.mark.torch
pytest.importorskip("torch")

from galleyproof.model.tagging import LABELS  # noqa: E402
from galleyproof.text.paragraphs import passages
from galleyproof.training.calibrate import CachedItem, score  # noqa: E402
from galleyproof.training.learn import match_recall, match_recall_by_key, raise_for_rejections  # noqa: E402

THRESHOLDS = {"spelling": 0.55, "word_choice": 0.55, "punctuation": 0.4, "whitespace": 0.6,
              "capitalization": 0.75, "grammar": 0.75, "missing": 0.3, "unknown_word": 0.9}


def item(text, scores, marked):
    """A scored paragraph: `scores` word -> (category, error probability); `marked` the
    words standing as its "errors" (gold errors, or the decided spans)."""
    offsets = [m.span() for m in re.finditer(r"\w+", text)]
    probs = np.zeros((len(offsets), len(LABELS)), dtype=np.float32)
    probs[:, 0] = 1.0
    for i, (s, e) in enumerate(offsets):
        if text[s:e] in scores:
            category, p = scores[text[s:e]]
            probs[i, 0], probs[i, LABELS.index(category)] = 1 - p, p
    gold = [(text.index(w), text.index(w) + len(w)) for w in marked]
    return CachedItem(gold, passages(text), [(offsets, probs)], [], lambda w: False)


REJECTED = [item("Law of the Jungle here", {"Jungle": ("capitalization", 0.78)}, ["Jungle"]),
            item("the foolish deer know", {"deer": ("word_choice", 0.68)}, ["deer"])]


def held_out(capital_error=0.95, choice_error=0.9):
    return [item("the Dog saw teh cat", {"Dog": ("capitalization", capital_error), "teh": ("spelling", 0.9)},
                 ["Dog", "teh"]),
            item("he went too the well", {"too": ("word_choice", choice_error)}, ["too"])]


def test_raises_what_the_rejections_need_and_no_more():
    thresholds, info = raise_for_rejections(THRESHOLDS, frozenset(), REJECTED, [], held_out(), 1.0, 0.3)
    assert thresholds["capitalization"] == 0.8 and thresholds["word_choice"] == 0.7
    assert {k: v for k, v in thresholds.items() if k not in info["raised"]} == {
        k: v for k, v in THRESHOLDS.items() if k not in info["raised"]}
    assert info["rejections_freed"] == [0, 2] and info["raise_recall"] == [1.0, 1.0]


def test_never_spends_more_synthetic_recall_than_allowed():
    # the capitalisation error scores like the rejected "Jungle": freeing it would miss it
    thresholds, info = raise_for_rejections(THRESHOLDS, frozenset(), REJECTED, [], held_out(0.79), 1.0, 0.3)
    assert thresholds["capitalization"] == 0.75 and info["raised"] == {"word_choice": [0.55, 0.7]}
    # with a third of the recall to spend, it may
    thresholds, info = raise_for_rejections(THRESHOLDS, frozenset(), REJECTED, [], held_out(0.79), 0.66, 0.3)
    assert thresholds["capitalization"] == 0.8 and info["raise_recall"][1] >= 0.66


def test_never_raises_the_pair_tables_thresholds():
    # "deer" sits in a pair the books never write: only odd_pair (0.3) lets its flag through
    rejected = [item("the foolish deer know", {"deer": ("word_choice", 0.4)}, ["deer"])]
    rejected[0].odd = [[(4, 16)]]
    base = THRESHOLDS | {"odd_pair": 0.3}
    assert score(rejected, base)["fn"] == 0
    thresholds, info = raise_for_rejections(base, frozenset(), rejected, [], held_out(), 1.0, 0.3)
    assert thresholds["odd_pair"] == 0.3 and "odd_pair" not in info["raised"]


def test_never_raises_past_its_bound_or_an_accepted_flag():
    _, info = raise_for_rejections(THRESHOLDS, frozenset(), REJECTED, [], held_out(), 1.0, 0.04)
    assert info["raised"] == {}  # one grid step is not enough to free either
    accepted = [item("a grey Wolf came", {"Wolf": ("capitalization", 0.79)}, ["Wolf"])]
    thresholds, _ = raise_for_rejections(THRESHOLDS, frozenset(), REJECTED, accepted, held_out(), 1.0, 0.3)
    assert thresholds["capitalization"] == 0.75 and thresholds["word_choice"] == 0.7


def test_decided_items_stand_the_rejected_spans_as_errors(shipped, tmp_path):
    from galleyproof.feedback.store import make_decisions
    from galleyproof.issues import Issue
    from galleyproof.model.detector import ModelDetector
    from galleyproof.training.calibrate import score
    from galleyproof.training.learn import decided_items

    text = "Tobin, the baker from the village, was kneading dough.\n\nMara walked to the gate.\n"
    tobin, mara = text.index("Tobin"), text.index("Mara")
    decisions = make_decisions(tmp_path / "s.txt", text, [(Issue(tobin, tobin + 5, "spelling", "?"), "rejected", None),
                                                          (Issue(mara, mara + 4, "grammar", "?"), "accepted", None)])
    detector = ModelDetector(shipped)  # random weights: at a low threshold it flags everything
    (rejected,) = decided_items(detector, decisions, {}, "rejected")
    assert rejected.gold == [(0, 5)] and rejected.parts[0].text.startswith("Tobin, the baker")
    (accepted,) = decided_items(detector, decisions, {}, "accepted")
    assert accepted.gold == [(0, 4)]
    low, high = dict.fromkeys(THRESHOLDS, 0.01), dict.fromkeys(THRESHOLDS, 0.999)
    assert score([rejected], low)["fn"] == 0 and score([rejected], high)["fn"] == 1


def test_matching_scales_thresholds_down_but_leaves_switched_off_ones_off():
    base = THRESHOLDS | {"spelling": 0.99, "unknown_name": 1.01}
    parent = held_out(capital_error=0.8)
    # the child has learned to be less sure everywhere: its capitalisation error now scores 0.7
    child = held_out(capital_error=0.7)
    thresholds, info = match_recall(base, frozenset(), parent, child)
    assert info["scale"] < 1.0 and info["recall"] >= info["parent_recall"]
    assert thresholds["capitalization"] <= 0.7 and thresholds["spelling"] == 0.99
    assert thresholds["unknown_name"] == 1.01


def test_matching_by_key_lowers_only_the_thresholds_that_lost_recall():
    base = THRESHOLDS | {"spelling": 0.99}
    parent = held_out(capital_error=0.8)
    # the child's capitalisation error now scores 0.7; its clean "saw" flagged at 0.6 for
    # word choice if that threshold came down (a scale for all would lower it too)
    child = held_out(capital_error=0.7)
    thresholds, info = match_recall_by_key(base, frozenset(), parent, child)
    assert info["recall"] >= info["parent_recall"]
    assert thresholds["capitalization"] <= 0.7 and list(info["lowered"]) == ["capitalization"]
    assert {k: v for k, v in thresholds.items() if k != "capitalization"} == {
        k: v for k, v in base.items() if k != "capitalization"}
    scaled, _ = match_recall(base, frozenset(), parent, child)
    assert scaled["word_choice"] < base["word_choice"]  # what the scale does instead
    # nothing lost, nothing lowered
    same, info = match_recall_by_key(base, frozenset(), parent, parent)
    assert same == base and info["lowered"] == {}


def test_learn_refuses_an_unknown_matching():
    from galleyproof.training.learn import LearnConfig, learn

    with pytest.raises(ValueError, match="unknown matching 'fuzzy'"):
        learn(LearnConfig(matching="fuzzy"), say=lambda _: None)
