"""Fuzz the whole check path for a fixed time: bytes in a file, read, detect, every view, --fix, serve.

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

One case in `CLI_EVERY` also runs `galleyproof check` itself (in process), on the file or on a
special file in its place (a named pipe, a folder, a dangling link, a link loop, /dev/null,
/dev/zero), with a user data folder holding a non-empty feedback store, a passage cache, a
spelling index and a run log, one of them damaged or the folder made read-only, or with a
learned model version active and one of its files truncated, garbled, emptied or removed: the
exit code must be 0, 1 or 2 (2 only for a file or a model refused, in one line naming it),
stderr one line per message and never a traceback, `--format marked` less its markers the file
exactly, `--format json` whole, `--fix` a readable `FILE.fixed.txt` and the original untouched,
and `--fix --in-place` the same text with the original kept as `FILE.bak`.

One case in `SERVER_EVERY` is also reviewed through `serve`'s endpoints, in process with a
test client (no socket is opened): a short session of requests, most well-formed, some without
the token, from another Host, Origin or site, with the wrong content type or a body of any
shape. No answer may be a 5xx or an uncaught exception, a flawed request gets the status its
flaw calls for (403 without the token or from another site, 400 from another Host), every
answer carries the anti-framing and CSP headers, a save in place keeps the original as `.bak`,
and unsaved edits are written whole when the review stops.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
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
from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402
from unicode_texts import texts  # noqa: E402

import galleyproof  # noqa: E402
from galleyproof import proofreader  # noqa: E402
from galleyproof.cli.check import Checked, OutputFormat, render  # noqa: E402
from galleyproof.cli.main import app  # noqa: E402
from galleyproof.config import Settings as CheckSettings  # noqa: E402
from galleyproof.issues import CATEGORIES, sort_issues  # noqa: E402
from galleyproof.manuscripts.extract import Manuscript  # noqa: E402
from galleyproof.model import versions as registry  # noqa: E402
from galleyproof.model.folder import MODEL_FILES, PAIRS_FILE  # noqa: E402
from galleyproof.review import fix  # noqa: E402
from galleyproof.review.server import create_app  # noqa: E402
from galleyproof.review.session import VERDICTS, Review  # noqa: E402
from galleyproof.text.io import MAX_FILE_BYTES, InputError, read_text  # noqa: E402

PACKAGE = str(Path(galleyproof.__file__).parent)
BATCH = 200  # examples per hypothesis run; runs repeat until the time is up
CLI_EVERY = 4  # one case in this many also goes through the `galleyproof check` command
SPECIAL_FILES = ("none", "fifo", "directory", "dangling-link", "link-loop", "dev-null", "dev-zero")
STATE_DAMAGE = ("none", "store-garbage", "store-empty", "store-truncated", "cache-garbage", "cache-flipped",
                "spelling-garbage", "spelling-rows", "weights-flipped", "words-garbage", "runlog-garbage", "read-only",
                "model-truncated", "model-flipped", "model-garbage", "model-emptied", "model-removed")
#: The files of the active (learned) model version a "model-*" damage picks from.
MODEL_PARTS = (*MODEL_FILES, PAIRS_FILE, registry.META_FILE)
LEARNED = "learn-fuzz"
#: What a CLI case runs: a report to read back, or `--fix` beside the file / in place.
CLI_MODES = ("marked", "json", "fix", "fix-in-place")
SERVER_EVERY = 4  # one case in this many is also reviewed through the server's endpoints
#: What a server answers a request that breaks no rule (a refused verdict, a stale revision,
#: a body of the wrong shape included); a 5xx is a crash.
ANSWERS = {200, 303, 400, 404, 405, 409, 413, 415, 422}
_MARKER = re.compile(r"\\(.)|⟦((?:\\.|[^\\⟧→])*)(?:→(?:\\.|[^\\⟧])*)?⟧", re.S)


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
    cli: dict | None = None  # a CLI case's mode, special file, state damage and seed
    server: dict | None = None  # a server case's requests


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
    target = fix.write_fixed(path, text, edits).target
    assert target.read_bytes() == fix.apply_edits(text, edits).encode("utf-8"), "--fix wrote other bytes"
    assert path.read_bytes() == case.data, "--fix touched the original"
    fix.write_fixed(path, text, edits, in_place=True, force=True)
    if edits:
        assert fix.backup_path(path).read_bytes() == case.data, "--in-place backup is not the original"
    assert read_text(path) == fix.apply_edits(text, edits), "--in-place wrote other text"
    return "checked"


def unmark(marked: str) -> str:
    """`--format marked` output less its markers and escapes: the file's text."""
    def keep(m: re.Match) -> str:
        if m.group(1) is not None:
            return m.group(1)
        return re.sub(r"\\(.)", r"\1", m.group(2), flags=re.S)
    return _MARKER.sub(keep, marked)


def make_state(home: Path) -> Path:
    """A user data folder as a writer's would be after some use: a feedback store with a word
    and a decision in it, a passage cache, a spelling index, a run log. Kept pristine; each CLI
    case works on a copy."""
    before = os.environ.get("GALLEYPROOF_HOME")
    os.environ["GALLEYPROOF_HOME"] = str(home)
    runner = CliRunner()
    draft = home.parent / "state-draft.txt"
    draft.write_text("She walked into teh house with Zorkle.\n\nHe said that that it was late.\n", encoding="utf-8")
    for args in (["dict", "add", "Zorkle"], ["check", str(draft)], ["feedback", "reject", str(draft), "16", "19"]):
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1), (args, result.output)
    if before is not None:
        os.environ["GALLEYPROOF_HOME"] = before
    return home


def _spoil(home: Path, damage: str, seed: int) -> None:
    store, cache = home / "galleyproof.sqlite3", home / "passage-cache.sqlite3"
    if damage == "store-garbage":
        with open(store, "r+b") as fh:
            fh.seek(seed % max(store.stat().st_size, 1))
            fh.write(os.urandom(100))
    elif damage == "store-empty":
        store.write_bytes(b"")
    elif damage == "store-truncated":
        store.write_bytes(store.read_bytes()[: seed % max(store.stat().st_size, 1)])
    elif damage == "cache-garbage" and cache.exists():
        cache.write_bytes(os.urandom(4096))
    elif damage == "cache-flipped" and cache.exists():
        data = bytearray(cache.read_bytes())
        data[seed % len(data)] ^= 0xFF
        cache.write_bytes(bytes(data))
    elif damage == "spelling-garbage":
        for index in (home / "cache").glob("spelling-*"):
            index.write_bytes(b"SQLite format 3\x00" + os.urandom(seed % 5000))
    elif damage == "spelling-rows":
        for index in (home / "cache").glob("spelling-*.sqlite"):
            with sqlite3.connect(index) as db:  # rows naming no word of the lexicon, or no text at all
                db.execute("UPDATE deletes SET words = ? WHERE length(key) % 3 = ?", (os.urandom(8).hex(), seed % 3))
                db.execute("UPDATE deletes SET words = ? WHERE length(key) % 5 = ?", (seed, seed % 5))
            db.close()
    elif damage == "weights-flipped":
        for copy in (home / "cache").glob("weights-*.npz"):
            data = bytearray(copy.read_bytes())
            data[seed % len(data)] ^= 0xFF
            copy.write_bytes(bytes(data))
    elif damage == "words-garbage":
        for words in [*(home / "cache").glob("symspell-words-*.txt"), *(home / "cache").glob("wordfreq-*.txt")]:
            words.write_bytes(os.urandom(seed % 3000))
    elif damage == "runlog-garbage":
        (home / "runs.jsonl").write_bytes(os.urandom(50) + b"\n{\n")
    elif damage.startswith("model-"):
        _spoil_model(home, damage.removeprefix("model-"), seed)


def _spoil_model(home: Path, how: str, seed: int) -> str:
    """Make a copy of the shipped model the active version, then damage one of its files."""
    os.environ["GALLEYPROOF_HOME"] = str(home)
    building = registry.versions_dir() / f".building-{LEARNED}"
    shutil.copytree(registry.shipped_model_dir(), building)
    folder = registry.register(building, registry.VersionInfo(LEARNED, registry.DEFAULT, time.time()))
    registry.use(LEARNED)
    part = folder / MODEL_PARTS[seed % len(MODEL_PARTS)]
    data = part.read_bytes()
    at = seed % max(len(data), 1)
    if how == "truncated":
        part.write_bytes(data[:at])
    elif how == "flipped" and data:
        part.write_bytes(data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:])
    elif how == "garbage":
        part.write_bytes(data[:at] + os.urandom(100) + data[at + 100:])
    elif how == "emptied":
        part.write_bytes(b"")
    elif how == "removed":
        part.unlink()
    return part.name


def _read_only(home: Path) -> bool:
    """Make `home` unwritable: a read-only tmpfs for root, mode 0555 otherwise; False where
    neither is possible."""
    if os.geteuid() != 0:
        os.chmod(home, 0o555)
        return True
    saved = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(home)], capture_output=True).returncode:
        return False
    for name, data in saved.items():
        (home / name).write_bytes(data)
    subprocess.run(["mount", "-o", "remount,ro", str(home)], check=True)
    return True


def _writable_again(home: Path) -> None:
    if os.geteuid() != 0:
        os.chmod(home, 0o755)
    elif subprocess.run(["umount", str(home)], capture_output=True).returncode:
        subprocess.run(["umount", "-l", str(home)], check=True)  # busy: detach it all the same
        raise AssertionError(f"a file in the read-only data folder was left open: {os.listdir('/proc/self/fd')}")


def _special(path: Path, kind: str) -> None:
    """Put a special file where the draft was."""
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "dangling-link":
        path.symlink_to(path.with_name("gone.txt"))
    elif kind == "link-loop":
        path.symlink_to(path)
    elif kind == "dev-null":
        path.symlink_to("/dev/null")
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")


def _invoke(args: list[str]):
    result = CliRunner().invoke(app, args)
    err = result.stderr_bytes.decode("utf-8", "replace")
    assert result.exit_code in (0, 1, 2), f"{args[0]}: exit {result.exit_code}: {result.exception!r} {err}"
    assert result.exception is None or isinstance(result.exception, SystemExit), f"crashed: {result.exception!r}"
    assert "Traceback" not in result.stdout_bytes.decode("utf-8", "replace") + err, f"a traceback: {err[-2000:]}"
    assert all(line.startswith("galleyproof") for line in err.splitlines() if line.strip()), f"stderr: {err!r}"
    return result, err


def run_cli_case(case: Case, folder: Path, pristine: Path, mode: str, special: str, damage: str, seed: int) -> str:
    """`galleyproof check` (a report, or `--fix` beside the file or in place) on the case's
    file (or a special file in its place) with a copy of the pristine data folder, damaged as
    `damage` says; raises on a crash."""
    home = folder / "home"
    shutil.copytree(pristine, home)
    _spoil(home, damage, seed)
    locked = False
    try:
        locked = damage == "read-only" and _read_only(home)
        path = folder / "draft.txt"
        path.write_bytes(case.data)
        if special != "none":
            _special(path, special)
        os.environ["GALLEYPROOF_HOME"] = str(home)
        report = ["--format", mode] if mode in ("marked", "json") else ["--fix"]
        result, err = _invoke(["check", *report, "--threads", "1", str(path)])
        if mode == "fix-in-place":
            in_place, in_place_err = _invoke(["check", "--fix", "--in-place", "--threads", "1", str(path)])
        if damage.startswith("model-"):
            _invoke(["model", "list"])
    finally:
        if locked or os.path.ismount(home):
            _writable_again(home)
    out = result.stdout_bytes.decode("utf-8")
    assert not (home / "crash.log").exists(), (home / "crash.log").read_text(encoding="utf-8", errors="replace")
    try:
        text = read_text(path) if special == "none" else None
    except InputError:
        text = None
    if text is None or result.exit_code == 2:  # (a zip package read as text is refused by name too)
        assert result.exit_code == 2 and len(err.strip().splitlines()) == 1, f"refused with {result.exit_code}: {err!r}"
        named = path.name in err or (damage.startswith("model-") and LEARNED in err)
        assert named, f"refusal names neither the file nor the damaged model: {err!r}"
        if mode.startswith("fix"):
            assert not fix.fixed_path(path).exists(), "a refused file was fixed"
        if mode == "fix-in-place":
            assert in_place.exit_code == 2 and not fix.backup_path(path).exists(), "a refused file was rewritten"
        return "refused"
    assert result.exit_code in (0, 1), f"a readable file gave exit {result.exit_code}: {err!r}"
    if mode == "marked":
        assert unmark(out) == text, "marked output less its markers is not the file"
    elif mode.startswith("fix"):
        fixed = fix.fixed_path(path)
        assert read_text(fixed) is not None, "--fix wrote no readable FILE.fixed.txt"
        if mode == "fix-in-place":
            assert in_place.exit_code in (0, 1), f"--fix --in-place gave exit {in_place.exit_code}: {in_place_err!r}"
            backup = fix.backup_path(path)
            if path.read_bytes() != case.data:
                assert backup.read_bytes() == case.data, "--in-place rewrote the file without its .bak"
            else:
                assert not backup.exists(), "an --in-place fix that changed nothing left a .bak"
            if "moved to" not in err:  # the same filter ran both times: the same fix
                assert path.read_bytes() == fixed.read_bytes(), "--fix and --fix --in-place wrote other texts"
            return "checked"
    else:
        report = json.loads(out)
        issues = report["files"][0]["issues"]
        assert (result.exit_code == 1) == bool(issues), "exit code disagrees with the issues"
        assert all(0 <= i["start"] < i["end"] <= len(text) for i in issues), "span outside the text"
    assert path.read_bytes() == case.data, "checking changed the file"
    return "checked"


@dataclass
class Request:
    """One request a page (the review's own, or another site's) might send to `serve`."""

    method: str
    path: str
    flaw: str | None  # what is wrong with it (FLAWS), if anything
    body: bytes | dict  # a dict's "revision" "current" is the review's revision when sent


#: What a hostile or broken request may get wrong, each with what it must be answered:
#: flaw -> (header changes, the status it must get; None: any in ANSWERS).
FLAWS: dict[str, tuple[dict, int | None]] = {
    "no-token": ({"cookie": None}, 403),
    "wrong-token": ({"cookie": "wrong"}, 403),
    "token-in-query": ({"cookie": None, "query": True}, None),
    "foreign-host": ({"host": "evil.example"}, 400),
    "rebound-host": ({"host": "127.0.0.1.evil.example"}, 400),
    "localhost": ({"host": "localhost"}, None),
    "other-origin": ({"origin": "http://evil.example"}, 403),
    "null-origin": ({"origin": "null"}, 403),
    "other-port": ({"origin": "http://127.0.0.1:9999"}, 403),
    "self-origin": ({"origin": "http://127.0.0.1"}, None),
    "cross-site": ({"sec-fetch-site": "cross-site"}, 403),
    "same-site": ({"sec-fetch-site": "same-site"}, 403),
    "typed-url": ({"sec-fetch-site": "none"}, None),
    "text-body": ({"content-type": "text/plain"}, None),
    "no-content-type": ({"content-type": None}, None),
}
ROUTES = (("GET", "/api/document"), ("POST", "/api/decision"), ("POST", "/api/decision"), ("POST", "/api/dictionary"),
          ("POST", "/api/save"), ("GET", "/"), ("PUT", "/api/save"), ("GET", "/api/nothing"), ("POST", "/api/document"),
          ("OPTIONS", "/api/decision"), ("GET", "/api/save/.."), ("GET", "/static/../../etc/passwd"))


def requests() -> st.SearchStrategy[list[Request]]:
    """A short session of requests, most of them well-formed, some hostile or broken."""
    json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                              lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                          max_size=3), max_leaves=6)
    replacement = st.one_of(st.text(max_size=30), st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
                                                          min_size=1, max_size=3), st.just("x" * 20_001), st.none())
    verdict = st.fixed_dictionaries(
        {"revision": st.sampled_from(("current", "current", "current", 0, -1, 1 << 70)),
         "index": st.one_of(st.integers(0, 3), st.integers(0, 3), st.integers()),
         "verdict": st.sampled_from((*VERDICTS, *VERDICTS, "maybe", ""))},
        optional={"replacement": replacement})
    raw = st.one_of(json_value.map(lambda v: json.dumps(v).encode("utf-8")), st.binary(max_size=40))
    return st.lists(st.builds(
        lambda route, flaw, body: Request(*route, flaw, body),
        route=st.sampled_from(ROUTES),
        flaw=st.one_of(st.none(), st.none(), st.none(), st.sampled_from(sorted(FLAWS))),
        body=st.one_of(verdict, verdict, verdict, st.just({}), raw),
    ), max_size=8)


def run_server_case(case: Case, folder: Path, model, session: list[Request], in_place: bool, tally: dict) -> str:
    """The case's file reviewed through the server's endpoints (in process, never on a
    socket), `session` sent as they come: no request may crash it or get past the token, the
    Host allow-list or the other-site check, and what it saves is whole; raises on a crash."""
    for stale in folder.iterdir():
        stale.unlink()
    path = folder / "draft.txt"
    path.write_bytes(case.data)
    try:
        review = Review(path, model, in_place=in_place)
    except (InputError, fix.FixError):
        return "refused"
    app = create_app(review)
    token = app.state.token
    client = TestClient(app, base_url="http://127.0.0.1", follow_redirects=False)  # raises what the app did not catch
    for r in session:
        changes, must = FLAWS[r.flaw] if r.flaw else ({}, None)
        headers = {"host": "127.0.0.1", "content-type": "application/json", "sec-fetch-site": "same-origin",
                   "cookie": f"galleyproof_token_80={token}"}
        for name, value in changes.items():
            if name != "query":
                headers[name] = "galleyproof_token_80=x" + token[1:] if value == "wrong" else value
        headers = {k: v for k, v in headers.items() if v is not None}
        body = r.body
        if isinstance(body, dict):
            body = json.dumps({k: review.revision if v == "current" else v for k, v in body.items()}).encode()
        answer = client.request(r.method, r.path, params={"token": token} if "query" in changes else None,
                                headers=headers, content=body if r.method in ("POST", "PUT") else None)
        client.cookies.clear()
        status = answer.status_code
        tally[f"status {status}"] = tally.get(f"status {status}", 0) + 1
        tally[f"flaw {r.flaw}"] = tally.get(f"flaw {r.flaw}", 0) + 1
        assert status < 500, f"{r}: {status} {answer.text[:500]}"
        assert status == must if must else status in ANSWERS, f"{r}: {status} {answer.text[:300]}"
        if status != 400 or "host" not in changes:  # (the Host check answers before the app)
            assert answer.headers.get("x-frame-options") == "DENY", f"{r}: no anti-framing header"
            assert "default-src 'none'" in answer.headers.get("content-security-policy", ""), f"{r}: no CSP"
        if status == 200 and r.path.startswith("/api/"):
            state = answer.json()
            assert all(0 <= i["start"] < i["end"] <= len(state["text"]) for i in state["issues"]), "span outside"
    if review.unsaved:  # as `serve` does when stopped
        target, _ = review.write_leftover()
        assert target.read_bytes() == review.text.encode("utf-8"), "unsaved edits were not written whole"
    if review.saved_to is not None and in_place:
        assert fix.backup_path(path).read_bytes() == case.data, "a save in place without the original as .bak"
        assert path.read_bytes() == review.saved_text.encode("utf-8"), "the saved file is not the text saved"
    else:
        assert path.read_bytes() == case.data, "the file changed without a save in place"
    return "reviewed"


@dataclass
class Tally:
    cases: int = 0
    refused: int = 0
    cli: dict = field(default_factory=dict)  # what the CLI cases covered: kind -> count
    server: dict = field(default_factory=dict)  # what the server cases covered: outcome or status -> count
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
    home = os.environ["GALLEYPROOF_HOME"]
    detector = proofreader.load_default()
    tally = Tally()
    deadline = time.monotonic() + minutes * 60
    next_report = time.monotonic() + 60
    folder = Path(tempfile.mkdtemp(prefix="gp-fuzz-case-"))
    cli_folder = Path(tempfile.mkdtemp(prefix="gp-fuzz-cli-"))
    pristine = make_state(Path(tempfile.mkdtemp(prefix="gp-fuzz-state-")) / "home")
    server_folder = Path(tempfile.mkdtemp(prefix="gp-fuzz-serve-"))
    unfiltered = proofreader.load_default(personal=False)  # as `serve` loads it: the review filters

    @settings(max_examples=BATCH, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(data=file_bytes(), context=st.integers(0, 3), color=st.booleans(),
           min_score=st.floats(0.0, 1.0), small_limit=st.integers(0, 9), cli=st.integers(0, CLI_EVERY - 1),
           mode=st.sampled_from(CLI_MODES), special=st.one_of(st.just("none"), st.sampled_from(SPECIAL_FILES)),
           damage=st.sampled_from(STATE_DAMAGE), seed=st.integers(0, 1 << 20),
           serve=st.integers(0, SERVER_EVERY - 1), session=requests(), in_place=st.booleans())
    def one(data, context, color, min_score, small_limit, cli, mode, special, damage, seed, serve, session, in_place):
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
            if cli == 0:
                kinds = [f"mode {mode}", f"special {special}", f"state {damage}"]
                if damage.startswith("model-"):
                    kinds.append(f"model file {MODEL_PARTS[seed % len(MODEL_PARTS)]}")
                for kind in kinds:
                    tally.cli[kind] = tally.cli.get(kind, 0) + 1
                shutil.rmtree(cli_folder)
                cli_folder.mkdir()
                try:
                    outcome = run_cli_case(case, cli_folder, pristine, mode, special, damage, seed)
                    tally.cli[f"cli {outcome}"] = tally.cli.get(f"cli {outcome}", 0) + 1
                except Exception as err:
                    case.cli = {"mode": mode, "special": special, "damage": damage, "seed": seed}
                    record_crash(tally, case, err, out)
                finally:
                    os.environ["GALLEYPROOF_HOME"] = str(home)
            if serve == 0:
                try:
                    outcome = run_server_case(case, server_folder, unfiltered, session, in_place, tally.server)
                    tally.server[f"case {outcome}"] = tally.server.get(f"case {outcome}", 0) + 1
                except Exception as err:
                    case.server = {"in_place": in_place, "requests": session}
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
    if tally.cli:
        print("  CLI cases: " + ", ".join(f"{kind} {count:,}" for kind, count in sorted(tally.cli.items())))
    if tally.server:
        print("  server cases: " + ", ".join(f"{kind} {count:,}" for kind, count in sorted(tally.server.items())))
    for warning, count in tally.warned.items():
        print(f"  warning {count}x: {warning}")
    print(f"output: {out}")
    sys.exit(1 if tally.crashes else 0)


if __name__ == "__main__":
    main()
