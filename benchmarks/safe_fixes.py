"""Rebuild `src/galleyproof/data/safe_fixes.json`: per rule, the least score at which --fix may
apply its top suggestion unasked.

    uv run python benchmarks/safe_fixes.py [--paragraphs 240] [--seed 1] [--cweb 2500] [--noise real] [--out FILE]

Dev data only: synthetic validation paragraphs (the noise generators' errors in books the
shipped model did not train on, as the calibration builds them) and the real dev sets
`cweb_dev.jsonl` (a fixed sample of `--cweb` sentences, clean ones included) and
`gum.jsonl`. Never the public eval or the reserved books. A flag's fix is right when
writing its top suggestion over its span gives the text the gold corrections of the errors
it overlaps give (`evals.suggestions.repairs`); a fix of a flag that overlaps no gold error
is wrong. Per rule (`model.<category>` for the model's flags), the least score at which at
least 95% of the fixes scoring that much or more are right, over at least 20 of them
(`suggest.safe.least_safe_score_on_each`: on the real sets alone too); a rule with no such score is never applied unasked.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from suggestions import BOOKS, CORPUS, synthetic_items  # noqa: E402

from galleyproof.evals.data import EvalItem, load_eval  # noqa: E402
from galleyproof.evals.suggestions import repairs  # noqa: E402
from galleyproof.model.versions import shipped_model_dir  # noqa: E402
from galleyproof.proofreader import Proofreader  # noqa: E402
from galleyproof.suggest.safe import (  # noqa: E402
    MIN_EVIDENCE,
    SAFE_FIXES_FILE,
    TARGET_PRECISION,
    least_safe_score_on_each,
)

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "evals" / "real"
OUT = ROOT / "src" / "galleyproof" / "data" / SAFE_FIXES_FILE


def scored_fixes(items: list[EvalItem], detector: Proofreader, source: str) -> dict[str, list[tuple[float, bool, str]]]:
    """Rule -> (score, right, source) of the top suggestion of every flag with one."""
    out: dict[str, list[tuple[float, bool, str]]] = defaultdict(list)
    for item in items:
        for issue in detector.detect(item.text):
            if issue.suggestions and issue.suggestions[0] != item.text[issue.start : issue.end]:
                ok = repairs(item.text, item.errors, issue.start, issue.end, issue.suggestions[0])
                out[issue.rule].append((issue.score, ok, source))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--paragraphs", type=int, default=240)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cweb", type=int, default=2500, help="Sentences sampled from cweb_dev.jsonl.")
    parser.add_argument("--noise", default="default", help="The synthetic errors' mixture ('real': shaped like "
                        "real writers' errors, with their confusions and agreement slips).")
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    detector = Proofreader.from_dir(shipped_model_dir())
    cweb = list(load_eval(args.real / "cweb_dev.jsonl").items)
    cweb = random.Random(args.seed).sample(cweb, min(args.cweb, len(cweb)))
    sets = {
        "synthetic": synthetic_items(args.corpus, list(BOOKS), args.paragraphs, args.seed, args.noise),
        "cweb_dev": cweb,
        "gum": list(load_eval(args.real / "gum.jsonl").items),
    }
    fixes: dict[str, list[tuple[float, bool, str]]] = defaultdict(list)
    for name, items in sets.items():
        started = time.perf_counter()
        for rule, rows in scored_fixes(items, detector, name).items():
            fixes[rule] += rows
        print(f"{name}: {len(items)} items in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    rules = {}
    print(f"{'rule':28s} {'fixes':>6s} {'right':>6s} {'least safe score':>17s} {'applied':>8s} {'precision':>9s}")
    for rule in sorted(fixes):
        rows = fixes[rule]
        least = least_safe_score_on_each({name: [(s, ok) for s, ok, src in rows if src == name] for name in sets},
                                         real=frozenset({"cweb_dev", "gum"}))
        applied = [ok for s, ok, _ in rows if least is not None and s >= least]
        rules[rule] = {
            "threshold": least,
            "fixes": len(rows),
            "right": sum(ok for _, ok, _ in rows),
            "applied": len(applied),
            "applied_right": sum(applied),
            "by_source": {name: [sum(1 for *_, src in rows if src == name),
                                 sum(ok for _, ok, src in rows if src == name)] for name in sets},
        }
        shown = "never" if least is None else f"{least:.3f}"
        precision = f"{sum(applied) / len(applied):.3f}" if applied else "-"
        print(f"{rule:28s} {len(rows):6d} {sum(ok for _, ok, _ in rows):6d} {shown:>17s} {len(applied):8d} {precision:>9s}")
    table = {
        "about": "Per rule, the least score at which --fix applies its top suggestion unasked "
                 f"(precision >= {TARGET_PRECISION} over >= {MIN_EVIDENCE} fixes on dev data, and on the real "
                 "sets' fixes at that score alone); null: never.",
        "command": "uv run python benchmarks/safe_fixes.py " + " ".join(
            f"--{k} {v}" for k, v in (("paragraphs", args.paragraphs), ("seed", args.seed), ("cweb", args.cweb),
                                      ("noise", args.noise))),
        "model_version": detector.version,
        "data": {name: len(items) for name, items in sets.items()},
        "target_precision": TARGET_PRECISION,
        "min_evidence": MIN_EVIDENCE,
        "rules": rules,
    }
    args.out.write_text(json.dumps(table, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
