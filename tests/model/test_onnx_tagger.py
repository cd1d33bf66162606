"""The int8 ONNX graph (`onnx_export`, `onnx_tagger`) against the numpy forward pass, on a tiny
random model made with numpy alone (no torch): a second or two for the whole file."""

import json
from collections import Counter

import numpy as np
import pytest

pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")

from galleyproof.cli.main import app  # noqa: E402
from galleyproof.english.lexicon import Lexicon  # noqa: E402
from galleyproof.model import onnx_tagger  # noqa: E402
from galleyproof.model.detector import ModelDetector  # noqa: E402
from galleyproof.model.files import ModelFilesError  # noqa: E402
from galleyproof.model.folder import CONFIG_FILE, ONNX_FILE, WEIGHTS_FILE  # noqa: E402
from galleyproof.model.numpy_tagger import NumpyTagger  # noqa: E402
from galleyproof.model.onnx_export import build_graph, export_onnx  # noqa: E402
from galleyproof.model.onnx_tagger import OnnxTagger  # noqa: E402
from galleyproof.model.tagging import LABELS, N_LEXICON_BUCKETS  # noqa: E402
from galleyproof.model.tokenizer import Tokenizer  # noqa: E402
from galleyproof.text.paragraphs import Passage  # noqa: E402

PROSE = [
    "The old house stood at the end of the lane, and nobody had lived in it for years.",
    "Mara walked to the gate every morning, looked at the dark windows, and went home again.",
    "One day she found the door open, and a smell of bread came from the kitchen inside.",
]


def copy_of(folder, target, graph=None):
    """A copy of the model folder `folder` at `target`, with `graph` as its ONNX graph where given."""
    target.mkdir()
    for f in folder.iterdir():
        (target / f.name).write_bytes(f.read_bytes())
    if graph is not None:
        (target / ONNX_FILE).write_bytes(graph.read_bytes())
    return target


def _tiny_weights(vocab: int, seed: int = 0, layers: int = 2, width: int = 32, ffn: int = 64) -> dict:
    """Random weights in the exported (torch) layout: linear layers as (out, in)."""
    rng = np.random.default_rng(seed)
    n_labels = len(LABELS)

    def normal(*shape, scale=0.2):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    w = {"tok_emb.weight": normal(vocab, width, scale=1.0),
         "lex_emb.weight": normal(N_LEXICON_BUCKETS, width, scale=1.0),
         "norm.weight": 1 + normal(width, scale=0.1), "head.weight": normal(n_labels, width),
         "head.bias": normal(n_labels)}
    for i in range(layers):
        p = f"blocks.{i}."
        w |= {p + "norm1.weight": 1 + normal(width, scale=0.1), p + "attn.qkv.weight": normal(3 * width, width),
              p + "attn.proj.weight": normal(width, width), p + "norm2.weight": 1 + normal(width, scale=0.1),
              p + "ffn.gate_up.weight": normal(2 * ffn, width), p + "ffn.down.weight": normal(width, ffn)}
    return w


def _config(vocab: int) -> dict:
    return {"vocab_size": vocab, "n_layer": 2, "n_head": 2, "n_embd": 32, "max_len": 64,
            "n_labels": len(LABELS), "n_lexicon_buckets": N_LEXICON_BUCKETS, "dictionary_bucket": True,
            "version": "tiny-onnx"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A whole tiny model folder, without its ONNX graph."""
    folder = tmp_path_factory.mktemp("tiny")
    tokenizer = Tokenizer.train(PROSE * 20, vocab_size=320)
    tokenizer.save(folder / "tokenizer.json")
    np.savez(folder / WEIGHTS_FILE, **_tiny_weights(tokenizer.vocab_size))
    (folder / CONFIG_FILE).write_text(json.dumps(_config(tokenizer.vocab_size)), encoding="utf-8")
    Lexicon.from_texts(PROSE, min_count=1).save(folder / "lexicon.tsv.gz")
    (folder / "thresholds.json").write_text(json.dumps({"spelling": 0.3, "grammar": 0.3}), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def graph(folder, tmp_path_factory):
    return export_onnx(folder, tmp_path_factory.mktemp("graph") / ONNX_FILE)


def _batch(vocab: int, rows: int, length: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    ids = rng.integers(3, vocab, (rows, length))
    lex = rng.integers(0, N_LEXICON_BUCKETS, (rows, length))
    mask = np.ones((rows, length), dtype=bool)
    for r in range(rows):
        mask[r, length - r :] = False  # row r has r padding tokens
    return ids, lex, mask


def test_the_fp32_graph_computes_what_numpy_computes(folder):
    """The graph's ops are the numpy forward pass's: before quantization the two agree to
    rounding, padding included."""
    import onnxruntime as ort

    tagger = NumpyTagger.load(folder)
    session = ort.InferenceSession(build_graph(tagger).SerializeToString(), providers=["CPUExecutionProvider"])
    ids, lex, mask = _batch(tagger.cfg["vocab_size"], 5, 24)
    want = tagger.probs(ids, lex, mask)
    got = session.run(["probs"], {"ids": ids, "lex": lex, "mask": mask})[0]
    np.testing.assert_allclose(got[mask], want[mask], atol=2e-5)


def test_int8_scores_stay_near_numpy_and_are_probabilities(folder, graph):
    tagger = NumpyTagger.load(folder)
    onnx_tagger = OnnxTagger(graph.read_bytes(), tagger.cfg)
    ids, lex, mask = _batch(tagger.cfg["vocab_size"], 6, 40, seed=1)
    want = tagger.probs(ids, lex, mask)
    got = onnx_tagger.probs(ids, lex, mask)
    assert got.shape == want.shape and got.dtype == np.float32
    np.testing.assert_allclose(got.sum(-1), 1.0, atol=1e-5)
    assert np.abs(got[mask] - want[mask]).max() < 0.1
    assert np.mean(got[mask].argmax(-1) == want[mask].argmax(-1)) > 0.9
    # No mask means every token is real.
    np.testing.assert_array_equal(onnx_tagger.probs(ids[:1], lex[:1]), onnx_tagger.probs(ids[:1], lex[:1], mask[:1] | True))


def test_a_row_scores_the_same_whatever_it_is_batched_with(folder, graph):
    """Activations are quantized with one scale per call: the tagger runs a window per call so
    that a passage's scores are its own (the passage cache relies on it)."""
    onnx_tagger = OnnxTagger(graph.read_bytes(), NumpyTagger.load(folder).cfg)
    ids, lex, mask = _batch(onnx_tagger.cfg["vocab_size"], 7, 32, seed=2)
    ids[3] *= 0  # one row of very different activations in the middle of the batch
    alone = onnx_tagger.probs(ids[:1], lex[:1], mask[:1])[0]
    for b in (2, 5, 7):
        assert np.array_equal(onnx_tagger.probs(ids[:b], lex[:b], mask[:b])[0], alone), b
    assert np.array_equal(onnx_tagger.probs(ids[::-1], lex[::-1], mask[::-1])[-1], alone)


def test_the_export_is_reproducible(folder, graph, tmp_path):
    again = export_onnx(folder, tmp_path / "again.onnx")
    assert again.read_bytes() == graph.read_bytes()


def test_a_folder_with_a_graph_runs_it_and_keys_its_cache_apart(folder, graph, tmp_path):
    with_graph = copy_of(folder, tmp_path / "with", graph)
    plain = ModelDetector(folder)
    assert isinstance(plain.tagger, NumpyTagger)
    detector = ModelDetector(with_graph)
    assert isinstance(detector.tagger, OnnxTagger)
    assert detector.model_digest() != plain.model_digest()
    text = PROSE[1] + " " + PROSE[2]
    [(offsets, probs)] = detector.token_probs([Passage(text, list(range(len(text))))], Counter(text.lower().split()))
    assert probs.shape == (len(offsets), len(LABELS))
    [(_, numpy_probs)] = plain.token_probs([Passage(text, list(range(len(text))))], Counter(text.lower().split()))
    assert np.abs(probs - numpy_probs).max() < 0.1


def test_a_damaged_graph_is_named(folder, tmp_path):
    broken = copy_of(folder, tmp_path / "broken")
    (broken / ONNX_FILE).write_bytes(b"not a graph at all")
    with pytest.raises(ModelFilesError, match=ONNX_FILE):
        ModelDetector(broken)


def test_the_command_writes_the_graph_into_the_folder(folder, graph, tmp_path):
    from typer.testing import CliRunner

    target = copy_of(folder, tmp_path / "model")
    result = CliRunner().invoke(app, ["model", "export-onnx", str(target)])
    assert result.exit_code == 0, result.output
    assert f"wrote {target / ONNX_FILE}" in result.output
    assert (target / ONNX_FILE).read_bytes() == graph.read_bytes()
    missing = CliRunner().invoke(app, ["model", "export-onnx", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2


def test_diagnose_names_a_graph_that_only_the_runtime_finds_damaged(folder, graph, tmp_path):
    from galleyproof.model.files import diagnose

    target = copy_of(folder, tmp_path / "model", graph)
    assert diagnose(target) is None
    (target / ONNX_FILE).write_bytes(graph.read_bytes()[: len(graph.read_bytes()) // 2])
    found = diagnose(target)
    assert found is not None and found.path == str(target / ONNX_FILE)


def test_a_graph_without_onnxruntime_says_what_to_install(folder, graph, tmp_path, monkeypatch):
    import sys

    target = copy_of(folder, tmp_path / "model", graph)
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # an import of it now fails
    with pytest.raises(ModelFilesError, match=r"needs onnxruntime.*pip install onnxruntime"):
        ModelDetector(target)


def test_the_down_products_and_the_head_stay_float32(graph):
    import onnx

    model = onnx.load(graph)
    floats = {i.name for i in model.graph.initializer if i.data_type == onnx.TensorProto.FLOAT}
    kept = [n.input[1] for n in model.graph.node if n.op_type == "MatMul" and n.input[1] in floats]
    assert sorted(kept) == ["blocks.0.ffn.down.weight", "blocks.1.ffn.down.weight", "head.weight"]
    assert sum(n.op_type in ("MatMulInteger", "DynamicQuantizeMatMul") for n in model.graph.node) >= 6


def test_the_graph_is_hashed_when_the_cache_asks_and_a_changed_file_matches_nothing(folder, graph, tmp_path):
    loaded = copy_of(folder, tmp_path / "loaded", graph)
    tagger = OnnxTagger.load(loaded)
    assert tagger._digest is None  # loading alone hashes nothing
    assert tagger.digest == OnnxTagger(graph.read_bytes(), tagger.cfg).digest  # as hashed at once from the bytes
    assert OnnxTagger.load(loaded).digest == tagger.digest
    # The file replaced after loading: the scores are the old graph's, so they are keyed apart
    # from what the new graph would store.
    later = OnnxTagger.load(loaded)
    changed = graph.read_bytes() + b"\0"
    (loaded / ONNX_FILE).write_bytes(changed)
    assert later.digest not in (tagger.digest, onnx_tagger._graph_digest(changed))


def test_the_session_plans_no_memory_pattern_and_scores_the_same_from_the_file(folder, graph):
    """`session_options`: one thread per call and no memory pattern (a pattern is kept for each
    input shape, and the book's windows and rows come in hundreds: its peak memory rose); a
    session made from the graph's file gives the scores one made from its bytes gives."""
    import onnxruntime as ort

    tagger = NumpyTagger.load(folder)
    options = onnx_tagger.session_options(ort)
    assert not options.enable_mem_pattern and options.enable_cpu_mem_arena
    assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)
    from_file, from_bytes = OnnxTagger(graph, tagger.cfg), OnnxTagger(graph.read_bytes(), tagger.cfg)
    assert not from_file.session.get_session_options().enable_mem_pattern
    ids, lex, mask = _batch(tagger.cfg["vocab_size"], 5, 24, seed=3)
    for b, t in ((1, 24), (5, 24), (3, 9), (5, 24)):  # shapes again after others: no pattern to reuse
        np.testing.assert_array_equal(from_file.probs(ids[:b, :t], lex[:b, :t], mask[:b, :t]),
                                      from_bytes.probs(ids[:b, :t], lex[:b, :t], mask[:b, :t]))
        np.testing.assert_array_equal(from_file.probs_together(ids[:b, :t], lex[:b, :t], mask[:b, :t]),
                                      from_bytes.probs_together(ids[:b, :t], lex[:b, :t], mask[:b, :t]))


def test_a_flags_candidates_are_scored_in_one_call_near_their_own_scores(folder, graph, tmp_path):
    """`scores_together`: the rows around a flag (the text with each fix in it) go through the
    graph in one call, padded to the longest, uncached; each row's scores stay near its scores
    alone (one quantization scale for rows that differ by a word), the shapes its own."""
    with_graph = copy_of(folder, tmp_path / "with", graph)
    detector = ModelDetector(with_graph)
    texts = ["Mara walked to the gate every morning.", "Mara walked to teh gate every morning.",
             "Mara walked to the the gate every morning, and home."]
    rows = [Passage(t, list(range(len(t)))) for t in texts]
    counts = Counter(" ".join(texts).lower().split())
    calls = []
    together = detector.tagger.probs_together
    detector.tagger.probs_together = lambda *a: calls.append(a[0].shape) or together(*a)
    put = []
    detector.cache = type("Cache", (), {"get_many": lambda self, keys: {}, "put_many": lambda self, d: put.append(d)})()
    got = detector.scores_together(rows, counts)
    assert len(calls) == 1 and calls[0][0] == 3 and not put  # one call, nothing cached
    assert not set(texts) & set(detector._encoded)  # one-off rows: not remembered for the next check
    detector.cache = None
    alone = detector.token_probs(rows, counts)
    for (offsets, probs), (want_offsets, want) in zip(got, alone, strict=True):
        assert offsets == want_offsets and probs.shape == want.shape
        assert np.abs(probs - want).max() < 0.1
        np.testing.assert_allclose(probs.sum(-1), 1.0, atol=1e-5)
    # A row longer than a window, or with no tokens, goes the usual way (a window per call).
    long_text = " ".join(PROSE * 3)
    calls.clear()
    detector.scores_together([rows[0], Passage(long_text, list(range(len(long_text))))], counts)
    assert not calls
