"""The tagger's forward pass in numpy, so `check` runs without torch.

It mirrors `galleyproof.model.tagger.Tagger` line for line; a test holds the two to the same
scores. Weights are stored and computed in float32: the exported model is the trained one.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from galleyproof.model.folder import CONFIG_FILE, WEIGHTS_FILE
from galleyproof.model.unpacked import load_arrays

# The helpers below work in place where they can: fewer large temporaries, same arithmetic
# in the same order as the torch model, so results are bit-identical to the plain version.


def _rms_norm(x: np.ndarray, weight: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    out = x * x
    scale = np.mean(out, axis=-1, keepdims=True)
    scale += eps
    np.sqrt(scale, out=scale)
    np.divide(x, scale, out=out)
    out *= weight
    return out


def _rope(x: np.ndarray, cos: np.ndarray, sin: np.ndarray) -> np.ndarray:
    """Rotary embedding of the last two axes (time, head dim), over any leading axes: queries
    and keys go through together, with one scratch array for the products."""
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    out = np.empty(x.shape, dtype=x.dtype)
    lo, hi = out[..., :half], out[..., half:]
    scratch = np.empty(x1.shape, dtype=x.dtype)
    np.multiply(x1, cos, out=lo)
    np.multiply(x2, sin, out=scratch)
    lo -= scratch
    np.multiply(x1, sin, out=hi)
    np.multiply(x2, cos, out=scratch)
    hi += scratch
    return out


def _softmax(x: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, overwriting `x`."""
    x -= x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x


def _silu_times(gate: np.ndarray, up: np.ndarray) -> np.ndarray:
    """silu(gate) * up, as gate / (1 + exp(-gate)) * up, in one new array."""
    out = np.negative(gate)
    np.exp(out, out=out)
    out += 1.0
    np.divide(gate, out, out=out)
    out *= up
    return out


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
        return cls(load_arrays(model_dir / WEIGHTS_FILE), config)

    def probs(self, ids: np.ndarray, lex: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """(batch, time) ids, lexicon buckets and real-token mask -> (batch, time, labels).

        Without a mask every position is a real token (no padding), and attention needs no bias.
        Each row's matrix products run on that row alone (numpy loops over the batch), so a
        row's scores do not depend on what it is batched with: what makes caching them exact.
        """
        w, cfg = self.w, self.cfg
        b, t = ids.shape
        h = cfg["n_head"]
        d = cfg["n_embd"] // h
        cos, sin = self.cos[:t], self.sin[:t]
        x = w["tok_emb.weight"][ids]
        x += w["lex_emb.weight"][lex]
        bias = None
        if mask is not None and not mask.all():
            bias = np.where(mask[:, None, None, :], 0.0, -np.inf).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(d))  # a float64 scalar would promote every product
        for i in range(cfg["n_layer"]):
            p = f"blocks.{i}."
            y = _rms_norm(x, w[p + "norm1.weight"])
            qkv = (y @ w[p + "attn.qkv.weight"]).reshape(b, t, 3, h, d).transpose(2, 0, 3, 1, 4)
            q, k = _rope(qkv[:2], cos, sin)  # contiguous, as the attention products want them
            v = np.ascontiguousarray(qkv[2])
            att = q @ k.transpose(0, 1, 3, 2)
            att *= scale
            if bias is not None:
                att += bias
            y = (_softmax(att) @ v).transpose(0, 2, 1, 3).reshape(b, t, h * d)
            x += y @ w[p + "attn.proj.weight"]
            y = _rms_norm(x, w[p + "norm2.weight"]) @ w[p + "ffn.gate_up.weight"]
            gate, up = np.split(y, 2, axis=-1)
            x += _silu_times(gate, up) @ w[p + "ffn.down.weight"]
        logits = _rms_norm(x, w["norm.weight"]) @ w["head.weight"]
        logits += w["head.bias"]
        return _softmax(logits)


def export_weights(state_dict: dict, config: dict, model_dir: str | Path) -> None:
    """Write torch weights (float32) and the config where `NumpyTagger.load` reads them."""
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    arrays = {k: v.detach().cpu().float().numpy() for k, v in state_dict.items()}
    np.savez_compressed(model_dir / WEIGHTS_FILE, **arrays)
    (model_dir / CONFIG_FILE).write_text(json.dumps(config, indent=1), encoding="utf-8")
