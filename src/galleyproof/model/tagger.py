"""The Artisanal Language Model: a small bidirectional transformer that tags every token.

One file, read top to bottom: config, blocks, the tagger. Pre-norm with RMSNorm, rotary
positions, SwiGLU feed-forward. Besides the token id, each token gets a "lexicon bucket"
(how common its whole word is in the training books, and whether the manuscript repeats
it), so rare-but-right and common-but-misspelt words are facts looked up, not memorised.

Labels per token: 0 fine, 1..6 an error of that category (`LABELS`), 7 "a word is
missing before this token".
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields

import torch
import torch.nn as nn
import torch.nn.functional as F

from galleyproof.model.tagging import LABELS, N_LEXICON_BUCKETS


@dataclass
class ModelConfig:
    vocab_size: int = 4096
    n_layer: int = 4
    n_head: int = 4
    n_embd: int = 256
    ffn_mult: float = 2.75  # SwiGLU hidden = ffn_mult * n_embd (rounded to 32)
    max_len: int = 128
    dropout: float = 0.0
    n_labels: int = len(LABELS)
    n_lexicon_buckets: int = N_LEXICON_BUCKETS
    #: Words the corpus lacks but the English word list has get a bucket of their own
    #: (`tagging.DICTIONARY_BUCKET`). Models exported before this existed read without it.
    dictionary_bucket: bool = True

    @classmethod
    def from_dict(cls, config: dict) -> ModelConfig:
        """The config an exported model.json describes (extra keys such as "version" ignored)."""
        names = {f.name for f in fields(cls)}
        return cls(**({"dictionary_bucket": False} | {k: v for k, v in config.items() if k in names}))

    @property
    def ffn_hidden(self) -> int:
        return int(math.ceil(self.ffn_mult * self.n_embd / 32) * 32)

    def to_dict(self) -> dict:
        return asdict(self)


class RMSNorm(nn.Module):
    def __init__(self, dim: int, eps: float = 1e-6) -> None:
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope_tables(max_len: int, head_dim: int, base: float = 10000.0) -> tuple[torch.Tensor, torch.Tensor]:
    """cos/sin tables for rotary positions, shape (max_len, head_dim // 2)."""
    inv = 1.0 / (base ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
    angles = torch.outer(torch.arange(max_len, dtype=torch.float32), inv)
    return angles.cos(), angles.sin()


def apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Rotate pairs (first half, second half) of each head's features by position."""
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos], dim=-1)


class Attention(nn.Module):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.n_head = cfg.n_head
        self.qkv = nn.Linear(cfg.n_embd, 3 * cfg.n_embd, bias=False)
        self.proj = nn.Linear(cfg.n_embd, cfg.n_embd, bias=False)
        self.dropout = cfg.dropout

    def forward(self, x, cos, sin, mask):
        b, t, c = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.n_head, c // self.n_head).permute(2, 0, 3, 1, 4)
        q, k = apply_rope(q, cos[:t], sin[:t]), apply_rope(k, cos[:t], sin[:t])
        y = F.scaled_dot_product_attention(
            q, k, v, attn_mask=mask, dropout_p=self.dropout if self.training else 0.0
        )
        return self.proj(y.transpose(1, 2).reshape(b, t, c))


class SwiGLU(nn.Module):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.gate_up = nn.Linear(cfg.n_embd, 2 * cfg.ffn_hidden, bias=False)
        self.down = nn.Linear(cfg.ffn_hidden, cfg.n_embd, bias=False)

    def forward(self, x):
        gate, up = self.gate_up(x).chunk(2, dim=-1)
        return self.down(F.silu(gate) * up)


class Block(nn.Module):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.norm1 = RMSNorm(cfg.n_embd)
        self.attn = Attention(cfg)
        self.norm2 = RMSNorm(cfg.n_embd)
        self.ffn = SwiGLU(cfg)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x, cos, sin, mask):
        x = x + self.drop(self.attn(self.norm1(x), cos, sin, mask))
        return x + self.drop(self.ffn(self.norm2(x)))


class Tagger(nn.Module):
    """Token ids + lexicon buckets -> per-token label logits."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.cfg = cfg
        self.tok_emb = nn.Embedding(cfg.vocab_size, cfg.n_embd)
        self.lex_emb = nn.Embedding(cfg.n_lexicon_buckets, cfg.n_embd)
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg.n_layer))
        self.norm = RMSNorm(cfg.n_embd)
        self.head = nn.Linear(cfg.n_embd, cfg.n_labels)
        cos, sin = rope_tables(cfg.max_len, cfg.n_embd // cfg.n_head)
        self.register_buffer("rope_cos", cos, persistent=False)
        self.register_buffer("rope_sin", sin, persistent=False)
        self.apply(self._init)
        for name, p in self.named_parameters():  # scaled residual init, as GPT-2
            if name.endswith(("proj.weight", "down.weight")):
                nn.init.normal_(p, std=0.02 / math.sqrt(2 * cfg.n_layer))

    @staticmethod
    def _init(module: nn.Module) -> None:
        if isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, std=0.02)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, std=0.02)

    def forward(
        self, ids: torch.Tensor, lex: torch.Tensor, pad_mask: torch.Tensor, segments: torch.Tensor | None = None
    ) -> torch.Tensor:
        """ids, lex: (batch, time) ints; pad_mask: (batch, time) bool, True for real tokens.

        `segments` (batch, time) numbers the examples packed into one row (training only):
        a token then attends only within its own example, so a packed row computes exactly
        what the examples would alone (positions are rotary, hence relative)."""
        x = self.tok_emb(ids) + self.lex_emb(lex)
        mask = pad_mask[:, None, None, :]  # attend only to real tokens
        if segments is not None:
            same = segments[:, None, :, None] == segments[:, None, None, :]
            # Padding queries may look anywhere real: a row of nothing but -inf gives NaN.
            mask = (same & mask) | ~pad_mask[:, None, :, None]
        for block in self.blocks:
            x = block(x, self.rope_cos, self.rope_sin, mask)
        return self.head(self.norm(x))

    def num_params(self) -> int:
        return sum(p.numel() for p in self.parameters())
