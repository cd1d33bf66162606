"""Fuzz the whole check path for a fixed time: bytes in a file, read, detect, every view, --fix.

    uv run python benchmarks/fuzz.py --minutes 10 [--out DIR]
    uv run python benchmarks/fuzz.py --replay DIR/crash-1.bin    # rerun one reproducer, with its traceback

Hypothesis draws file contents (Unicode text weighted towards the odd corners, the same text
with a BOM, with bytes inserted or cut mid-character, raw binary) and each case goes the way
`galleyproof check` takes it: `textio.read_text` -> the default detector -> the JSON, spans,
text, HTML and marked renderings -> `--fix` output written beside the file and in place.
`InputError` is the documented refusal; any other exception, a span outside the text, a
JSON report that disagrees with the issues, or a checked file whose bytes changed is a crash,
saved as `crash-N.bin` (the file's bytes) and `crash-N.txt` (what happened) under the output
folder. It also counts the lines of galleyproof the cases reached (tracing costs about 10%:
the time goes to numpy, which is not traced).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "robustness"))
from unicode_texts import texts  # noqa: E402

import galleyproof  # noqa: E402
from galleyproof import proofreader  # noqa: E402
from galleyproof.cli.check import Checked, OutputFormat, render  # noqa: E402
from galleyproof.config import Settings as CheckSettings  # noqa: E402
from galleyproof.issues import CATEGORIES, sort_issues  # noqa: E402
from galleyproof.manuscripts.extract import Manuscript  # noqa: E402
from galleyproof.review import fix  # noqa: E402
from galleyproof.text.io import MAX_FILE_BYTES, InputError, read_text  # noqa: E402

PACKAGE = str(Path(galleyproof.__file__).parent)
BATCH = 200  # examples per hypothesis run; runs repeat until the time is up


def _insert(data: bytes, edits: list[tuple[int, bytes]]) -> bytes:
    for pos, junk in edits:
        pos %= len(data) + 1
        data = data[:pos] + junk + data[pos:]
    return data


def file_bytes() -> st.SearchStrategy[bytes]:
    """What a file handed to `check` may hold: mostly text, some of it broken on purpose."""
    utf8 = texts().map(lambda t: t.encode("utf-8"))
    return st.one_of(
        utf8,
        utf8.map(lambda b: b"\xef\xbb\xbf" + b),
        st.builds(_insert, utf8, st.lists(st.tuples(st.integers(0, 1 << 20), st.binary(min_size=1, max_size=3)),
                                          min_size=1, max_size=3)),
        st.builds(lambda b, k: b[: k % (len(b) + 1)], utf8, st.integers(0, 1 << 20)),  # cut mid-character
        st.binary(max_size=300),
    )


@dataclass
class Case:
    data: bytes
    context: int = 0
    color: bool = False
    min_score: float = 0.8
    max_bytes: int = MAX_FILE_BYTES


def run_case(case: Case, folder: Path, detector) -> str:
    """One file through the check path; returns "refused" or "checked", raises on a crash."""
    path = folder / "draft.txt"
    for stale in folder.iterdir():
        stale.unlink()
    path.write_bytes(case.data)
    try:
        text = read_text(path, case.max_bytes)
    except InputError as err:
        assert "\n" not in str(err), f"refusal is not one line: {err!r}"
        return "refused"
    issues = detector.detect(text)
    for i in issues:
        assert 0 <= i.start < i.end <= len(text), f"span {i} outside a text of {len(text)}"
        assert i.category in CATEGORIES and all(isinstance(s, str) for s in i.suggestions), i
    assert issues == sort_issues(issues), "issues out of order"
    results = [Checked(Manuscript.plain(str(path), text), issues, CheckSettings())]
    for fmt in OutputFormat:
        if fmt is OutputFormat.docx:  # a copy of a Word file, not a rendering of text
            continue
        out = render(results, fmt, case.context, case.color)
        if fmt is OutputFormat.json:
            got = [(i["start"], i["end"], i["category"]) for i in json.loads(out)["files"][0]["issues"]]
            assert got == [(i.start, i.end, i.category) for i in issues], "JSON disagrees with the issues"
        elif fmt is OutputFormat.spans:
            assert json.loads(out) == [[i.start, i.end] for i in issues], "spans disagree with the issues"
    assert path.read_bytes() == case.data, "checking changed the file"
    edits = fix.auto_edits(text, issues, case.min_score)
    target = fix.write_fixed(path, text, edits)
    assert target.read_bytes() == fix.apply_edits(text, edits).encode("utf-8"), "--fix wrote other bytes"
    assert path.read_bytes() == case.data, "--fix touched the original"
    fix.write_fixed(path, text, edits, in_place=True, force=True)
    if edits:
        assert fix.backup_path(path).read_bytes() == case.data, "--in-place backup is not the original"
    assert read_text(path) == fix.apply_edits(text, edits), "--in-place wrote other text"
    return "checked"


@dataclass
class Tally:
    cases: int = 0
    refused: int = 0
    crashes: dict = field(default_factory=dict)  # (exception type, where) -> (count, first reproducer)
    warned: dict = field(default_factory=dict)  # warning text -> count


def _where(err: BaseException) -> str:
    """The innermost galleyproof frame: crashes at the same place count once."""
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.startswith(PACKAGE)]
    f = (frames or traceback.extract_tb(err.__traceback__))[-1]
    return f"{Path(f.filename).name}:{f.lineno}"


def record_crash(tally: Tally, case: Case, err: BaseException, out: Path) -> None:
    key = (type(err).__name__, _where(err))
    if key in tally.crashes:
        count, repro = tally.crashes[key]
        tally.crashes[key] = (count + 1, repro)
        return
    n = len(tally.crashes) + 1
    repro = out / f"crash-{n}.bin"
    repro.write_bytes(case.data)
    (out / f"crash-{n}.txt").write_text(
        f"{case!r}\n\n" + "".join(traceback.format_exception(err)), encoding="utf-8"
    )
    (out / f"crash-{n}.json").write_text(json.dumps(
        {"context": case.context, "color": case.color, "min_score": case.min_score, "max_bytes": case.max_bytes}
    ), encoding="utf-8")
    tally.crashes[key] = (1, repro)
    print(f"crash {n}: {key[0]} at {key[1]}: {err}  -> {repro}", file=sys.stderr, flush=True)


class LineCoverage:
    """Lines of galleyproof executed, by a trace function that ignores every other module."""

    def __init__(self) -> None:
        self.lines: set[tuple[str, int]] = set()

    def _global(self, frame, event, arg):
        return self._local if frame.f_code.co_filename.startswith(PACKAGE) else None

    def _local(self, frame, event, arg):
        if event == "line":
            self.lines.add((frame.f_code.co_filename, frame.f_lineno))
        return self._local

    def start(self) -> None:
        sys.settrace(self._global)

    def stop(self) -> None:
        sys.settrace(None)


def fuzz(minutes: float, out: Path, coverage: LineCoverage) -> Tally:
    os.environ.setdefault("GALLEYPROOF_HOME", tempfile.mkdtemp(prefix="gp-fuzz-home-"))
    detector = proofreader.load_default()
    tally = Tally()
    deadline = time.monotonic() + minutes * 60
    next_report = time.monotonic() + 60
    folder = Path(tempfile.mkdtemp(prefix="gp-fuzz-case-"))

    @settings(max_examples=BATCH, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(data=file_bytes(), context=st.integers(0, 3), color=st.booleans(),
           min_score=st.floats(0.0, 1.0), small_limit=st.integers(0, 9))
    def one(data, context, color, min_score, small_limit):
        nonlocal next_report
        if time.monotonic() > deadline:
            return
        # One case in ten under a tiny size limit, so the oversize refusal is fuzzed too.
        case = Case(data, context, color, min_score, 64 if small_limit == 0 else MAX_FILE_BYTES)
        tally.cases += 1
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                tally.refused += run_case(case, folder, detector) == "refused"
            except Exception as err:  # everything but the documented InputError is a finding
                record_crash(tally, case, err, out)
        for w in caught:
            key = f"{w.category.__name__}: {w.message} ({Path(w.filename).name}:{w.lineno})"
            tally.warned[key] = tally.warned.get(key, 0) + 1
        if time.monotonic() > next_report:
            next_report += 60
            print(f"  {tally.cases:,} cases, {len(tally.crashes)} crashes, {len(coverage.lines):,} lines reached",
                  file=sys.stderr, flush=True)

    coverage.start()
    try:
        while time.monotonic() < deadline:
            one()
    finally:
        coverage.stop()
    return tally


def replay(path: Path) -> None:
    """Run one saved reproducer, letting its exception (and traceback) through."""
    params = json.loads(path.with_suffix(".json").read_text(encoding="utf-8")) if path.with_suffix(".json").exists() else {}
    os.environ.setdefault("GALLEYPROOF_HOME", tempfile.mkdtemp(prefix="gp-fuzz-home-"))
    outcome = run_case(Case(path.read_bytes(), **params), Path(tempfile.mkdtemp()), proofreader.load_default())
    print(f"{path}: {outcome}, no crash")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--out", type=Path, help="Where crash reproducers go (default: a new temp folder).")
    parser.add_argument("--replay", type=Path, help="Rerun one crash-N.bin and show its traceback.")
    args = parser.parse_args()
    if args.replay:
        replay(args.replay)
        return
    out = args.out or Path(tempfile.mkdtemp(prefix="gp-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    coverage = LineCoverage()
    started, cpu_started = time.monotonic(), time.process_time()
    tally = fuzz(args.minutes, out, coverage)
    minutes = (time.monotonic() - started) / 60
    cpu = (time.process_time() - cpu_started) / 60  # on a busy machine, far less than the wall time
    print(f"fuzzed {minutes:.1f} min ({cpu:.1f} CPU min): {tally.cases:,} cases ({tally.cases - tally.refused:,} checked, "
          f"{tally.refused:,} refused as bad input), {len(tally.crashes)} distinct crashes "
          f"({sum(c for c, _ in tally.crashes.values())} in all), "
          f"{len(coverage.lines):,} lines of galleyproof reached")
    for (kind, where), (count, repro) in tally.crashes.items():
        print(f"  crash {kind} at {where}: {count}x, reproducer {repro}")
    for warning, count in tally.warned.items():
        print(f"  warning {count}x: {warning}")
    print(f"output: {out}")
    sys.exit(1 if tally.crashes else 0)


if __name__ == "__main__":
    main()
