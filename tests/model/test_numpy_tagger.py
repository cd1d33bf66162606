import numpy as np

from galleyproof.model.numpy_tagger import NumpyTagger
from galleyproof.model.versions import shipped_model_dir


def test_a_row_scores_the_same_alone_in_a_batch_and_with_or_without_a_full_mask():
    tagger = NumpyTagger.load(shipped_model_dir())
    rng = np.random.default_rng(0)
    ids = rng.integers(3, tagger.cfg["vocab_size"], (5, 37))
    lex = rng.integers(0, 24, (5, 37))
    batch = tagger.probs(ids, lex)
    assert batch.dtype == np.float32
    assert np.array_equal(batch, tagger.probs(ids, lex, np.ones(ids.shape, dtype=bool)))
    for r in range(5):
        assert np.array_equal(tagger.probs(ids[r : r + 1], lex[r : r + 1])[0], batch[r])
    # Padding changes real tokens only by rounding, and only with the padded length.
    padded = tagger.probs(np.pad(ids, ((0, 0), (0, 11))), np.pad(lex, ((0, 0), (0, 11))),
                          np.pad(np.ones(ids.shape, dtype=bool), ((0, 0), (0, 11))))
    np.testing.assert_allclose(padded[:, :37], batch, atol=1e-5)


def test_a_row_scores_the_same_whatever_the_batch_size():
    """The linear layers run over every token of a batch at once: a row's scores must still
    not depend on how many rows share its product (the passage cache relies on it)."""
    tagger = NumpyTagger.load(shipped_model_dir())
    rng = np.random.default_rng(1)
    for t in (8, 16, 40, 128):
        ids = rng.integers(3, tagger.cfg["vocab_size"], (97, t))
        lex = rng.integers(0, 24, (97, t))
        alone = tagger.probs(ids[:1], lex[:1])[0]
        for b in (2, 3, 16, 31, 64, 97):
            assert np.array_equal(tagger.probs(ids[:b], lex[:b])[0], alone), (t, b)
