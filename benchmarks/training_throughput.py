"""Real (non-padding) training tokens/s on the real example stream: one paragraph per row
against packed rows, fp32 against bf16 autocast; then the training loop itself (prefetch
thread, packed rows, `--precision auto`) in 1 and 2 processes under DistributedDataParallel
(gloo), the global batch the same. What the training budget buys.

    uv run python benchmarks/training_throughput.py [--books 12] [--steps 8] [--processes 1 2]

Batch making (noise, tokenising) is timed apart from the torch step in the first table; in
training it runs on a prefetch thread, overlapped with the step. The second table is what
`galleyproof train --nproc N` gets: tokens/s of the whole step, all processes together,
after two warm-up steps.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from galleyproof.corpus import load_books
from galleyproof.model.tagger import ModelConfig, Tagger
from galleyproof.model.tokenizer import Tokenizer
from galleyproof.model.versions import shipped_model_dir
from galleyproof.noise import for_corpus
from galleyproof.training.distributed import SINGLE, Ranks, cpu_threads, spawn
from galleyproof.training.examples import BookLexicons, ExampleStream, trainable_paragraphs
from galleyproof.training.loop import LOG, LoopConfig, _packed_tensors, _tensors, rank_seed, train, use_bf16

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "train"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--books", type=int, default=12)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--rows", type=int, default=64)
    parser.add_argument("--processes", type=int, nargs="*", default=[1, 2],
                        help="process counts for the training-loop table (none: skip it)")
    parser.add_argument("--loop-only", action="store_true", help="only the training-loop table")
    args = parser.parse_args()

    if not args.loop_only:
        rows_and_precision(args)
    if args.processes:
        print(f"\nThe training loop, {args.rows} rows a step in all, {args.steps} steps after 2 warm-up steps:")
        print("| processes | rows per process | threads per process | real tokens/s (all processes) |")
        print("|---|---|---|---|")
        for nproc in args.processes:
            with tempfile.TemporaryDirectory() as out:
                if nproc == 1:
                    loop_rank(SINGLE, args, out)
                else:
                    spawn(loop_rank, nproc, "cpu", (args, out))
                log = [json.loads(line) for line in (Path(out) / LOG).read_text().splitlines()]
            threads = torch.get_num_threads() if nproc == 1 else cpu_threads(Ranks(local_world=nproc), 0)
            timed = log[1:]  # each record is one 2-step window; the first holds the warm-up
            tokens_per_s = sum(r["tokens_per_s"] for r in timed) / len(timed)
            print(f"| {nproc} | {args.rows // nproc} | {threads} | {tokens_per_s:,.0f} |")


def real_stream(args, seed):
    books = load_books(args.corpus)[: args.books]
    tokenizer = Tokenizer.load(shipped_model_dir() / "tokenizer.json")
    lexicons = BookLexicons(books)
    full = lexicons.full()
    stream = ExampleStream(
        trainable_paragraphs(books), lexicons.without, lexicons.document_counts, tokenizer, 128, seed=seed,
        noise=for_corpus(full.counts), dictionary=True,
    )
    return stream, ModelConfig(vocab_size=tokenizer.vocab_size, n_layer=4, n_head=6, n_embd=192)


def loop_rank(ranks: Ranks, args, out: str) -> None:
    """One process of the loop table: the real loop, its log in `out` (rank 0)."""
    stream, cfg = real_stream(args, rank_seed(0, ranks.rank))
    steps = 2 + 2 * max(args.steps // 2, 1)
    loop = LoopConfig(steps=steps, batch_size=args.rows, lr=1.5e-3, log_every=2, eval_every=10**9,
                      checkpoint_every=10**9)
    train(cfg, loop, stream, [], Path(out), show_progress=False, ranks=ranks)


def rows_and_precision(args) -> None:
    stream, cfg = real_stream(args, 0)
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
