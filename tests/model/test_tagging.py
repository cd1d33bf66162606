import numpy as np
import pytest

from galleyproof.english.lexicon import Lexicon
from galleyproof.model.tagging import (
    CATEGORIES,
    DICTIONARY_BUCKET,
    LABELS,
    MISSING,
    N_LEXICON_BUCKETS,
    UNKNOWN_CAPITAL,
    UNKNOWN_LOWER,
    Edit,
    flags_from_probs,
    pool_by_word,
    token_buckets,
    token_labels,
    word_buckets,
)


def word_offsets(text):
    """Crude tokens like byte-level BPE's: a leading space joins the next word."""
    import re

    return [m.span() for m in re.finditer(r" ?\w+| ?[^\w\s]|\s+", text)]


def test_changed_word_labels_every_token_of_the_word():
    text = "those icey climes"
    offsets = [(0, 5), (5, 8), (8, 10), (10, 17)]  # "those", " ic", "ey", " climes"
    labels = token_labels(text, offsets, [Edit(6, 10, "spelling", "icey", "icy")])
    assert labels.tolist() == [0, LABELS.index("spelling"), LABELS.index("spelling"), 0]


def test_missing_word_tags_the_token_after_the_gap():
    text = "for some the men"
    offsets = word_offsets(text)
    labels = token_labels(text, offsets, [Edit(4, 12, "grammar", "some the", "some of the")])
    tagged = [text[s:e] for (s, e), l in zip(offsets, labels) if l]
    assert tagged == [" the"] and labels.max() == MISSING


def test_extra_word_tags_the_intruder():
    text = "to my my house"
    offsets = word_offsets(text)
    labels = token_labels(text, offsets, [Edit(3, 8, "grammar", "my my", "my")])
    assert [text[s:e] for (s, e), l in zip(offsets, labels) if l] == [" my"]


def test_lexicon_buckets_mark_unknown_repeated_and_lowered_names():
    lex = Lexicon({"the": 1000, "london": 50}, {"london": 50})
    text = "the zorp london zorp qux"
    buckets = {text[s:e]: b for s, e, b in word_buckets(text, lex)}
    assert buckets["qux"] == 1 and buckets["zorp"] == 2
    assert buckets["london"] == 23 and buckets["the"] > 3
    offsets = word_offsets(text)
    assert token_buckets(offsets, word_buckets(text, lex))[0] == buckets["the"]


def test_dictionary_bucket_parts_real_words_from_non_words():
    lex = Lexicon({"the": 1000, "of": 900})
    text = "the canteen of icey climes, the canteen"
    plain = {text[s:e]: b for s, e, b in word_buckets(text, lex)}
    split = {text[s:e]: b for s, e, b in word_buckets(text, lex, dictionary=True)}
    assert plain["icey"] == plain["climes"] == 1  # an older model sees one bucket for both
    assert split["icey"] == 1 and split["climes"] == DICTIONARY_BUCKET
    assert split["canteen"] == plain["canteen"] == 2  # repeated in the document wins
    assert split["the"] == plain["the"] > 3
    assert DICTIONARY_BUCKET < N_LEXICON_BUCKETS


@pytest.mark.torch
def test_models_exported_before_the_dictionary_bucket_read_without_it():
    pytest.importorskip("torch")
    from galleyproof.model.tagger import ModelConfig

    old = ModelConfig.from_dict({"vocab_size": 300, "n_lexicon_buckets": 24, "version": "alm-old"})
    assert old.dictionary_bucket is False and old.n_lexicon_buckets == 24
    assert ModelConfig.from_dict(ModelConfig(vocab_size=300).to_dict()).dictionary_bucket is True


def test_flags_from_probs_thresholds_and_word_spans():
    text = "those icey climes"
    offsets = [(0, 5), (5, 8), (8, 10), (10, 17)]
    probs = np.zeros((4, len(LABELS)), dtype=np.float32)
    probs[:, 0] = 1.0
    probs[1, 0], probs[1, 1] = 0.3, 0.7
    probs[2, 0], probs[2, 1] = 0.4, 0.6
    (flag,) = flags_from_probs(text, offsets, probs, {"spelling": 0.8})
    assert text[flag.start : flag.end] == "icey" and flag.category == "spelling"
    # the word's pieces pool their evidence: 1 - (1 - 0.7)(1 - 0.6) = 0.88
    assert flag.score == pytest.approx(0.88, abs=1e-6)
    assert flags_from_probs(text, offsets, probs, {"spelling": 0.9}) == []


def test_missing_flag_spans_the_words_around_the_gap():
    text = "for some the men"
    offsets = word_offsets(text)
    probs = np.zeros((len(offsets), len(LABELS)), dtype=np.float32)
    probs[:, 0] = 1.0
    probs[2, 0], probs[2, MISSING] = 0.2, 0.8
    (flag,) = flags_from_probs(text, offsets, probs, {"missing": 0.5})
    assert text[flag.start : flag.end] == "some the"


def test_word_buckets_with_a_memo_are_the_buckets_without():
    lexicon = Lexicon({"the": 5000, "house": 40, "london": 30}, {"london": 30})
    counts = {"zorblax": 2}
    memo = {}
    for text in ["The house in london.", "zorblax and Zorblax, qwv", "The house in london."]:
        assert word_buckets(text, lexicon, counts, memo) == word_buckets(text, lexicon, counts)
    assert "house" in memo


def test_token_buckets_take_the_word_a_token_ends_in():
    words = [(0, 3, 7), (4, 9, 5)]  # "The" and "house" in "The house."
    offsets = [(0, 3), (3, 5), (5, 9), (9, 10), (10, 10)]  # "The", " h", "ouse", ".", empty
    assert token_buckets(offsets, words).tolist() == [7, 5, 5, 0, 0]
    assert token_buckets([], words).tolist() == [] and token_buckets(offsets, []).tolist() == [0] * 5


def test_unknown_words_names_and_slips_have_their_own_thresholds():
    text = "met Quallo near thier house by quixckly"
    offsets = word_offsets(text)
    probs = np.zeros((len(offsets), len(LABELS)), dtype=np.float32)
    probs[:, 0] = 1.0
    words = [text[s:e].strip() for s, e in offsets]
    for word in ("Quallo", "thier"):
        i = words.index(word)
        probs[i, 0], probs[i, LABELS.index("spelling")] = 0.2, 0.8
    i = words.index("quixckly")  # the model leans to word choice, and not far
    probs[i, 0], probs[i, LABELS.index("word_choice")] = 0.7, 0.3
    unknown = {"Quallo": UNKNOWN_CAPITAL, "thier": UNKNOWN_LOWER, "quixckly": UNKNOWN_LOWER}.get
    asked = []

    def slip(word):
        asked.append(word)
        return word == "quixckly"

    def flagged(thresholds):
        found = flags_from_probs(text, offsets, probs, thresholds, lambda w: unknown(w, 0), (), slip)
        return [(text[f.start : f.end], f.category) for f in found]

    base = {"spelling": 0.99, "word_choice": 0.9}
    assert flagged(base) == []  # known-word thresholds alone: none passes
    # Names and slips share the unknown-word threshold if theirs is unset.
    assert flagged(base | {"unknown_word": 0.7}) == [("Quallo", "spelling"), ("thier", "spelling")]
    assert flagged(base | {"unknown_word": 0.7, "unknown_name": 1.01}) == [("thier", "spelling")]
    assert flagged(base | {"unknown_word": 0.9, "unknown_name": 0.7}) == [("Quallo", "spelling")]
    # A slip's threshold applies whatever category the model leaned to, and makes it spelling.
    assert flagged(base | {"unknown_word": 0.9, "unknown_name": 1.01, "unknown_slip": 0.25}) == [
        ("quixckly", "spelling")
    ]
    # The slip test is asked only of unknown lower-case words scoring at least its threshold.
    asked.clear()
    assert flagged(base | {"unknown_word": 0.9, "unknown_name": 1.01, "unknown_slip": 0.5}) == []
    assert asked == ["thier"]


def test_the_unknown_word_test_is_asked_only_where_a_threshold_could_be_reached():
    """Words scoring under every threshold are flagged by none, whatever the unknown-word test
    says: it is not asked of them (a book's words mostly), and the flags are the same as
    when it is asked of every word."""
    text = "met Quallo near thier house by quixckly"
    offsets = word_offsets(text)
    probs = np.zeros((len(offsets), len(LABELS)), dtype=np.float32)
    probs[:, 0] = 1.0
    words = [text[s:e].strip() for s, e in offsets]
    for word, score in (("Quallo", 0.8), ("thier", 0.8), ("near", 0.04), ("quixckly", 0.3)):
        i = words.index(word)
        probs[i, 0], probs[i, LABELS.index("spelling")] = 1 - score, score
    kinds = {"Quallo": UNKNOWN_CAPITAL, "thier": UNKNOWN_LOWER, "quixckly": UNKNOWN_LOWER, "near": UNKNOWN_LOWER}
    asked = []

    def unknown(word):
        asked.append(word)
        return kinds.get(word, 0)

    thresholds = {"spelling": 0.99, "unknown_word": 0.7, "unknown_name": 0.75, "unknown_slip": 0.25}
    found = flags_from_probs(text, offsets, probs, thresholds, unknown, (), lambda w: w == "quixckly")
    assert [(text[f.start : f.end], f.category) for f in found] == [
        ("Quallo", "spelling"), ("thier", "spelling"), ("quixckly", "spelling")]
    assert asked == ["Quallo", "thier", "quixckly"]  # "near" (0.04) is under every threshold
    # Asked of every word (as before), the answers differ only on words under the floor.
    n = len(CATEGORIES)
    _, total, every = pool_by_word(text, offsets, probs[:, 1 : 1 + n], unknown, ask_floor=0.0)
    _, _, floored = pool_by_word(text, offsets, probs[:, 1 : 1 + n], unknown, ask_floor=0.25)
    assert (every != floored).any() and (total[every != floored] < 0.25).all()


def test_the_apostrophe_word_pattern_finds_exactly_the_words_holding_one():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from galleyproof.model.tagging import _APOSTROPHE_WORD
    from galleyproof.text.words import iter_words

    pieces = st.lists(st.sampled_from(["don", "t", "’", "'", " ", "o", "clock", "-", "1", "_", "é", "’’", "x'"]),
                      max_size=20).map("".join)

    @settings(max_examples=500, deadline=None)
    @given(st.one_of(pieces, st.text(max_size=30)))
    def check(text):
        expected = [m.span() for m in iter_words(text) if "'" in m.group() or "’" in m.group()]
        assert [m.span() for m in _APOSTROPHE_WORD.finditer(text)] == expected

    check()
