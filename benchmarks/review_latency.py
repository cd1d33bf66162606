"""How long the writer waits in `galleyproof serve`: the first check, then each re-check after a verdict.

    uv run python benchmarks/review_latency.py [FILE] [--verdicts N]

Runs a `Review` (what the server wraps, without HTTP) on FILE (default: The Jungle Book) in a
throw-away GALLEYPROOF_HOME with an empty passage cache, then gives N verdicts in turn
(reject, accept the top suggestion, reject, ...) and times each: the verdict is recorded,
the text changed where accepted, and the whole text re-checked behind the rebuilt filter.
Harper has no such loop to compare with; the figure to watch is the re-check against the
first check.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BOOK = ROOT.parent / "shared" / "corpus" / "train" / "kipling_the_jungle_book.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path, nargs="?", default=DEFAULT_BOOK)
    ap.add_argument("--verdicts", type=int, default=6)
    ap.add_argument("--threads", type=int, default=0, help="0: one per core, at most 4 (as serve runs).")
    args = ap.parse_args()
    os.environ["GALLEYPROOF_HOME"] = tempfile.mkdtemp(prefix="galleyproof-bench-")

    from galleyproof.model.passage_cache import PassageCache
    from galleyproof.proofreader import load_default
    from galleyproof.review.session import Review
    from galleyproof.threads import default_threads

    with PassageCache() as cache:  # as serve runs: unfiltered (the review adds the filter), with the cache
        model = load_default(threads=args.threads or default_threads(), cache=cache, personal=False)
        t = time.perf_counter()
        review = Review(args.file, model)
        first = time.perf_counter() - t
        print(f"{args.file.name}: {len(review.text):,} characters, {len(review.issues)} issues; "
              f"first check {first:.2f} s (model {review.version})")
        times = []
        for n in range(args.verdicts):
            verdict = "accepted" if n % 2 else "rejected"
            candidates = [k for k, i in enumerate(review.issues) if verdict == "rejected" or i.suggestions]
            if not candidates:
                break
            t = time.perf_counter()
            review.decide(review.revision, candidates[0], verdict)
            times.append(time.perf_counter() - t)
            print(f"  {verdict}: re-check {times[-1]:.2f} s, {len(review.issues)} issues left")
    if times:
        print(f"re-check after a verdict: median {statistics.median(times):.2f} s "
              f"({statistics.median(times) / first:.0%} of the first check)")


if __name__ == "__main__":
    main()
