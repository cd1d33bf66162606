"""What `galleyproof check --fix` applies unasked, and how often it is right.

    uv run python benchmarks/fix_precision.py [--cweb N] [--seed 1] [--show 10] [--clean FILE ...]

Each text is checked as `check` checks it (the shipped model, no writer's filter, default
settings), and the edits `--fix` would write are worked out as it works them out
(`review.fix.auto_edits` at the default fix score, behind the shipped safe-fix table
`data/safe_fixes.json`). An applied edit is right when it gives the text the gold
corrections of the errors it overlaps give (`evals.suggestions.repairs`); one that overlaps
no gold error is wrong. Sets: the public eval, the real dev sets (`cweb_dev`, its clean
sentences included, all or a sample of `--cweb`; `gum`); and edits applied on clean prose:
the chapters of Frankenstein (the clean originals of the eval paragraphs) and any `--clean`
files, per 10,000 words. Measures only: nothing here is tuned on these sets.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import DEFAULT_BOOK, DEFAULT_DATA, chapters  # noqa: E402

from galleyproof.config import DEFAULT_FIX_SCORE  # noqa: E402
from galleyproof.evals.clean import count_words  # noqa: E402
from galleyproof.evals.data import EvalItem, load_eval  # noqa: E402
from galleyproof.evals.suggestions import repairs  # noqa: E402
from galleyproof.model.versions import shipped_model_dir  # noqa: E402
from galleyproof.proofreader import Proofreader  # noqa: E402
from galleyproof.review.fix import Edit, auto_edits  # noqa: E402
from galleyproof.suggest.safe import shipped_safe_fixes  # noqa: E402
from galleyproof.text.io import read_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "evals" / "real"


def fixes(detector: Proofreader, text: str) -> list[Edit]:
    """The edits `check --fix` would apply to `text` unasked."""
    return auto_edits(text, detector.check(text), DEFAULT_FIX_SCORE, shipped_safe_fixes())


def _shown(text: str, edit: Edit) -> str:
    i = edit.issue
    return (f"    {i.rule:26s} {i.score:.2f}  …{text[max(0, i.start - 25) : i.start]}[{text[i.start : i.end]} → "
            f"{edit.replacement}]{text[i.end : i.end + 25]}…".replace("\n", " "))


def gold_set(name: str, items: list[EvalItem], detector: Proofreader, show: int) -> tuple[int, int]:
    """Print the applied edits' precision on one eval set, per rule; returns (applied, right)."""
    started = time.perf_counter()
    by_rule: Counter[str] = Counter()
    right_by_rule: Counter[str] = Counter()
    wrong = []
    for item in items:
        for edit in fixes(detector, item.text):
            ok = repairs(item.text, item.errors, edit.issue.start, edit.issue.end, edit.replacement)
            by_rule[edit.issue.rule] += 1
            right_by_rule[edit.issue.rule] += ok
            if not ok:
                wrong.append(_shown(item.text, edit))
    applied, right = sum(by_rule.values()), sum(right_by_rule.values())
    errors = sum(len(i.errors) for i in items)
    precision = f"{right / applied:.3f}" if applied else "-"
    print(f"\n{name}: {len(items)} texts, {errors} gold errors; {applied} edits applied, {right} right, "
          f"precision {precision} ({time.perf_counter() - started:.0f} s)")
    for rule, n in by_rule.most_common():
        print(f"  {rule:28s} {n:5d} applied {right_by_rule[rule]:5d} right")
    if wrong and show:
        print("  wrong edits:")
        print("\n".join(wrong[:show]))
    return applied, right


def clean_text(name: str, text: str, detector: Proofreader, show: int) -> None:
    """Print the edits applied to clean prose: every one is a change the writer did not want."""
    started = time.perf_counter()
    edits = fixes(detector, text)
    words = count_words(text)
    print(f"\n{name}: {words:,} words; {len(edits)} edits applied, {10_000 * len(edits) / max(words, 1):.2f} "
          f"per 10,000 words ({time.perf_counter() - started:.0f} s)")
    for rule, n in Counter(e.issue.rule for e in edits).most_common():
        print(f"  {rule:28s} {n:5d}")
    for edit in edits[:show]:
        print(_shown(text, edit))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--cweb", type=int, default=0, help="Sentences sampled from cweb_dev.jsonl (0: all).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--book", type=Path, default=DEFAULT_BOOK, help="Frankenstein, whose chapters are clean.")
    parser.add_argument("--clean", type=Path, nargs="*", default=[], help="More clean prose.")
    parser.add_argument("--show", type=int, default=10, help="Wrong or unwanted edits printed per set.")
    args = parser.parse_args()

    detector = Proofreader.from_dir(shipped_model_dir())
    safe = shipped_safe_fixes()
    print(f"model {detector.version}; --fix from score {DEFAULT_FIX_SCORE}, behind the safe-fix table "
          f"({len(safe.thresholds)} rules applied unasked)")
    cweb = list(load_eval(args.real / "cweb_dev.jsonl").items)
    if args.cweb:
        cweb = random.Random(args.seed).sample(cweb, min(args.cweb, len(cweb)))
    totals = [
        gold_set("public eval", list(load_eval(args.data).items), detector, args.show),
        gold_set("cweb_dev", cweb, detector, args.show),
        gold_set("gum", list(load_eval(args.real / "gum.jsonl").items), detector, args.show),
    ]
    applied, right = sum(a for a, _ in totals[1:]), sum(r for _, r in totals[1:])
    print(f"\nreal dev sets together: {applied} applied, {right} right, precision "
          + (f"{right / applied:.3f}" if applied else "-"))
    clean_text("Frankenstein chapters (clean)", chapters(read_text(args.book)), detector, args.show)
    for path in args.clean:
        clean_text(f"{path.name} (clean)", read_text(path), detector, args.show)


if __name__ == "__main__":
    main()
