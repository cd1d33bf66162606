"""Timing helpers shared by the benchmark scripts: wall time and peak RSS of a child process."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass


@dataclass
class Measurement:
    wall_s: float
    peak_mib: float
    returncode: int
    stdout: bytes


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
    return Measurement(wall, usage.ru_maxrss / 1024, proc.returncode, out)
