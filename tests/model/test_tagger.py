import numpy as np
import pytest

from galleyproof.model.numpy_tagger import NumpyTagger, export_weights
from galleyproof.text.paragraphs import passages

pytestmark = pytest.mark.torch
torch = pytest.importorskip("torch")
from galleyproof.model.tagger import ModelConfig, Tagger  # noqa: E402


def test_numpy_forward_matches_torch(tmp_path):
    torch.manual_seed(0)
    cfg = ModelConfig(vocab_size=300, n_layer=2, n_head=2, n_embd=32, max_len=16)
    model = Tagger(cfg).eval()
    ids = torch.randint(2, 300, (3, 16))
    lex = torch.randint(0, cfg.n_lexicon_buckets, (3, 16))
    mask = torch.ones(3, 16, dtype=torch.bool)
    mask[1, 10:] = False  # a padded row
    with torch.no_grad():
        expected = torch.softmax(model(ids, lex, mask), -1).numpy()
    export_weights(model.state_dict(), cfg.to_dict(), tmp_path)
    got = NumpyTagger.load(tmp_path).probs(ids.numpy(), lex.numpy(), mask.numpy())
    np.testing.assert_allclose(got[mask.numpy()], expected[mask.numpy()], atol=1e-5)
    assert got.dtype == np.float32  # float64 creeping in costs several times the speed


def test_padding_does_not_change_real_tokens():
    torch.manual_seed(1)
    model = Tagger(ModelConfig(vocab_size=50, n_layer=1, n_head=2, n_embd=16, max_len=12)).eval()
    ids = torch.randint(2, 50, (1, 8))
    lex = torch.zeros(1, 8, dtype=torch.long)
    padded_ids = torch.cat([ids, torch.zeros(1, 4, dtype=torch.long)], 1)
    padded_lex = torch.zeros(1, 12, dtype=torch.long)
    mask = torch.tensor([[True] * 8 + [False] * 4])
    with torch.no_grad():
        a = model(ids, lex, torch.ones(1, 8, dtype=torch.bool))
        b = model(padded_ids, padded_lex, mask)[:, :8]
    torch.testing.assert_close(a, b, atol=1e-5, rtol=1e-5)


def test_passages_unwrap_lines_and_map_back_exactly():
    doc = "\ufeffFirst line\r\nwraps here.\r\n\r\n  Second para\nends.\n"
    parts = passages(doc)
    assert [p.text for p in parts] == ["\ufeffFirst line wraps here.", "Second para ends."]
    for p in parts:
        for i, ch in enumerate(p.text):
            if ch != " " or doc[p.origin[i]] == " ":
                assert doc[p.origin[i]] == ch
    s, e = parts[0].to_document(parts[0].text.index("wraps"), parts[0].text.index("wraps") + 5)
    assert doc[s:e] == "wraps"


def test_passages_drop_italic_marks_as_training_did_and_keep_blanks():
    doc = "It was _he_ who\nsaid _so_. Mr. ____ came."
    [part] = passages(doc)
    assert part.text == "It was he who said so. Mr. ____ came."
    start = part.text.index("he")
    assert part.to_document(start, start + 2) == (doc.index("he"), doc.index("he") + 2)
    start = part.text.index("so.")
    s, e = part.to_document(start, start + 3)
    assert doc[s:e] == "so_."  # a span over a dropped mark keeps it: offsets index the text as read


def test_packed_row_scores_each_example_as_if_alone():
    """Training packs paragraphs into one row; attention must not leak between them."""
    from galleyproof.training.examples import Example, collate, collate_packed

    torch.manual_seed(2)
    model = Tagger(ModelConfig(vocab_size=60, n_layer=2, n_head=2, n_embd=16, max_len=32)).eval()
    rng = np.random.default_rng(0)
    examples = [
        Example(rng.integers(2, 60, n), rng.integers(0, 5, n), np.zeros(n, dtype=np.int64)) for n in (7, 11, 5)
    ]
    ids, lex, _, mask, segments = (torch.from_numpy(a) for a in collate_packed([examples, examples[:1]]))
    assert segments[0].tolist() == [1] * 7 + [2] * 11 + [3] * 5 and segments[1, 7:].eq(0).all()
    alone_ids, alone_lex, _, alone_mask = (torch.from_numpy(a) for a in collate(examples))
    with torch.no_grad():
        packed = model(ids, lex, mask, segments)
        alone = model(alone_ids, alone_lex, alone_mask)
        unmasked = model(ids, lex, mask)
    at = 0
    for i, e in enumerate(examples):
        n = len(e.ids)
        torch.testing.assert_close(packed[0, at : at + n], alone[i, :n], atol=1e-5, rtol=1e-5)
        at += n
    assert not torch.isnan(packed).any()  # padding queries of row 2 must not produce NaN
    assert (unmasked[0, 7:18] - packed[0, 7:18]).abs().max() > 1e-3  # the segment mask matters
