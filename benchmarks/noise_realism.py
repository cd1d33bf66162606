"""How close are synthetic errors to real ones? The baseline detector on both, per category.

    uv run python benchmarks/noise_realism.py [--paragraphs 160]

A detector that finds synthetic errors at about the rate it finds hand-made ones suggests
the noise has the right surface shape; large gaps show where the generators differ.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from galleyproof.baseline import BaselineDetector
from galleyproof.corpus import load_books, split_books
from galleyproof.english.lexicon import Lexicon
from galleyproof.evals.data import load_eval
from galleyproof.evals.scoring import run_eval
from galleyproof.noise import NoiseConfig, default_is_word
from galleyproof.noise.valset import build_valset

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "train")
    parser.add_argument("--eval", type=Path, default=SHARED / "evals" / "frankenstein_eval.jsonl")
    parser.add_argument("--paragraphs", type=int, default=160)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    _, val_books = split_books(load_books(args.corpus), val_fraction=0.1, seed=args.seed)
    items = build_valset(val_books, n_paragraphs=args.paragraphs, seed=args.seed,
                         config=NoiseConfig(is_word=default_is_word()))
    path = Path(tempfile.mkdtemp()) / "valset.jsonl"
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    detector = BaselineDetector(Lexicon.load_default())
    synthetic = run_eval(load_eval(path).items, detector, n_resamples=200)
    real = run_eval(load_eval(args.eval).items, detector, n_resamples=200)

    print(f"baseline detector; synthetic: {len(items)} paragraphs from {', '.join(b.name for b in val_books)}")
    print(f"{'category':16s} {'synthetic R / P':>18s} {'public eval R / P':>20s}")
    for cat in sorted(set(synthetic.categories) | set(real.categories)):
        s, r = synthetic.categories.get(cat), real.categories.get(cat)
        fmt = lambda m: f"{m.recall:.3f} / {m.precision:.3f}" if m else "-"  # noqa: E731
        print(f"{cat:16s} {fmt(s):>18s} {fmt(r):>20s}")
    print(f"{'overall':16s} {synthetic.overall.recall:.3f} / {synthetic.overall.precision:.3f}"
          f"{'':4s}{real.overall.recall:.3f} / {real.overall.precision:.3f}")


if __name__ == "__main__":
    main()
