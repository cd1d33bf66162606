"""The tagger's forward pass in ONNX Runtime, on the int8 graph `onnx_export` writes.

Same interface as `NumpyTagger` (`cfg`, `probs`). onnxruntime is imported here, when a model
is loaded, never by a command that does not run the model (about 0.2 s of import).

The graph quantizes each linear layer's input with one scale for the whole call, so scores
would depend on what a window is batched with: `probs` runs one window per call, which keeps
a window's scores its own (what makes the passage cache exact), at a small cost per call.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

from galleyproof.model.folder import CONFIG_FILE, ONNX_FILE


class OnnxTagger:
    """An int8 ONNX graph in one onnxruntime session (one thread per call: `check` runs its
    own threads, each calling `probs`, which onnxruntime allows)."""

    def __init__(self, graph: bytes | Path, config: dict) -> None:
        """The graph's session, from the graph's bytes or its file (which lets `digest` wait
        until it is asked for, and holds no copy of the bytes while the session is made)."""
        import onnxruntime as ort

        self.cfg = config
        source = Path(graph) if isinstance(graph, (str, Path)) else None
        self._source = (source, _file_stamp(source)) if source is not None else None
        self._digest = None if source is not None else _graph_digest(graph)
        self.session = ort.InferenceSession(str(source) if source is not None else graph, session_options(ort),
                                            providers=["CPUExecutionProvider"])

    @classmethod
    def load(cls, model_dir: str | Path) -> OnnxTagger:
        model_dir = Path(model_dir)
        config = json.loads((model_dir / CONFIG_FILE).read_text(encoding="utf-8"))
        return cls(model_dir / ONNX_FILE, config)

    @property
    def digest(self) -> bytes:
        """What decides the scores besides the inputs, for the passage cache's key: the graph
        and the runtime that computes it (its int8 kernels may change). Hashed when first asked
        for, from the file read again (a check without the cache never asks: hashing the 9 MB
        graph took 10-20 ms of its start); a file changed since it was loaded gets a digest of
        its own that nothing stored matches."""
        if self._digest is None:
            path, stamp = self._source
            try:
                graph = path.read_bytes()
                unchanged = _file_stamp(path) == stamp
            except OSError:
                unchanged = False
            self._digest = _graph_digest(graph) if unchanged else os.urandom(16)
        return self._digest

    def probs(self, ids: np.ndarray, lex: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """(batch, time) ids, lexicon buckets and real-token mask -> (batch, time, labels),
        a window at a time."""
        b, t = ids.shape
        feeds = _feeds(ids, lex, np.ones((b, t), dtype=bool) if mask is None else mask)
        out = np.empty((b, t, self.cfg["n_labels"]), dtype=np.float32)
        run = self.session.run
        for r in range(b):
            out[r] = run(["probs"], {name: rows[r : r + 1] for name, rows in feeds.items()})[0][0]
        return out

    def probs_together(self, ids: np.ndarray, lex: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """`probs` in one call for the whole batch: each row's scores then depend on the rest
        (one quantization scale for all), so only for rows read against each other, never
        cached (a flag's candidates, which differ by a word or two: `ModelDetector.scores_together`).
        A call costs about 0.24 ms besides its tokens; a flag's 17 short rows in one call
        save most of that."""
        return self.session.run(["probs"], _feeds(ids, lex, mask))[0]


def _feeds(ids: np.ndarray, lex: np.ndarray, mask: np.ndarray) -> dict[str, np.ndarray]:
    """The graph's inputs, as the types and memory layout it takes."""
    return {"ids": np.ascontiguousarray(ids, dtype=np.int64), "lex": np.ascontiguousarray(lex, dtype=np.int64),
            "mask": np.ascontiguousarray(mask, dtype=bool)}


def session_options(ort):
    """One thread per call, and no memory pattern: onnxruntime's pattern is planned and kept
    for every distinct input shape, and the passages' windows and a flag's rows come in
    hundreds of shapes; each pattern's block stayed in the arena. Without it the book's peak
    fell by 14 MiB at two threads, with the same scores (BENCHMARKS.md, "Speed, sixth round:
    memory"). The arena stays on: without it every tensor is a malloc of its own, and the
    book's peak rose (glibc keeps the freed blocks, in one heap per thread)."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.enable_mem_pattern = False
    options.log_severity_level = 3  # no warnings on stderr about the graph's optimisation
    return options


def _graph_digest(graph: bytes) -> bytes:
    import onnxruntime as ort

    h = hashlib.blake2b(graph, digest_size=16)
    h.update(ort.__version__.encode())
    return h.digest()


def _file_stamp(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns, st.st_ino
