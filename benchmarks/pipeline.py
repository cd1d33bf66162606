"""The data pipeline on a whole corpus: load and clean, split, tokenizer, lexicons, and one
noisy pass over every training paragraph (corrupt, encode, label), timed stage by stage.

    uv run python benchmarks/pipeline.py [--corpus ../shared/corpus/train] [--vocab-size 8192]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from galleyproof.corpus import load_books, split_books
from galleyproof.model.tagging import Edit
from galleyproof.model.tokenizer import Tokenizer
from galleyproof.noise import corrupt, for_corpus
from galleyproof.training.examples import BookLexicons, encode_example, trainable_paragraphs

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "train")
    parser.add_argument("--vocab-size", type=int, default=8192)
    args = parser.parse_args()

    stages = {}
    t = time.perf_counter()
    books = load_books(args.corpus)
    stages["load + clean + dedupe"] = time.perf_counter() - t
    t = time.perf_counter()
    train, val = split_books(books, val_fraction=0.1, seed=0)
    tokenizer = Tokenizer.train((p.text for b in train for p in b.paragraphs), args.vocab_size)
    stages["split + tokenizer"] = time.perf_counter() - t
    t = time.perf_counter()
    lexicons = BookLexicons(train)
    full = lexicons.full()
    stages["lexicons"] = time.perf_counter() - t
    t = time.perf_counter()
    rng = random.Random(0)
    noise = for_corpus(full.counts)
    tokens = edits = 0
    paragraphs = trainable_paragraphs(train)
    for book, text in paragraphs:
        noisy, gold = corrupt(text, rng, noise)
        example = encode_example(
            noisy, [Edit(g.start, g.end, g.category, g.wrong, g.correct) for g in gold], tokenizer,
            lexicons.without(book), lexicons.document_counts(book), 10**9, rng, dictionary=True,
        )
        tokens += len(example.ids)
        edits += len(gold)
    stages["noise + encode + label, one pass"] = time.perf_counter() - t

    chars = sum(len(p.text) for b in books for p in b.paragraphs)
    print(f"corpus: {args.corpus} ({len(books)} books, {chars:,} characters; {len(train)} train books)")
    print(f"one pass: {len(paragraphs):,} paragraphs, {tokens:,} tokens, {edits:,} injected errors")
    for name, seconds in stages.items():
        print(f"{name:36s} {seconds:8.1f} s")
    print(f"{'total':36s} {sum(stages.values()):8.1f} s")


if __name__ == "__main__":
    main()
