"""Vocabulary-size sweep for the byte-level BPE tokenizer.

Trains one tokenizer per size on the training split of a corpus and measures, on the
validation split, tokens per character (sequence length the model pays for) and the share
of words cut into 3+ pieces (how often a misspelling check must look across many tokens).
Prints a Markdown table and, when matplotlib is importable, writes a plot:

    RAYON_NUM_THREADS=1 uv run --with matplotlib python benchmarks/tokenizer_sweep.py \
        --corpus /work/shared/corpus/train --plot docs/experiments/tokenizer.png
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

import numpy as np

from galleyproof.corpus import load_books, split_books
from galleyproof.model.tokenizer import Tokenizer, token_entries

#: A word is a run of letters; "don’t" is two words, as the pre-tokenizer sees it.
WORD = re.compile(r"[^\W\d_]+")
EXAMPLE = "“Mr. Knightley,” said Emma, “is unaccountably disagreeable to-day.”"


def measure(tokenizer: Tokenizer, texts: list[str]) -> tuple[float, float, float]:
    """Tokens per character, mean tokens per word, and share of words in 3+ tokens."""
    n_chars = n_tokens = n_words = n_pieces = n_split3 = 0
    for text in texts:
        enc = tokenizer.encode(text)
        n_chars += len(text)
        n_tokens += len(enc.ids)
        spans = np.array([m.span() for m in WORD.finditer(text)], dtype=np.int64).reshape(-1, 2)
        if not len(spans) or not enc.ids:
            continue
        offsets = np.array(enc.offsets, dtype=np.int64)
        # Tokens overlapping [ws, we): start < we and end > ws; both columns are sorted.
        pieces = np.searchsorted(offsets[:, 0], spans[:, 1], "left") - np.searchsorted(
            offsets[:, 1], spans[:, 0], "right"
        )
        n_words += len(spans)
        n_pieces += int(pieces.sum())
        n_split3 += int((pieces >= 3).sum())
    return n_tokens / n_chars, n_pieces / n_words, n_split3 / n_words


def show_split(tokenizer: Tokenizer, text: str) -> str:
    """The text with token boundaries marked by `|` (tokens splitting a character kept together)."""
    return "|".join(e.text for e in token_entries(tokenizer, text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus/train"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[512, 1024, 2048, 4096, 8192, 16384])
    parser.add_argument(
        "--max-train-chars", type=int, default=0, help="Train on a random subset of paragraphs (0: all)."
    )
    parser.add_argument("--plot", type=Path, default=None, help="PNG path (needs matplotlib).")
    args = parser.parse_args()

    t0 = time.perf_counter()
    train_books, val_books = split_books(load_books(args.corpus))
    train_texts = [p.text for b in train_books for p in b.paragraphs]
    if args.max_train_chars:
        random.Random(0).shuffle(train_texts)
        kept, total = [], 0
        for t in train_texts:
            if total >= args.max_train_chars:
                break
            kept.append(t)
            total += len(t)
        train_texts = kept
    val_texts = [p.text for b in val_books for p in b.paragraphs]
    print(
        f"loaded in {time.perf_counter() - t0:.1f}s: {len(train_books)} training books "
        f"({sum(map(len, train_texts)):,} chars used), {len(val_books)} validation books "
        f"({sum(map(len, val_texts)):,} chars): {', '.join(b.name for b in val_books)}",
        flush=True,
    )

    rows = []
    for size in args.sizes:
        t1 = time.perf_counter()
        tokenizer = Tokenizer.train(train_texts, size)
        train_s = time.perf_counter() - t1
        tpc, tpw, split3 = measure(tokenizer, val_texts)
        rows.append((size, tpc, tpw, split3, train_s, show_split(tokenizer, EXAMPLE)))
        print(f"{size}: {tpc:.4f} tok/char, {split3:.2%} words in 3+, {train_s:.1f}s", flush=True)

    print("\n| vocab | tokens/char | chars/token | tokens/word | words in 3+ tokens | training time |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size, tpc, tpw, split3, train_s, _ in rows:
        print(f"| {size:,} | {tpc:.3f} | {1 / tpc:.2f} | {tpw:.2f} | {split3:.1%} | {train_s:.1f} s |")
    print("\n| vocab | example split |\n|---:|---|")
    for size, *_, example in rows:
        print(f"| {size:,} | `{example}` |")

    if args.plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        sizes = [r[0] for r in rows]
        fig, ax1 = plt.subplots(figsize=(7, 4))
        ax1.plot(sizes, [r[1] for r in rows], "o-", color="tab:blue", label="tokens per character")
        ax1.set_xscale("log", base=2)
        ax1.set_xlabel("vocabulary size")
        ax1.set_ylabel("tokens per character (validation)", color="tab:blue")
        ax2 = ax1.twinx()
        ax2.plot(sizes, [100 * r[3] for r in rows], "s--", color="tab:red", label="words in 3+ tokens")
        ax2.set_ylabel("% of words in 3+ tokens", color="tab:red")
        ax1.set_title("Byte-level BPE on the training split, measured on validation books")
        fig.tight_layout()
        args.plot.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(args.plot, dpi=120)
        print(f"\nwrote {args.plot}")


if __name__ == "__main__":
    main()
