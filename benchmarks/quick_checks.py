"""The two waits a writer feels most: a one-paragraph check from a cold start, and the re-check
after a one-word edit in a long chapter (what `galleyproof lsp` and `serve` do on each
keystroke pause). Each is timed alternating with an older tree of the code (`--baseline-src
OLD/src`, e.g. from `git archive COMMIT src | tar -x -C OLD`) and, for the cold start, Harper,
so drift on a shared machine hits all of them; compare the ratios.

    uv run python benchmarks/quick_checks.py cold --baseline-src OLD/src [--rounds 7]
    uv run python benchmarks/quick_checks.py recheck --baseline-src OLD/src [--rounds 2]

`cold`: `galleyproof check --no-cache --format json` on the public eval's first paragraph, each
tree with its own user folder (its spelling index saved by one unmeasured first run) and
Python's bytecode cached, as after any first run. `recheck`: in a fresh process per round, a
proofreader with a passage cache checks the first 300,000 characters of Frankenstein, then six
times reverses one word in a paragraph picked at random (the same for both trees) and checks
again: the median of the six re-checks. Both say whether the trees' issues were identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BOOK = SHARED / "corpus" / "eval" / "frankenstein.txt"
EVAL = SHARED / "evals" / "frankenstein_eval.jsonl"

RECHECK = r'''
import os, random, re, statistics, sys, time
os.environ["OPENBLAS_NUM_THREADS"] = "1"
from pathlib import Path
from galleyproof.model.passage_cache import PassageCache
from galleyproof.proofreader import load_default
text = Path(sys.argv[1]).read_text(encoding="utf-8")[:300_000]
with PassageCache() as cache:
    proofreader = load_default(threads=1, cache=cache)
    proofreader.check(text)
    random.seed(0)
    times, found = [], []
    for _ in range(6):
        starts = [m.start() for m in re.finditer(r"\n\n(?=[A-Z])", text)]
        m = re.compile(r"\b[a-z]{4,}\b").search(text, random.choice(starts) + 2)
        text = text[: m.start()] + m.group()[::-1] + text[m.end() :]
        t = time.perf_counter()
        found.append(proofreader.check(text))
        times.append(time.perf_counter() - t)
print(statistics.median(times), repr(found))
'''


def _env(home: Path, src: Path | None, pycache: Path) -> dict:
    """A child's environment: a fresh user folder and bytecode cache per tree, `src` on the path."""
    env = dict(os.environ, GALLEYPROOF_HOME=str(home), PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if src is not None:
        env["PYTHONPATH"] = str(src.resolve())
    return env


def trees_to_time(baseline_src: Path | None) -> dict[str, Path | None]:
    """The trees a run times, by name: this one, and the baseline's `src` where one is given."""
    return {"this": None} if baseline_src is None else {"this": None, "baseline": baseline_src}


def first_eval_paragraph() -> str:
    """The public eval's first paragraph: the one-paragraph check these scripts time."""
    return json.loads(EVAL.read_text(encoding="utf-8").splitlines()[0])["text"]


def cold(trees: dict[str, Path | None], rounds: int, work: Path) -> None:
    para = work / "paragraph.txt"
    para.write_text(first_eval_paragraph(), encoding="utf-8")
    harper = shutil.which("harper")
    commands = {name: [sys.executable, "-m", "galleyproof", "check", "--no-cache", "--format", "json", str(para)]
                for name in trees}
    envs = {name: _env(work / f"home-{name}", src, work / f"pycache-{name}") for name, src in trees.items()}
    outputs: dict[str, set[str]] = {name: set() for name in trees}
    for name in trees:  # bytecode written, spelling index saved: as after any first run
        subprocess.run(commands[name], env=envs[name], capture_output=True)
    times: dict[str, list[float]] = {name: [] for name in [*trees, *(["harper"] if harper else [])]}
    for _ in range(rounds):
        for name in trees:
            t = time.perf_counter()
            done = subprocess.run(commands[name], env=envs[name], capture_output=True, text=True)
            times[name].append(time.perf_counter() - t)
            outputs[name].add(done.stdout)
        if harper:
            t = time.perf_counter()
            subprocess.run([harper, "lint", "--format", "json", "--ignore", "LongSentences", str(para)], capture_output=True)
            times["harper"].append(time.perf_counter() - t)
    report(times, outputs, "one paragraph, cold start")


def recheck(trees: dict[str, Path | None], rounds: int, work: Path) -> None:
    times: dict[str, list[float]] = {name: [] for name in trees}
    outputs: dict[str, set[str]] = {name: set() for name in trees}
    for r in range(rounds):
        for name, src in trees.items():
            env = _env(work / f"home-{name}-{r}", src, work / f"pycache-{name}")
            out = subprocess.run([sys.executable, "-c", RECHECK, str(BOOK)], env=env, capture_output=True, text=True,
                                 check=True).stdout
            seconds, found = out.split(" ", 1)
            times[name].append(float(seconds))
            outputs[name].add(hashlib.sha256(found.encode()).hexdigest())
            print(f"  {name}: re-check median {float(seconds):.3f} s", flush=True)
    report(times, outputs, "re-check after a one-word edit, 300,000 characters")


def report(times: dict[str, list[float]], outputs: dict[str, set[str]], what: str) -> None:
    print(what)
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    for name, ts in times.items():
        print(f"  {name:9s} median {medians[name]:.3f} s   ({' '.join(f'{t:.2f}' for t in ts)})")
    if "baseline" in medians:
        print(f"  this tree / baseline: {medians['this'] / medians['baseline']:.2f}x")
    if "harper" in medians:
        print(f"  this tree / Harper: {medians['this'] / medians['harper']:.2f}x")
    distinct = {o for found in outputs.values() for o in found}
    print(f"  issues identical across trees and rounds: {len(distinct) == 1}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("cold", "recheck"))
    parser.add_argument("--baseline-src", type=Path, default=None, metavar="DIR")
    parser.add_argument("--rounds", type=int, default=None)
    args = parser.parse_args()
    trees = trees_to_time(args.baseline_src)
    work = Path(tempfile.mkdtemp(prefix="gp-quick-"))
    try:
        if args.what == "cold":
            cold(trees, args.rounds or 7, work)
        else:
            recheck(trees, args.rounds or 2, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
