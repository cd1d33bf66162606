"""What the benchmark scripts share: wall time, CPU time and peak RSS of a child process, and
`galleyproof check --format json` run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass
class Measurement:
    wall_s: float
    peak_mib: float
    returncode: int
    stdout: bytes
    cpu_s: float = 0.0  # user + system CPU of the child: far less disturbed by a busy machine than wall


def measure(cmd: list[str], env: dict | None = None) -> Measurement:
    """Run `cmd` and read its own peak RSS from wait4 (not the max over all children so far)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = b""
    assert proc.stdout is not None
    for chunk in iter(lambda: proc.stdout.read(1 << 16), b""):
        out += chunk
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measurement(wall, usage.ru_maxrss / 1024, proc.returncode, out, usage.ru_utime + usage.ru_stime)


def galleyproof_json(files: list, env: dict | None = None, *options: str) -> list[dict]:
    """`galleyproof check --format json OPTIONS FILES` in a child process: one entry per file
    (`{"file", "format", "error", "issues"}`); a bad exit stops the benchmark with check's own message."""
    cmd = [sys.executable, "-m", "galleyproof", "check", "--format", "json", *options, *map(str, files)]
    out = subprocess.run(cmd, capture_output=True, env=env, check=False)
    if out.returncode not in (0, 1):
        sys.exit(f"galleyproof check failed: {out.stderr.decode()[-2000:]}")
    return json.loads(out.stdout)["files"]


#: Source for a child process (`python -c`): `wrap_target("module:Class.attr", wrap)` puts
#: `wrap(function)` in the function's place, a classmethod kept one; False where the module or
#: the name is missing (an older tree). Shared by the stage-timing probes of `cold_start.py`
#: and `profile_book.py`, which run it inside the timed process.
WRAP_TARGET = r'''
import importlib
def wrap_target(target, wrap):
    module, _, path = target.partition(":")
    try:
        owner = importlib.import_module(module)
    except ImportError:
        return False
    *outer, attr = path.split(".")
    for part in outer:
        owner = getattr(owner, part, None)
    if owner is None or not hasattr(owner, attr):
        return False
    raw = owner.__dict__.get(attr) if isinstance(owner, type) else None
    if isinstance(raw, classmethod):
        setattr(owner, attr, classmethod(wrap(raw.__func__)))
    else:
        setattr(owner, attr, wrap(getattr(owner, attr)))
    return True
'''
