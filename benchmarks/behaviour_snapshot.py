"""Record what `galleyproof check --format json` says on a fixed set of texts, and compare two
records: the proof that a change meant to keep behaviour (a restructuring, a speed-up) did.

    uv run python benchmarks/behaviour_snapshot.py inputs --out SNAP/inputs
    uv run python benchmarks/behaviour_snapshot.py record --inputs SNAP/inputs --out SNAP/before.json
    # ... change the code ...
    uv run python benchmarks/behaviour_snapshot.py record --inputs SNAP/inputs --out SNAP/after.json
    uv run python benchmarks/behaviour_snapshot.py compare SNAP/before.json SNAP/after.json

The texts: the public eval's 40 paragraphs, the chapters of Frankenstein, the seven
held-out books the lookup tables were not counted on, and two synthetic validation sets
(`noise build-valset`, seeds 0 and 1). `inputs` writes them as files once, so both records
check the very same bytes even if the noise code changes. Each record runs the CLI as a user
does, with no cache and an empty user folder (no personal filter). `compare` ignores the
fields named by `--ignore` (default `rule`, which a restructuring adds) and prints each
file whose issues differ.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import galleyproof_json  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HELD_OUT = (
    "austen_persuasion", "crane_the_red_badge_of_courage", "eliot_middlemarch",
    "hardy_far_from_the_madding_crowd", "twain_adventures_of_huckleberry_finn",
    "wells_the_war_of_the_worlds", "kipling_the_jungle_book",
)


def _paragraph_files(jsonl: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for n, line in enumerate(jsonl.read_text(encoding="utf-8").splitlines()):
        if line.strip():
            (out / f"{n:04d}.txt").write_text(json.loads(line)["text"], encoding="utf-8", newline="")


def write_inputs(out: Path) -> None:
    _paragraph_files(SHARED / "evals" / "frankenstein_eval.jsonl", out / "eval")
    book = (SHARED / "corpus" / "eval" / "frankenstein.txt").read_text(encoding="utf-8")
    (out / "frankenstein").mkdir(parents=True, exist_ok=True)
    (out / "frankenstein" / "chapters.txt").write_text(book[book.find("\nLetter 1\n") + 1 :], encoding="utf-8")
    (out / "held_out").mkdir(parents=True, exist_ok=True)
    for name in HELD_OUT:
        text = (SHARED / "corpus" / "train" / f"{name}.txt").read_text(encoding="utf-8")
        (out / "held_out" / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    for seed in (0, 1):
        with tempfile.TemporaryDirectory() as tmp:
            valset = Path(tmp) / "valset.jsonl"
            subprocess.run([sys.executable, "-m", "galleyproof", "noise", "build-valset", "--corpus",
                            str(SHARED / "corpus" / "train"), "--out", str(valset), "--seed", str(seed)], check=True)
            _paragraph_files(valset, out / f"valset_seed{seed}")


def record(inputs: Path, out: Path, threads: int) -> None:
    result: dict[str, list] = {}
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "GALLEYPROOF_HOME": home}
        for group in sorted(p for p in inputs.iterdir() if p.is_dir()):
            files = sorted(group.glob("*.txt"))
            for entry in galleyproof_json(files, env, "--no-cache", "--threads", str(threads)):
                result[f"{group.name}/{Path(entry['file']).name}"] = entry["issues"]
            print(f"{group.name}: {len(files)} files, {sum(len(result[k]) for k in result if k.startswith(group.name + '/'))} issues")
    out.write_text(json.dumps(result, ensure_ascii=False, indent=0), encoding="utf-8")


def compare(before: Path, after: Path, ignore: list[str]) -> int:
    def load(path: Path) -> dict[str, list]:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {k: [{f: v for f, v in i.items() if f not in ignore} for i in issues] for k, issues in data.items()}

    a, b = load(before), load(after)
    differ = [k for k in sorted(a.keys() | b.keys()) if a.get(k) != b.get(k)]
    for k in differ:
        print(f"differs: {k} ({len(a.get(k, []))} -> {len(b.get(k, []))} issues)")
    total = sum(len(v) for v in a.values())
    print(f"{len(a)} files, {total} issues before, {sum(len(v) for v in b.values())} after; "
          f"{len(differ)} files differ (ignoring {', '.join(ignore) or 'nothing'})")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("inputs")
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("record")
    p.add_argument("--inputs", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--threads", type=int, default=2)
    p = sub.add_parser("compare")
    p.add_argument("before", type=Path)
    p.add_argument("after", type=Path)
    p.add_argument("--ignore", nargs="*", default=["rule"])
    args = parser.parse_args()
    if args.cmd == "inputs":
        write_inputs(args.out)
    elif args.cmd == "record":
        record(args.inputs, args.out, args.threads)
    else:
        sys.exit(compare(args.before, args.after, args.ignore))


if __name__ == "__main__":
    main()
