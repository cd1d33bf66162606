"""The language server's re-check after an edit, in process (no protocol, no debounce): what
`galleyproof lsp` runs for each new version of a document, timed alone.

    uv run python benchmarks/lsp_recheck.py [--edits 10] [--chars 300000]
    PYTHONPATH=OLD/src uv run python benchmarks/lsp_recheck.py   # the code before, for comparison

Checks the first `--chars` characters of Frankenstein once with a proofreader set up as the
server sets it up (a passage cache in a fresh user folder; the memos on where this code has
them), then makes `--edits` one-word edits, each capitalising a word at the start of a
paragraph picked at random (seed 0), re-checking after each (`lsp.documents.check`, the
writer's filter on, as the server runs it). Prints the median and each re-check, and whether
the last re-check's issues equal a fresh proofreader's full check of the final text.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT.parent / "shared" / "corpus" / "eval" / "frankenstein.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--chars", type=int, default=300_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["GALLEYPROOF_HOME"] = home
        run(BOOK.read_text(encoding="utf-8")[: args.chars], args.edits)


def run(text: str, edits: int) -> None:
    from galleyproof.feedback.filter import PersonalFilter
    from galleyproof.lsp import documents
    from galleyproof.lsp.settings import EditorSettings, project_settings
    from galleyproof.model.passage_cache import PassageCache
    from galleyproof.proofreader import load_default

    settings = EditorSettings().over(project_settings(None))
    with PassageCache() as cache:
        proofreader = load_default(threads=1, cache=cache, personal=False)
        remembering = hasattr(proofreader, "remember_between_checks")
        if remembering:
            proofreader.remember_between_checks()

        def check(t: str, version: int):
            return documents.check(PersonalFilter.from_store(proofreader), "file:///chapter.txt", None, version, t,
                                   "text", settings, "utf-16")

        started = time.perf_counter()
        check(text, 1)
        full = time.perf_counter() - started
        rng = random.Random(0)
        starts = [m.start() for m in re.finditer(r"\n\n(?=[A-Z])", text)]
        times = []
        for k in range(edits):
            m = re.compile(r"\b[a-z]{5,}\b").search(text, rng.choice(starts) + 2)
            text = text[: m.start()] + m.group()[0].upper() + text[m.start() + 1 :]
            started = time.perf_counter()
            last = check(text, k + 2)
            times.append(time.perf_counter() - started)
        proofreader.close()
    fresh = load_default(threads=1, personal=False)
    expected = documents.check(PersonalFilter.from_store(fresh), "file:///chapter.txt", None, 0, text, "text",
                               settings, "utf-16").issues
    print(f"{'memos on' if remembering else 'no memos (the code before)'}: first check {full:.2f} s; "
          f"re-check after a one-word edit, median of {edits} {statistics.median(times) * 1000:.0f} ms "
          f"({' '.join(f'{t * 1000:.0f}' for t in times)})")
    print(f"last re-check's issues identical to a fresh full check: {last.issues == expected} ({len(expected)})")


if __name__ == "__main__":
    main()
