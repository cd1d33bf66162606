"""Does the passage cache ever make a check slower than `--no-cache`? Many short files, new to
the cache, checked in one call: without the cache, with an empty cache, and with a big cache
(a user's after weeks of use, built here from synthetic entries), alternating in one run.

    uv run python benchmarks/cache_speed.py [--files 1200] [--cache-mb 60] [--rounds 3] [--harper]

Each file is one sentence of the book. The big cache is built once in a temporary folder
(random keys, score arrays of a passage's usual size, last-used times spread over weeks) and
copied afresh, and synced to disk, before each of its runs, so every run finds it as the user
left it. Prints the median wall and CPU time of each setting and their ratios to `--no-cache`
(CPU, user and system, is the steadier figure on a shared machine).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _measure import measure  # noqa: E402

from galleyproof.model.passage_cache import CACHE_FILE, PassageCache  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BOOK = ROOT.parent / "shared" / "corpus" / "eval" / "frankenstein.txt"
N_LABELS = 8


def sentences(book: Path, n: int) -> list[str]:
    """`n` distinct sentences of 6 to 40 words."""
    text = re.sub(r"\s+", " ", book.read_text(encoding="utf-8"))
    seen: dict[str, None] = {}
    for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", text):
        if 6 <= len(s.split()) <= 40:
            seen.setdefault(s.strip(), None)
        if len(seen) == n:
            break
    return list(seen)


def build_cache(path: Path, megabytes: float, seed: int = 0) -> int:
    """A cache file holding `megabytes` (MiB) of synthetic score arrays, to within one entry
    (the default bound is 64: a cache just under it takes this run's stores over it, as a
    user's does); returns its entry count."""
    rng = np.random.default_rng(seed)
    target = int(megabytes * 1024 * 1024)
    stored = entries = 0
    now = time.time()
    with PassageCache(path, max_bytes=target * 2) as cache:
        while stored < target:
            batch = {}
            for _ in range(1000):
                if stored >= target:
                    break
                tokens = int(rng.integers(20, 200))
                batch[rng.bytes(16)] = rng.random((tokens, N_LABELS), dtype=np.float32)
                stored += tokens * N_LABELS * 4
            cache.put_many(batch)
            entries += len(batch)
        if hasattr(cache, "flush"):
            cache.flush()
        db = cache.db
        # Last used over the past few weeks, in no particular order.
        db.execute("UPDATE scores SET used = ? - abs(random() % 2419200)", (now,))
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1200)
    parser.add_argument("--cache-mb", type=float, default=60.0, help="MiB of scores in the big cache")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="check's --threads (0: its default)")
    parser.add_argument("--book", type=Path, default=DEFAULT_BOOK)
    parser.add_argument("--harper", action="store_true", help="also time Harper on the same files")
    parser.add_argument("--baseline-src", type=Path, default=None, metavar="DIR",
                        help="also time the big cache with the galleyproof package under DIR (an older "
                        "checkout's src/), to compare before and after a change in one run")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        texts = sentences(args.book, args.files)
        files = []
        for i, s in enumerate(texts):
            f = tmp / "texts" / f"{i:05d}.txt"
            f.parent.mkdir(exist_ok=True)
            f.write_text(s + "\n", encoding="utf-8")
            files.append(str(f))
        big = tmp / "big" / CACHE_FILE
        big.parent.mkdir()
        entries = build_cache(big, args.cache_mb)
        print(f"{len(files)} one-sentence files; big cache: {entries} entries, "
              f"{big.stat().st_size / 2**20:.1f} MB file, {args.cache_mb:g} MB of scores")

        cmd = [sys.executable, "-m", "galleyproof", "check", "--format", "spans", "--threads", str(args.threads)]
        pycache = tmp / "pycache"
        settings = {
            "--no-cache": (["--no-cache"], None),
            "empty cache": ([], "empty"),
            "big cache": ([], "big"),
        }
        if args.baseline_src:
            settings["big (baseline)"] = ([], "big")
        harper = shutil.which("harper") if args.harper else None
        times: dict[str, list[float]] = {name: [] for name in settings}
        cpu: dict[str, list[float]] = {name: [] for name in settings}
        if harper:
            times["harper"], cpu["harper"] = [], []
        outputs: dict[str, bytes] = {}
        for r in range(-1, args.rounds):  # round -1 warms the bytecode cache and the user folder
            for n, (name, (options, cache)) in enumerate(settings.items()):
                home = tmp / f"home-{n}"
                home.mkdir(exist_ok=True)
                for stale in home.glob(CACHE_FILE + "*"):
                    stale.unlink()
                if cache == "big":
                    shutil.copyfile(big, home / CACHE_FILE)
                    # On the disk before the run, as a user's cache is: otherwise the check's first
                    # sync (SQLite's checkpoint) waits for the whole fresh copy to be written out.
                    with open(home / CACHE_FILE, "rb") as fh:
                        os.fsync(fh.fileno())
                env = {**os.environ, "GALLEYPROOF_HOME": str(home), "PYTHONPYCACHEPREFIX": str(pycache)}
                if name == "big (baseline)":
                    env["PYTHONPATH"] = str(args.baseline_src.resolve())
                m = measure([*cmd, *options, *files], env)
                if m.returncode not in (0, 1):
                    sys.exit(f"check ({name}) failed with exit code {m.returncode}")
                outputs.setdefault(name, m.stdout)
                if r >= 0:
                    times[name].append(m.wall_s)
                    cpu[name].append(m.cpu_s)
            if harper and r >= 0:
                lint = [harper, "lint", "--format", "json", "--ignore", "LongSentences", *files]
                m = measure(lint)
                times["harper"].append(m.wall_s)
                cpu["harper"].append(m.cpu_s)
        base = statistics.median(times["--no-cache"])
        base_cpu = statistics.median(cpu["--no-cache"])
        for name, ts in times.items():
            t, c = statistics.median(ts), statistics.median(cpu[name])
            print(f"{name:12s} {t:7.2f} s wall ({t / base:.2f}x --no-cache), {c:6.2f} s CPU ({c / base_cpu:.2f}x)  "
                  f"runs: {', '.join(f'{x:.2f}' for x in ts)} wall; {', '.join(f'{x:.2f}' for x in cpu[name])} CPU")
        same = len({outputs[name] for name in settings}) == 1
        print(f"issues identical in every setting: {same}")


if __name__ == "__main__":
    main()
