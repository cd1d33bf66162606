"""The shipped tagger in ONNX Runtime, fp32 and with dynamic int8 weights, against the numpy
forward pass: throughput on one thread and how far the scores move. An experiment, not a
dependency: run it in a throwaway environment.

    uv run --with onnx --with onnxruntime python benchmarks/onnx_experiment.py [--book BOOK.txt] [--rows 8] [--length 128]

The graph is built here from the exported weights, op for op as `NumpyTagger.probs` computes
(RMSNorm, rotary, attention with a padding bias, SiLU-gated feed-forward, softmax head). The
inputs are the book's passages cut into windows as the detector cuts them, in batches of
`--rows` windows of `--length` tokens. Results: docs/experiments/inference_speed.md.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnxruntime as ort  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: E402

from galleyproof.model.detector import ModelDetector  # noqa: E402
from galleyproof.model.versions import model_dir  # noqa: E402
from galleyproof.text.document import Document  # noqa: E402
from galleyproof.text.paragraphs import is_heading  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BOOK = ROOT.parent / "shared" / "corpus" / "eval" / "frankenstein.txt"


def build_graph(tagger) -> onnx.ModelProto:
    w, cfg = tagger.w, tagger.cfg
    h = cfg["n_head"]
    c = cfg["n_embd"]
    d = c // h
    half = d // 2
    inits, nodes = [], []

    def const(name, array):
        inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def node(op, ins, outs=None, **attrs):
        outs = outs or [f"{op}_{len(nodes)}"]
        nodes.append(helper.make_node(op, ins, outs, **attrs))
        return outs[0] if len(outs) == 1 else outs

    for k, v in w.items():
        const(k, v)
    const("cos_table", tagger.cos)
    const("sin_table", tagger.sin)
    const("eps", np.float32(1e-6))
    const("scale", np.float32(1.0 / np.sqrt(d)))
    const("neg_inf", np.float32(-np.inf))
    const("zero_f", np.float32(0.0))
    const("axes_last", np.array([-1], dtype=np.int64))
    const("axes_12", np.array([1, 2], dtype=np.int64))
    const("zero", np.array([0], dtype=np.int64))
    const("one", np.array([1], dtype=np.int64))
    const("half", np.array([half], dtype=np.int64))
    const("dfull", np.array([d], dtype=np.int64))
    const("shape_bt3hd", np.array([0, 0, 3, h, d], dtype=np.int64))
    const("shape_btc", np.array([0, 0, c], dtype=np.int64))

    def rms(x, weight):
        sq = node("Mul", [x, x])
        mean = node("ReduceMean", [sq, "axes_last"], keepdims=1)
        sd = node("Sqrt", [node("Add", [mean, "eps"])])
        return node("Mul", [node("Div", [x, sd]), weight])

    t_len = node("Gather", [node("Shape", ["ids"]), "one"], axis=0)
    cos = node("Slice", ["cos_table", "zero", t_len])
    sin = node("Slice", ["sin_table", "zero", t_len])

    def rope(x):
        x1 = node("Slice", [x, "zero", "half", "axes_last"])
        x2 = node("Slice", [x, "half", "dfull", "axes_last"])
        lo = node("Sub", [node("Mul", [x1, cos]), node("Mul", [x2, sin])])
        hi = node("Add", [node("Mul", [x1, sin]), node("Mul", [x2, cos])])
        return node("Concat", [lo, hi], axis=-1)

    x = node("Add", [node("Gather", ["tok_emb.weight", "ids"]), node("Gather", ["lex_emb.weight", "lex"])])
    bias = node("Where", [node("Unsqueeze", ["mask", "axes_12"]), "zero_f", "neg_inf"])
    for i in range(cfg["n_layer"]):
        p = f"blocks.{i}."
        y = rms(x, p + "norm1.weight")
        qkv = node("Reshape", [node("MatMul", [y, p + "attn.qkv.weight"]), "shape_bt3hd"])
        qkv = node("Transpose", [qkv], perm=[2, 0, 3, 1, 4])
        q, k, v = node("Split", [qkv], outs=[f"q{i}", f"k{i}", f"v{i}"], axis=0, num_outputs=3)
        q, k, v = (node("Squeeze", [t, "zero"]) for t in (q, k, v))
        q, k = rope(q), rope(k)
        att = node("Mul", [node("MatMul", [q, node("Transpose", [k], perm=[0, 1, 3, 2])]), "scale"])
        att = node("Softmax", [node("Add", [att, bias])], axis=-1)
        y = node("Reshape", [node("Transpose", [node("MatMul", [att, v])], perm=[0, 2, 1, 3]), "shape_btc"])
        x = node("Add", [x, node("MatMul", [y, p + "attn.proj.weight"])])
        y = node("MatMul", [rms(x, p + "norm2.weight"), p + "ffn.gate_up.weight"])
        gate, up = node("Split", [y], outs=[f"gate{i}", f"up{i}"], axis=-1, num_outputs=2)
        silu = node("Mul", [gate, node("Sigmoid", [gate])])
        x = node("Add", [x, node("MatMul", [node("Mul", [silu, up]), p + "ffn.down.weight"])])
    logits = node("Add", [node("MatMul", [rms(x, "norm.weight"), "head.weight"]), "head.bias"])
    node("Softmax", [logits], outs=["probs"], axis=-1)
    graph = helper.make_graph(
        nodes, "tagger",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["b", "t"]),
         helper.make_tensor_value_info("lex", TensorProto.INT64, ["b", "t"]),
         helper.make_tensor_value_info("mask", TensorProto.BOOL, ["b", "t"])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["b", "t", cfg["n_labels"]])],
        initializer=inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 9
    onnx.checker.check_model(model)
    return model


def windows(detector: ModelDetector, text: str, rows: int, length: int):
    """Batches of (ids, lex, mask) as the detector cuts a book: windows of `length` tokens."""
    doc = Document(text)
    out, batch = [], []
    for p in doc.passages():
        if is_heading(p.text):
            continue
        _, ids, lex = detector._encode(p.text, doc.counts)
        stride = length * 3 // 4
        for lo in range(0, max(len(ids) - (length - stride), 1), stride):
            batch.append((ids[lo : lo + length], lex[lo : lo + length]))
            if len(batch) == rows:
                out.append(batch)
                batch = []
    arrays = []
    for batch in out:
        ids = np.zeros((rows, length), dtype=np.int64)
        lex = np.zeros((rows, length), dtype=np.int64)
        mask = np.zeros((rows, length), dtype=bool)
        for r, (i, x) in enumerate(batch):
            ids[r, : len(i)], lex[r, : len(i)], mask[r, : len(i)] = i, x, True
        arrays.append((ids, lex, mask))
    return arrays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=DEFAULT_BOOK)
    parser.add_argument("--rows", type=int, default=8)
    parser.add_argument("--length", type=int, default=128)
    parser.add_argument("--batches", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    detector = ModelDetector(model_dir("default"))
    tagger = detector.tagger
    data = windows(detector, args.book.read_text(encoding="utf-8"), args.rows, args.length)[: args.batches]
    tokens = sum(int(m.sum()) for _, _, m in data)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "tagger.onnx"
        int8 = Path(tmp) / "tagger.int8.onnx"
        onnx.save(build_graph(tagger), fp32)
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"])
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        sessions = {name: ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
                    for name, path in (("onnxruntime fp32", fp32), ("onnxruntime int8", int8))}
        sizes = {"onnxruntime fp32": fp32.stat().st_size, "onnxruntime int8": int8.stat().st_size}

        runners = {"numpy": lambda i, x, m: tagger.probs(i, x, m)}
        for name, s in sessions.items():
            runners[name] = lambda i, x, m, s=s: s.run(["probs"], {"ids": i, "lex": x, "mask": m})[0]
        ref = [tagger.probs(*b) for b in data]
        times = {name: [] for name in runners}
        outputs = {}
        for _ in range(args.rounds):  # alternating, so drift on a shared machine hits each alike
            for name, run in runners.items():
                started = time.perf_counter()
                outputs[name] = [run(*b) for b in data]
                times[name].append(time.perf_counter() - started)
    print(f"{len(data)} batches of {args.rows} x {args.length} tokens, {tokens} real tokens, one thread")
    base = min(times["numpy"])
    for name, ts in times.items():
        t = min(ts)
        real = [(o[m], r[m]) for o, r, (_, _, m) in zip(outputs[name], ref, data)]
        top = np.mean(np.concatenate([o.argmax(-1) == r.argmax(-1) for o, r in real]))
        diff = max(float(np.abs(o - r).max()) for o, r in real)
        size = f", model file {sizes[name] / 2**20:.1f} MiB" if name in sizes else ""
        print(f"{name:18s} {tokens / t:8.0f} tokens/s ({base / t:.2f}x numpy); top label same for {top:.2%} "
              f"of tokens, largest probability change {diff:.4f}{size}")


if __name__ == "__main__":
    main()
