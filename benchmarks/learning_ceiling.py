"""How much of the learning protocol's second half could any learning from the first reach?

    uv run python benchmarks/learning_ceiling.py [--book FILE] [--json OUT]

`benchmarks/learning.py` asks for false alarms on a clean book's second half to fall by 80%
after the writer rejects the first half's. This script bounds that from two sides, with the
shipped model and no learning at all:

- **Kinds.** Every flag of both halves is put in a cell: where it stands (a verse line, quoted
  speech, narration) by its category. The most general thing the first half's rejections can
  teach is "no flags of this category here": the script counts the second half's flags in
  cells the first half has any flag in. If that share is under 80%, no rule drawn from the
  decisions, however broad, meets the goal.
- **Sensitivity.** Dropping every flag under one score (as a writer who wants fewer flags
  would ask): the second half's false alarms against recall on the eval file, at each cut.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from learning import DEFAULT_BOOK, DEFAULT_EVAL, Memo, halves  # noqa: E402

CUTS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99)


def verse_line_starts(text: str) -> set[int]:
    """The starts of the lines on either side of a chosen (verse) break."""
    from galleyproof.text.verse import ChosenBreaks

    breaks = ChosenBreaks(text)
    return {text.rfind("\n", 0, i) + 1 for i in (*breaks.ends, *breaks.starts)}


def place(text: str, verse_lines: set[int], start: int) -> str:
    """Where `start` stands: "verse", "speech" (inside curly double quotes opened in its
    paragraph) or "narration"."""
    if text.rfind("\n", 0, start) + 1 in verse_lines:
        return "verse"
    before = text[text.rfind("\n\n", 0, start) + 2 : start]
    return "speech" if before.count("“") > before.count("”") else "narration"


def cells(text: str, issues) -> Counter[tuple[str, str]]:
    verse_lines = verse_line_starts(text)
    return Counter((place(text, verse_lines, i.start), i.category) for i in issues)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--book", type=Path, default=DEFAULT_BOOK)
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--json", type=Path, help="Also write the numbers here.")
    args = ap.parse_args()

    from galleyproof.evals.data import load_eval
    from galleyproof.evals.scoring import run_eval
    from galleyproof.proofreader import load_default
    from galleyproof.text.io import read_text

    model = Memo(load_default(personal=False))
    first, second = halves(read_text(args.book))
    first_cells, second_cells = cells(first, model.detect(first)), cells(second, model.detect(second))
    total = sum(second_cells.values())
    reachable = sum(n for cell, n in second_cells.items() if cell in first_cells)
    print(f"model {model.version}; {args.book.name}\n")
    print("| where | category | first half | second half |")
    print("|---|---|---:|---:|")
    for cell in sorted(first_cells.keys() | second_cells.keys()):
        print(f"| {cell[0]} | {cell[1]} | {first_cells[cell]} | {second_cells[cell]} |")
    print(f"\nsecond-half flags in a cell the first half has flags in: {reachable} of {total} "
          f"({reachable / max(total, 1):.0%}); the goal needs {0.8:.0%}\n")

    eval_data = load_eval(args.eval)

    class Cut:
        def __init__(self, cut: float) -> None:
            self.cut, self.version = cut, f"{model.version}@{cut}"

        def detect(self, text: str):
            return [i for i in model.detect(text) if i.score >= self.cut]

    sweep = []
    print("| lowest score kept | second-half false alarms | change | eval recall | eval precision |")
    print("|---:|---:|---:|---:|---:|")
    for cut in CUTS:
        detector = Cut(cut)
        ev = run_eval(eval_data.items, detector, data_path=eval_data.path, data_sha256=eval_data.sha256)
        alarms = len(detector.detect(second))
        sweep.append({"cut": cut, "false_alarms": alarms, "recall": ev.overall.recall,
                      "precision": ev.overall.precision})
        print(f"| {cut:.2f} | {alarms} | {alarms / max(total, 1) - 1:+.0%} | {ev.overall.recall:.3f} "
              f"| {ev.overall.precision:.3f} |")
    if args.json:
        args.json.write_text(json.dumps({
            "model": model.version, "book": args.book.name,
            "cells": [{"where": w, "category": c, "first": first_cells[(w, c)], "second": second_cells[(w, c)]}
                      for w, c in sorted(first_cells.keys() | second_cells.keys())],
            "reachable": reachable, "second_half_flags": total, "sensitivity": sweep}, indent=2))


if __name__ == "__main__":
    main()
