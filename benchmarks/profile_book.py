"""Where a whole book's check goes: a stage -> seconds table (wall and CPU) for this tree (and an
older one), at one thread and at the default, beside Harper's run on the same book, alternating.

    uv run python benchmarks/profile_book.py [--rounds 1] [--threads 1 0] [--baseline-src OLD/src] [--file BOOK]

Each round runs, per tree and per thread count: `galleyproof check --no-cache --format json
--threads N BOOK` in a fresh process with a timer wrapped round each stage's function; then
Harper (`harper lint --format json --ignore LongSentences`). Time is charged to the innermost
stage running (its own time, so the rows of a table add up): "suggestions / forward pass" is the
forward pass run while ranking suggestions, "suggestions" alone what ranking does besides the
stages named under it. With several threads the rows are summed over the threads (so they add up
to more than the wall time); "check, in all" and the process's times are wall. CPU is each
thread's own CPU time (`time.thread_time`), which the other work on a shared machine disturbs far
less than wall time. Every process has its own user folder, filled by one unmeasured first run,
and Python's bytecode cached. Medians over the rounds. The book: the eval copy of Frankenstein
(for timing only: nothing is tuned on it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _measure import WRAP_TARGET  # noqa: E402
from quick_checks import _env, trees_to_time  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT.parent / "shared" / "corpus" / "eval" / "frankenstein.txt"

#: (stage, ["module:Owner.attribute" or "module:function", ...]) timed in the child, where the
#: caller looks the name up. A target missing from a tree (code that moved) is left out.
STAGES = [
    ("load the model", ["galleyproof.model.detector:ModelDetector.__init__",
                        "galleyproof.feedback.filter:PersonalFilter.from_store"]),
    ("read the file", ["galleyproof.cli.check:read_one"]),
    ("model flags", ["galleyproof.model.detector:ModelDetector.passage_flags"]),
    ("tokenising", ["galleyproof.model.tokenizer:Tokenizer.encode", "galleyproof.model.tokenizer:Tokenizer.encode_many"]),
    ("lexicon buckets", ["galleyproof.model.detector:word_buckets", "galleyproof.model.detector:token_buckets"]),
    ("batching", ["galleyproof.model.detector:ModelDetector._score"]),
    ("forward pass", ["galleyproof.model.numpy_tagger:NumpyTagger.probs",
                      "galleyproof.model.onnx_tagger:OnnxTagger.probs",
                      "galleyproof.model.onnx_tagger:OnnxTagger.probs_together"]),
    ("pair lookups", ["galleyproof.model.pairs:PairTable.odd_spans"]),
    ("flags from scores", ["galleyproof.model.detector:flags_from_probs"]),
    ("rules", ["galleyproof.rules:RuleSet.issues"]),
    ("allowances", [f"galleyproof.proofreader:{name}" for name in
                    ("drop_vouched", "drop_modern", "drop_acronyms", "drop_conventional_spacing", "drop_licensed",
                     "merge_flags")]),
    ("suggestions", ["galleyproof.proofreader:Proofreader.suggested"]),
    ("candidates", ["galleyproof.suggest:candidates"]),
    ("spelling index", ["galleyproof.suggest.spelling:index_for", "galleyproof.suggest.spelling:_saved_index"]),
    ("messages", ["galleyproof.proofreader:readable", "galleyproof.proofreader:describe"]),
    ("output", ["galleyproof.cli.check:render"]),
]

#: Runs in the child: times the import of the command, wraps each stage's function with a timer
#: that charges its own time to (outermost stage, this stage), runs the check, prints JSON.
PROBE = WRAP_TARGET + r'''
import time
T0 = time.perf_counter()
import galleyproof.cli.main as cli
T1 = time.perf_counter()
import functools, importlib, json, os, resource, sys, threading
stages, file, threads = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
wall, cpu, local = {}, {}, threading.local()
lock = threading.Lock()
def timed(fn, name):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        stack = getattr(local, "stack", None)
        if stack is None:
            stack = local.stack = []
        if any(frame[0] == name for frame in stack):
            return fn(*args, **kwargs)  # re-entered: charged to the call already timed
        frame = [name, time.perf_counter(), time.thread_time(), 0.0, 0.0]
        stack.append(frame)
        try:
            return fn(*args, **kwargs)
        finally:
            stack.pop()
            w, c = time.perf_counter() - frame[1], time.thread_time() - frame[2]
            key = name if not stack or stack[0][0] == name else stack[0][0] + " / " + name
            with lock:
                wall[key] = wall.get(key, 0.0) + w - frame[3]
                cpu[key] = cpu.get(key, 0.0) + c - frame[4]
            if stack:
                stack[-1][3] += w
                stack[-1][4] += c
    return run
for name, targets in stages:
    for target in targets:
        wrap_target(target, lambda fn, name=name: timed(fn, name))
out = os.dup(1)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
T2, C2 = time.perf_counter(), time.process_time()
try:
    cli.main(["check", "--no-cache", "--format", "json", "--threads", threads, file])
except SystemExit:
    pass
T3, C3 = time.perf_counter(), time.process_time()
os.dup2(out, 1)
wall["import the command"] = cpu["import the command"] = T1 - T0
print(json.dumps({"wall": wall, "cpu": cpu, "check wall": T3 - T2, "check cpu": C3 - C2}))
'''


def _run(cmd: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the child, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd[:3])} ... failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 0], help="thread counts (0: the default)")
    parser.add_argument("--baseline-src", type=Path, default=None, metavar="DIR")
    args = parser.parse_args()
    trees = trees_to_time(args.baseline_src)
    harper = shutil.which("harper")
    work = Path(tempfile.mkdtemp(prefix="gp-profile-"))
    try:
        envs = {name: _env(work / f"home-{name}", src, work / f"pycache-{name}") for name, src in trees.items()}
        for name in trees:  # bytecode written, caches saved: as after any first run
            _run([sys.executable, "-m", "galleyproof", "check", "--no-cache", "--format", "json", str(args.file)],
                 envs[name])
        runs: dict[tuple[str, int], list[dict]] = {}
        harper_runs: list[tuple[float, float]] = []
        for r in range(args.rounds):
            for n in args.threads:
                for name in trees:
                    probe = [sys.executable, "-c", PROBE, json.dumps(STAGES), str(args.file), str(n)]
                    seconds, cpu, out = _run(probe, envs[name])
                    took = json.loads(out)
                    took["process wall"], took["process cpu"] = seconds, cpu
                    runs.setdefault((name, n), []).append(took)
                    print(f"round {r + 1}, {name}, --threads {n}: {seconds:.1f} s wall, {cpu:.1f} s CPU", flush=True)
                if harper:
                    seconds, cpu, _ = _run([harper, "lint", "--format", "json", "--ignore", "LongSentences",
                                            str(args.file)])
                    harper_runs.append((seconds, cpu))
                    print(f"round {r + 1}, harper: {seconds:.1f} s wall, {cpu:.1f} s CPU", flush=True)
        report(args, runs, harper_runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _order(runs: dict[tuple[str, int], list[dict]]) -> list[str]:
    """Rows: each outermost stage, then the stages run inside it."""
    keys = {k for took in (t for ts in runs.values() for t in ts) for k in took["wall"]}
    order = ["import the command"]
    for name, _ in STAGES:
        if name in keys:
            order.append(name)
        order += sorted((k for k in keys if k.startswith(name + " / ")),
                        key=lambda k: [s for s, _ in STAGES].index(k.split(" / ")[1]))
    return order + sorted(keys - set(order))


def report(args, runs: dict[tuple[str, int], list[dict]], harper_runs: list[tuple[float, float]]) -> None:
    load = os.getloadavg()
    print(f"\nfile: {args.file}; rounds: {args.rounds}; load average at the end: "
          f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    columns = list(runs)
    heads = [f"{name} -j{n}" for name, n in columns]
    print("\nstage (own time; 'A / B': B run inside A), median s  " + "  ".join(f"{h:>21s}" for h in heads))
    print(f"{'':52s}" + "  ".join(f"{'wall':>10s} {'CPU':>10s}" for _ in heads))

    def cell(col, pick) -> str:
        values = [pick(t) for t in runs[col]]
        values = [v for v in values if v is not None]
        return f"{statistics.median(values):10.3f}" if values else f"{'-':>10s}"

    for row in _order(runs):
        label = ("  " + row.split(" / ", 1)[1]) if " / " in row else row
        cells = [f"{cell(c, lambda t: t['wall'].get(row))} {cell(c, lambda t: t['cpu'].get(row))}" for c in columns]
        print(f"{label:52s}" + "  ".join(cells))
    for label, wall_key, cpu_key in (("check, in all", "check wall", "check cpu"),
                                     ("process, in all", "process wall", "process cpu")):
        cells = [f"{cell(c, lambda t: t[wall_key])} {cell(c, lambda t: t[cpu_key])}" for c in columns]
        print(f"{label:52s}" + "  ".join(cells))
    if harper_runs:
        hw = statistics.median(w for w, _ in harper_runs)
        hc = statistics.median(c for _, c in harper_runs)
        print(f"\nHarper, median of {len(harper_runs)}: {hw:.2f} s wall, {hc:.2f} s CPU")
        for col, head in zip(columns, heads, strict=True):
            w = statistics.median(t["process wall"] for t in runs[col])
            c = statistics.median(t["process cpu"] for t in runs[col])
            print(f"  {head}: {w:.2f} s wall ({w / hw:.2f}x Harper's), {c:.2f} s CPU ({c / hc:.2f}x)")


if __name__ == "__main__":
    main()
