"""How `check --sensitivity thorough`'s offset was chosen: the model's category thresholds
lowered by each offset, measured on dev data only.

    uv run python benchmarks/sensitivity.py [--offsets 0 0.2 0.3 0.4 0.5 0.6]

For each offset (`model.sensitivity.lowered`, the shipped model, in process; each record
checked alone with `Proofreader.check`, scored by `galleyproof.evals` with its guards):
recall, precision and F1 on the real dev sets cweb_dev and GUM, and F1 over both pooled (their
TP, FP and FN added); the same on a synthetic validation set (`galleyproof noise build-valset
--paragraphs P --seed S`: the noise's errors in paragraphs of the validation books); and the
false alarms per 1,000 words on clean paragraphs of the books the shipped model's tables
held out (`training.tables.HELD_OUT_BOOKS`, 40 each, 200-1,500 characters, by seed). The rule
`model.sensitivity` records: the offset with the best pooled real F1 whose synthetic F1 is
no lower than at offset 0. The eval books are not read.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from real_errors import REAL  # noqa: E402

from galleyproof.evals.data import Prediction, load_eval
from galleyproof.evals.scoring import evaluate_predictions
from galleyproof.model.passage_cache import PassageCache
from galleyproof.model.sensitivity import THOROUGH_OFFSET, lowered
from galleyproof.model.versions import shipped_model_dir
from galleyproof.proofreader import Proofreader
from galleyproof.training.tables import HELD_OUT_BOOKS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "train"


def clean_paragraphs(corpus: Path, per_book: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    found = []
    for book in HELD_OUT_BOOKS:
        path = corpus / f"{book}.txt"
        if not path.is_file():
            continue
        paragraphs = [p for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if 200 < len(p) < 1500]
        found += rng.sample(paragraphs, min(per_book, len(paragraphs)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offsets", type=float, nargs="+", default=[0, 0.2, 0.3, 0.4, 0.5, 0.6])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--paragraphs", type=int, default=160, help="Synthetic validation paragraphs.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--clean-per-book", type=int, default=40)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="gp-sensitivity-"))
    valset = tmp / "valset.jsonl"
    subprocess.run([sys.executable, "-m", "galleyproof", "noise", "build-valset", "--corpus", str(args.corpus),
                    "--out", str(valset), "--paragraphs", str(args.paragraphs), "--seed", str(args.seed)],
                   check=True, capture_output=True)
    sets = {name: list(load_eval(REAL / f"{name}.jsonl").items) for name in ("cweb_dev", "gum")}
    sets["synthetic"] = list(load_eval(valset).items)
    clean = clean_paragraphs(args.corpus, args.clean_per_book, args.seed + 7)
    clean_words = sum(len(p.split()) for p in clean)
    # Scores are the same at every offset: the cache scores each passage once.
    proofreader = Proofreader.from_dir(shipped_model_dir(), cache=PassageCache(tmp / "cache.sqlite"))
    shipped = dict(proofreader.model.thresholds)
    print(f"offset 'thorough' ships with: {THOROUGH_OFFSET}; clean paragraphs: {len(clean)}, {clean_words:,} words")
    print(f"{'offset':>6s} | {'cweb_dev R / P / F1 / FA 1k':28s} | {'gum R / P / F1':20s} | {'pooled F1':9s} | "
          f"{'synthetic R / P / F1':20s} | novels FA 1k | time")
    for offset in args.offsets:
        started = time.perf_counter()
        proofreader.model.thresholds = lowered(shipped, offset)
        pooled = [0, 0, 0]
        cells = []
        for name, items in sets.items():
            flags = {it.id: [Prediction(i.start, i.end, i.category) for i in proofreader.check(it.text)] for it in items}
            m = evaluate_predictions(items, flags, model_version=f"offset {offset}", n_resamples=2).overall
            f1 = 2 * m.precision * m.recall / max(m.precision + m.recall, 1e-9)
            cell = f"{m.recall:.3f} / {m.precision:.3f} / {f1:.3f}"
            if name == "cweb_dev":
                words = sum(len(i.text.split()) for i in items if i.category == "clean")
                cell += f" / {1000 * sum(len(flags[i.id]) for i in items if i.category == 'clean') / words:.2f}"
            if name != "synthetic":
                pooled = [pooled[0] + m.tp, pooled[1] + m.fp, pooled[2] + m.fn]
            cells.append(cell)
        tp, fp, fn = pooled
        novels = 1000 * sum(len(proofreader.check(p)) for p in clean) / clean_words
        print(f"{offset:6.2f} | {cells[0]:28s} | {cells[1]:20s} | {2 * tp / (2 * tp + fp + fn):9.3f} | "
              f"{cells[2]:20s} | {novels:12.2f} | {time.perf_counter() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main()
