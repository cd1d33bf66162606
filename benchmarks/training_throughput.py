"""Real (non-padding) training tokens/s on the real example stream: one paragraph per row
against packed rows, fp32 against bf16 autocast. What the training budget buys.

    uv run python benchmarks/training_throughput.py [--books 12] [--steps 8]

Batch making (noise, tokenising) is timed apart from the torch step; in training it runs
on a prefetch thread, overlapped with the step.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from galleyproof.corpus import load_books
from galleyproof.model.tagger import ModelConfig, Tagger
from galleyproof.model.tokenizer import Tokenizer
from galleyproof.model.versions import shipped_model_dir
from galleyproof.noise import for_corpus
from galleyproof.training.examples import BookLexicons, ExampleStream, trainable_paragraphs
from galleyproof.training.loop import _packed_tensors, _tensors, use_bf16

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "train"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--books", type=int, default=12)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--rows", type=int, default=64)
    args = parser.parse_args()

    books = load_books(args.corpus)[: args.books]
    tokenizer = Tokenizer.load(shipped_model_dir() / "tokenizer.json")
    lexicons = BookLexicons(books)
    full = lexicons.full()
    stream = ExampleStream(
        trainable_paragraphs(books), lexicons.without, lexicons.document_counts, tokenizer, 128, seed=0,
        noise=for_corpus(full.counts), dictionary=True,
    )
    cfg = ModelConfig(vocab_size=tokenizer.vocab_size, n_layer=4, n_head=6, n_embd=192)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, native bf16: {use_bf16('auto')}")
    print("| rows | precision | make batch s | step s | real tokens/step | real tokens/s (step) |")
    print("|---|---|---|---|---|---|")
    for packed in (False, True):
        started = time.perf_counter()
        batches = [
            _packed_tensors(stream.packed(args.rows)) if packed else (*_tensors(stream.batch(args.rows)), None)
            for _ in range(args.steps + 2)
        ]
        make_s = (time.perf_counter() - started) / len(batches)
        for bf16 in (False, True):
            torch.manual_seed(0)
            model = Tagger(cfg)
            opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
            tokens, started = 0, 0.0
            for i, (ids, lex, labels, mask, segments) in enumerate(batches):
                if i == 2:  # two warm-up steps
                    started, tokens = time.perf_counter(), 0
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                    logits = model(ids, lex, mask, segments)
                loss = F.cross_entropy(logits.float().flatten(0, 1), labels.flatten(), ignore_index=-100)
                opt.zero_grad()
                loss.backward()
                opt.step()
                tokens += int(mask.sum())
            step_s = (time.perf_counter() - started) / args.steps
            print(f"| {'packed' if packed else 'one paragraph'} | {'bf16' if bf16 else 'fp32'} | {make_s:.3f} "
                  f"| {step_s:.3f} | {tokens / args.steps:,.0f} | {tokens / args.steps / step_s:,.0f} |")


if __name__ == "__main__":
    main()
