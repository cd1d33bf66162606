"""The tagger's forward pass in numpy, so `check` runs without torch.

It mirrors `galleyproof.model.Tagger` line for line; a test holds the two to the same
scores. Weights are stored and computed in float32: the exported model is the trained one.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

WEIGHTS_FILE = "weights.npz"
CONFIG_FILE = "config.json"


def _rms_norm(x: np.ndarray, weight: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * weight


def _rope(x: np.ndarray, cos: np.ndarray, sin: np.ndarray) -> np.ndarray:
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    return np.concatenate([x1 * cos - x2 * sin, x1 * sin + x2 * cos], axis=-1)


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x


def _silu(x: np.ndarray) -> np.ndarray:
    return x / (1.0 + np.exp(-x))


class NumpyTagger:
    """Load exported weights and compute label probabilities for padded batches."""

    def __init__(self, weights: dict[str, np.ndarray], config: dict) -> None:
        self.cfg = config
        self.w = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}
        head_dim = config["n_embd"] // config["n_head"]
        inv = 1.0 / (10000.0 ** (np.arange(0, head_dim, 2, dtype=np.float32) / head_dim))
        angles = np.outer(np.arange(config["max_len"], dtype=np.float32), inv)
        self.cos, self.sin = np.cos(angles), np.sin(angles)
        # Linear layers as (in, out) so the forward pass is x @ W.
        for k in list(self.w):
            if k.endswith(".weight") and self.w[k].ndim == 2 and not k.endswith("_emb.weight"):
                self.w[k] = np.ascontiguousarray(self.w[k].T)

    @classmethod
    def load(cls, model_dir: str | Path) -> NumpyTagger:
        model_dir = Path(model_dir)
        config = json.loads((model_dir / CONFIG_FILE).read_text(encoding="utf-8"))
        with np.load(model_dir / WEIGHTS_FILE) as npz:
            weights = {k: npz[k] for k in npz.files}
        return cls(weights, config)

    def probs(self, ids: np.ndarray, lex: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """(batch, time) ids, lexicon buckets and real-token mask -> (batch, time, labels)."""
        w, cfg = self.w, self.cfg
        b, t = ids.shape
        h = cfg["n_head"]
        d = cfg["n_embd"] // h
        cos, sin = self.cos[:t], self.sin[:t]
        x = w["tok_emb.weight"][ids] + w["lex_emb.weight"][lex]
        bias = np.where(mask[:, None, None, :], 0.0, -np.inf).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(d))  # a float64 scalar would promote every product
        for i in range(cfg["n_layer"]):
            p = f"blocks.{i}."
            y = _rms_norm(x, w[p + "norm1.weight"])
            q, k, v = (y @ w[p + "attn.qkv.weight"]).reshape(b, t, 3, h, d).transpose(2, 0, 3, 1, 4)
            q, k = _rope(q, cos, sin), _rope(k, cos, sin)
            att = _softmax(q @ k.transpose(0, 1, 3, 2) * scale + bias)
            y = (att @ v).transpose(0, 2, 1, 3).reshape(b, t, h * d)
            x = x + y @ w[p + "attn.proj.weight"]
            y = _rms_norm(x, w[p + "norm2.weight"]) @ w[p + "ffn.gate_up.weight"]
            gate, up = np.split(y, 2, axis=-1)
            x = x + (_silu(gate) * up) @ w[p + "ffn.down.weight"]
        logits = _rms_norm(x, w["norm.weight"]) @ w["head.weight"] + w["head.bias"]
        return _softmax(logits)


def export_weights(state_dict: dict, config: dict, model_dir: str | Path) -> None:
    """Write torch weights (float32) and the config where `NumpyTagger.load` reads them."""
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    arrays = {k: v.detach().cpu().float().numpy() for k, v in state_dict.items()}
    np.savez_compressed(model_dir / WEIGHTS_FILE, **arrays)
    (model_dir / CONFIG_FILE).write_text(json.dumps(config, indent=1), encoding="utf-8")
