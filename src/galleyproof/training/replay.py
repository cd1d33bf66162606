"""A sample of the training books' paragraphs, shipped in the model folder for `learn`.

`learn` fine-tunes on a writer's decisions and, so as not to forget what it knew, on noisy
copies of clean paragraphs. The writer's own paragraphs keep it finding errors in their
prose, but only in their prose: on benchmarks/learning.py the writer's held-out synthetic
recall held while the public eval lost 10 errors. Paragraphs of the books the model was
trained on, corrupted the way training corrupted them, replay the general task too. A
user's machine has no corpus, so a sample travels with the model (800 paragraphs, 91 KB
gzipped for the default model's books); a folder made before it existed has none, and `learn` then replays
the writer's paragraphs alone.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

from galleyproof.corpus import Book
from galleyproof.training.examples import trainable_paragraphs

REPLAY_FILE = "replay.jsonl.gz"
#: Paragraphs in the sample: a few hundred steps of `learn` draw fewer windows than this.
REPLAY_PARAGRAPHS = 800


def write_replay(books: list[Book], out: Path, n: int = REPLAY_PARAGRAPHS, seed: int = 0) -> int:
    """Write `n` trainable paragraphs of `books`, drawn with `seed`, to `out`/REPLAY_FILE (one
    JSON string a line); returns how many were written."""
    paragraphs = [text for _, text in trainable_paragraphs(books)]
    picked = random.Random(seed).sample(paragraphs, min(n, len(paragraphs)))
    lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in picked)
    (out / REPLAY_FILE).write_bytes(gzip.compress(lines.encode("utf-8"), mtime=0))
    return len(picked)


def read_replay(model_dir: Path) -> list[str]:
    """The folder's replay paragraphs; none if it has no sample."""
    path = model_dir / REPLAY_FILE
    if not path.is_file():
        return []
    return [json.loads(line) for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines() if line]
