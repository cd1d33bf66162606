"""Where a one-paragraph check's cold start goes: a stage -> seconds table for this tree (and an
older one), beside Harper's whole run on the same paragraph, all alternating in one run.

    uv run python benchmarks/cold_start.py [--rounds 5] [--baseline-src OLD/src] [--file PARA.txt]

OLD/src is an older tree of the code (`git archive COMMIT src | tar -x -C OLD`). Each round runs,
per tree: `galleyproof check --no-cache --format json` as a user runs it (its wall time), then
the same command in a fresh process with each stage timed in it (`--threads 1`, so the stages
follow one another); then Harper. Every process has its own user folder, made by one unmeasured
first run (the spelling index and other caches saved, as after any first run), and Python's
bytecode cached. Stages are inclusive, an indented one being part of the one above; medians over
the rounds. The paragraph: the public eval's first (or `--file`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _measure import WRAP_TARGET  # noqa: E402
from quick_checks import _env, first_eval_paragraph, trees_to_time  # noqa: E402

#: (stage, parent, "module:Owner.attribute" or "module:function") timed in the child. A target
#: missing from a tree (code that moved) is left out of that tree's table.
STAGES = [
    ("load the model", None, "galleyproof.model.detector:ModelDetector.__init__"),
    ("weights", "load the model", "galleyproof.model.numpy_tagger:NumpyTagger.load"),
    ("weights", "load the model", "galleyproof.model.onnx_tagger:OnnxTagger.load"),
    ("tokenizer", "load the model", "galleyproof.model.tokenizer:Tokenizer.load"),
    ("lexicon", "load the model", "galleyproof.english.lexicon:Lexicon.load"),
    ("pair table", "load the model", "galleyproof.model.detector:_load_pairs"),
    ("writer's filter", None, "galleyproof.feedback.filter:PersonalFilter.from_store"),
    ("model flags", None, "galleyproof.model.detector:ModelDetector.passage_flags"),
    ("forward pass", "model flags", "galleyproof.model.numpy_tagger:NumpyTagger.probs"),
    ("forward pass", "model flags", "galleyproof.model.onnx_tagger:OnnxTagger.probs"),
    ("spelling index", "model flags", "galleyproof.suggest.spelling:_saved_index"),
    ("rules", None, "galleyproof.rules:RuleSet.issues"),
    ("spelling index", "rules", "galleyproof.suggest.spelling:_saved_index"),
    ("suggestions", None, "galleyproof.proofreader:Proofreader.suggested"),
    ("forward pass", "suggestions", "galleyproof.model.numpy_tagger:NumpyTagger.probs"),
    ("forward pass", "suggestions", "galleyproof.model.onnx_tagger:OnnxTagger.probs"),
    ("spelling index", "suggestions", "galleyproof.suggest.spelling:_saved_index"),
]

#: Runs in the child: times the import of the command, wraps each stage's function with a timer
#: that charges it to the stage it runs inside, runs the check, prints the times as JSON.
PROBE = WRAP_TARGET + r'''
import time
T0 = time.perf_counter()
import galleyproof.cli.main as cli
if hasattr(cli, "build_app"):  # a run builds only its command's app, importing only its module
    cli.build_app("check")
T1 = time.perf_counter()
import functools, importlib, json, os, sys
stages, file = json.loads(sys.argv[1]), sys.argv[2]
took, stack = {}, []
def timed(fn, names):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        parent = stack[-1] if stack else None
        name = next((s for s, p in names if p == parent), None)
        if name is None:
            return fn(*args, **kwargs)
        stack.append(name)
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            stack.pop()
            key = name if parent is None else parent + " / " + name
            took[key] = took.get(key, 0.0) + time.perf_counter() - t
    return run
targets = {}
for name, parent, target in stages:
    targets.setdefault(target, []).append((name, parent))
T2 = time.perf_counter()
for target, names in targets.items():
    wrap_target(target, lambda fn, names=names: timed(fn, names))
T3 = time.perf_counter()
out = os.dup(1)
exit_now = os._exit
def report(code):
    T4 = time.perf_counter()
    os.dup2(out, 1)
    took["import the command"] = T1 - T0
    took["imports the timer made"] = T3 - T2
    took["check, in all"] = T4 - T3
    print(json.dumps(took), flush=True)
    exit_now(code)
# As the command line runs it (`main()` with no arguments: a one-shot check, which ends in
# `os._exit`, caught here to print the times first).
os._exit = report
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
sys.argv = ["galleyproof", "check", "--no-cache", "--format", "json", "--threads", "1", file]
try:
    cli.main()
except SystemExit as done:
    report(done.code if isinstance(done.code, int) else 0)
report(0)
'''

ORDER = list(dict.fromkeys(["import the command", "imports the timer made", "check, in all"] + [
    name if parent is None else f"{parent} / {name}" for name, parent, _ in STAGES
]))



def _wall(cmd: list[str], env: dict | None = None) -> tuple[float, str]:
    t = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    return time.perf_counter() - t, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline-src", type=Path, default=None, metavar="DIR")
    parser.add_argument("--file", type=Path, default=None, help="the paragraph (default: the public eval's first)")
    args = parser.parse_args()
    trees = trees_to_time(args.baseline_src)
    work = Path(tempfile.mkdtemp(prefix="gp-cold-"))
    try:
        para = work / "paragraph.txt"
        if args.file is not None:
            shutil.copyfile(args.file, para)
        else:
            para.write_text(first_eval_paragraph(), encoding="utf-8")
        envs = {name: _env(work / f"home-{name}", src, work / f"pycache-{name}") for name, src in trees.items()}
        check = [sys.executable, "-m", "galleyproof", "check", "--no-cache", "--format", "json", str(para)]
        probe = [sys.executable, "-c", PROBE, json.dumps(STAGES), str(para)]
        harper = shutil.which("harper")
        for name in trees:  # bytecode written, caches saved: as after any first run
            subprocess.run(check, env=envs[name], capture_output=True)
        walls: dict[str, list[float]] = {name: [] for name in [*trees, *(["harper"] if harper else [])]}
        stages: dict[str, list[dict]] = {name: [] for name in trees}
        outputs: dict[str, set[str]] = {name: set() for name in trees}
        for r in range(args.rounds):
            for name in trees:
                seconds, out = _wall(check, envs[name])
                walls[name].append(seconds)
                outputs[name].add(out)
                seconds, out = _wall(probe, envs[name])
                took = json.loads(out)
                took["process, in all (wall)"] = seconds
                stages[name].append(took)
            if harper:
                walls["harper"].append(_wall([harper, "lint", "--format", "json", "--ignore", "LongSentences",
                                               str(para)])[0])
            print(f"round {r + 1}: " + "  ".join(f"{n} {ts[-1]:.2f} s" for n, ts in walls.items()), flush=True)
        report(trees, walls, stages, outputs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(trees: dict, walls: dict[str, list[float]], stages: dict[str, list[dict]], outputs: dict) -> None:
    load = os.getloadavg()
    print(f"\nload average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    names = list(trees)
    print("\nstage (one paragraph, --threads 1, in process)  " + "  ".join(f"{n:>9s}" for n in names))
    rows = ORDER + ["process, in all (wall)"]
    for row in rows:
        cells = []
        for name in names:
            values = [t[row] for t in stages[name] if row in t]
            cells.append(f"{statistics.median(values):9.3f}" if values else f"{'-':>9s}")
        if all(c.strip() == "-" for c in cells):
            continue
        label = ("  " + row.split(" / ", 1)[1]) if " / " in row else row
        print(f"{label:48s}  " + "  ".join(cells))
    print("\n`galleyproof check --no-cache --format json PARA` (default threads), wall s, median of rounds:")
    medians = {name: statistics.median(ts) for name, ts in walls.items()}
    for name, ts in walls.items():
        print(f"  {name:9s} {medians[name]:.3f} s   ({' '.join(f'{t:.2f}' for t in ts)})")
    if "baseline" in medians:
        print(f"  this / baseline: {medians['this'] / medians['baseline']:.2f}x")
    if "harper" in medians:
        for name in names:
            print(f"  {name} / Harper: {medians[name] / medians['harper']:.2f}x")
    distinct = {o for found in outputs.values() for o in found}
    print(f"  issues identical across trees and rounds: {len(distinct) == 1}")


if __name__ == "__main__":
    main()
