"""Training and inference tokens/s of the tagger at a few sizes, on random data (torch, CPU).

    uv run python benchmarks/model_throughput.py
"""

from __future__ import annotations

import time

import torch
import torch.nn.functional as F

from galleyproof.model.tagger import ModelConfig, Tagger

SIZES = [(128, 4), (192, 4), (256, 4)]
BATCH, LENGTH, VOCAB = 32, 128, 4096


def main() -> None:
    for width, layers in SIZES:
        model = Tagger(ModelConfig(vocab_size=VOCAB, n_embd=width, n_layer=layers, n_head=4, max_len=LENGTH))
        opt = torch.optim.AdamW(model.parameters(), 1e-3)
        ids = torch.randint(0, VOCAB, (BATCH, LENGTH))
        lex = torch.randint(0, model.cfg.n_lexicon_buckets, (BATCH, LENGTH))
        mask = torch.ones(BATCH, LENGTH, dtype=torch.bool)
        labels = torch.randint(0, model.cfg.n_labels, (BATCH, LENGTH))
        for step in range(8):
            if step == 3:
                started = time.perf_counter()
            loss = F.cross_entropy(model(ids, lex, mask).flatten(0, 1), labels.flatten())
            opt.zero_grad()
            loss.backward()
            opt.step()
        train_s = (time.perf_counter() - started) / 5
        model.eval()
        with torch.no_grad():
            started = time.perf_counter()
            for _ in range(5):
                model(ids, lex, mask)
            infer_s = (time.perf_counter() - started) / 5
        tokens = BATCH * LENGTH
        print(f"{width} x {layers}: {model.num_params():,} parameters, "
              f"train {tokens / train_s:,.0f} tokens/s, inference {tokens / infer_s:,.0f} tokens/s")


if __name__ == "__main__":
    main()
