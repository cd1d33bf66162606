"""The shipped tagger in ONNX Runtime, fp32 and with dynamic int8 weights, against the numpy
forward pass: throughput on one thread and how far the scores move. onnx is in the dev
group and the `train` and `onnx` extras. (This script's int8 graph quantizes every linear
layer: the first form of docs/experiments/inference_speed.md, "Fifth round".)

    uv run python benchmarks/onnx_experiment.py [--book BOOK.txt] [--rows 8] [--length 128]

The graph is `galleyproof.model.onnx_export.build_graph` (op for op as `NumpyTagger.probs`
computes), batched here as the numpy path batches (`OnnxTagger` runs a window per call, for
the passage cache's sake). The inputs are the book's passages cut into windows as the
detector cuts them, in batches of `--rows` windows of `--length` tokens. Results: docs/experiments/inference_speed.md.
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
from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: E402

from galleyproof.model.detector import ModelDetector  # noqa: E402
from galleyproof.model.onnx_export import build_graph  # noqa: E402
from galleyproof.model.versions import model_dir  # noqa: E402
from galleyproof.text.document import Document  # noqa: E402
from galleyproof.text.paragraphs import is_heading  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BOOK = ROOT.parent / "shared" / "corpus" / "eval" / "frankenstein.txt"


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
