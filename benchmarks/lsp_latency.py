"""How fast `galleyproof lsp` answers an editor, on a long chapter.

    uv run python benchmarks/lsp_latency.py [--file BOOK.txt] [--chars 300000] [--edits 20]

Starts the server over stdio with a fresh user folder (so an empty passage cache), opens
the first `--chars` characters of the book as one document, and prints: the time from
`didOpen` to the first diagnostics (the model's load included); then, for `--edits` edits
each changing one word in a different paragraph (debounce 0), the median and 95th-percentile
time from the `didChange` to that version's diagnostics; the server's peak memory; and, as
a yardstick on a loaded machine, a full check of the same text in this process right after
(no passage cache, nothing remembered: what `check --no-cache -j 2` does) and the median
edit's share of it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT.parent / "shared" / "corpus" / "eval" / "frankenstein.txt"


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def run(text: str, edits: int) -> float:
    published: dict[int, float] = {}
    client = LanguageClient("bench", "1")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.setdefault(params.version, time.perf_counter())

    async def wait_for(version: int) -> float:
        while version not in published:
            await asyncio.sleep(0.002)
        return published[version]

    await client.start_io(sys.executable, "-m", "galleyproof", "lsp")
    uri = (Path(tempfile.gettempdir()) / "chapter.txt").as_uri()
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), initialization_options={"debounceMs": 0}))
    client.initialized(types.InitializedParams())
    started = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    first = await wait_for(1) - started
    print(f"{len(text):,} characters: first diagnostics {first:.2f} s after didOpen (model load included)")

    lines = text.split("\n")
    words = [(n, m) for n, line in enumerate(lines) for m in re.finditer(r"\b[a-z]{5,}\b", line)]
    rng = random.Random(0)
    times = []
    for k in range(edits):
        line, m = rng.choice(words)
        version = k + 2
        where = types.Range(start=types.Position(line, m.start()), end=types.Position(line, m.start() + 1))
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=where, text=m.group()[0].upper())]))
        times.append(await wait_for(version) - sent)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    median = statistics.median(times)
    print(f"one-word edit to diagnostics, {edits} edits: median {median * 1000:.0f} ms, "
          f"95th percentile {p95 * 1000:.0f} ms")
    print(f"server peak memory: {peak_rss_mb(client._server.pid):.0f} MB")
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--chars", type=int, default=300_000)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    text = args.file.read_text(encoding="utf-8")[: args.chars]
    with tempfile.TemporaryDirectory() as home:
        os.environ["GALLEYPROOF_HOME"] = home
        median = asyncio.run(run(text, args.edits))
        full = full_check_seconds(text)
    print(f"full check of the same text in this process (as `check --no-cache`, 2 threads): {full:.2f} s; "
          f"median edit / full check: {median / full:.3f}")


def full_check_seconds(text: str) -> float:
    """A whole check of `text` from nothing, in this process, right after the server's run:
    the yardstick for the edits on a machine whose load changes from minute to minute."""
    from galleyproof.proofreader import load_default

    proofreader = load_default(threads=2, personal=False)
    started = time.perf_counter()
    proofreader.check(text)
    seconds = time.perf_counter() - started
    proofreader.close()
    return seconds


if __name__ == "__main__":
    main()
