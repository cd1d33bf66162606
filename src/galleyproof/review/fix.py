"""Applying suggestions to a writer's file: chosen edits, original offsets, atomic writes.

Only the edited spans change: the text was decoded losslessly (BOM and CRLF kept), so
encoding it back gives the original bytes everywhere else.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from galleyproof.issues import Issue


class FixError(Exception):
    """A fix that must not be written (it would overwrite a backup)."""


@dataclass(frozen=True)
class Edit:
    """Replace the issue's span with `replacement`."""

    issue: Issue
    replacement: str


def overlaps(a: Issue, b: Issue) -> bool:
    return a.start < b.end and b.start < a.end


def non_overlapping(issues: list[Issue]) -> list[Issue]:
    """A set of issues no two of which overlap, in text order; a contested stretch goes to the
    higher score (then the earlier span), so one doubtful issue cannot block a sure one."""
    starts: list[int] = []
    kept: list[Issue] = []
    for issue in sorted(issues, key=lambda i: (-i.score, i.start, i.end)):
        k = bisect.bisect_left(starts, issue.start)
        if (k and kept[k - 1].end > issue.start) or (k < len(kept) and kept[k].start < issue.end):
            continue
        starts.insert(k, issue.start)
        kept.insert(k, issue)
    return kept


def auto_edits(text: str, issues: list[Issue], min_score: float) -> list[Edit]:
    """The top suggestion of each sure enough issue, overlaps resolved by `non_overlapping`."""
    sure = [
        i
        for i in issues
        if i.suggestions and i.score >= min_score and i.suggestions[0] != text[i.start : i.end]
    ]
    return [Edit(i, i.suggestions[0]) for i in non_overlapping(sure)]


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with each edit's span replaced; every edit's offsets index the original `text`.

    The same result as replacing right to left, built in one pass so a novel with
    thousands of fixes is not copied once per fix.
    """
    pieces = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.issue.start):
        if e.issue.start < pos:
            raise ValueError(f"overlapping edits at offset {e.issue.start}")
        pieces += [text[pos : e.issue.start], e.replacement]
        pos = e.issue.end
    pieces.append(text[pos:])
    return "".join(pieces)


def fixed_path(path: Path) -> Path:
    """`draft.txt` → `draft.fixed.txt`, beside the original."""
    return path.with_name(f"{path.stem}.fixed{path.suffix or '.txt'}")


def backup_path(path: Path) -> Path:
    """`draft.txt` → `draft.txt.bak`, beside the original."""
    return path.with_name(path.name + ".bak")


def _mode_for(path: Path, like: Path | None) -> int:
    """Keep the permissions of the file replaced (or of `like`), else what umask gives."""
    for p in (path, like):
        if p is not None:
            with contextlib.suppress(FileNotFoundError):
                return stat.S_IMODE(os.stat(p).st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, data: bytes, like: Path | None = None) -> None:
    """Write `data` to `path` so readers see the old file or the new one, never half of one:
    a temporary file in the same folder, synced, then renamed over `path`."""
    path = Path(path)
    mode = _mode_for(path, like)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # make the rename itself survive a crash
    finally:
        os.close(folder)


def ensure_backup_free(path: Path, force: bool) -> None:
    """Refuse an in-place fix that would overwrite an earlier backup, unless forced."""
    backup = backup_path(path)
    if os.path.lexists(backup) and not force:
        raise FixError(f"{path}: backup {backup} already exists; move it away or pass --force")


def write_fixed(path: Path, text: str, edits: list[Edit], *, in_place: bool = False, force: bool = False) -> Path:
    """Write `text` with `edits` applied and return where it went.

    Beside the original as `fixed_path(path)`, or with `in_place` over the original (through
    a symlink to its target) after writing the original bytes to `backup_path(path)`; an
    in-place fix with no edits writes nothing.
    """
    fixed = apply_edits(text, edits).encode("utf-8")
    if not in_place:
        target = fixed_path(path)
        atomic_write(target, fixed, like=path)
        return target
    ensure_backup_free(path, force)
    target = Path(os.path.realpath(path))
    if not edits:
        return target
    atomic_write(backup_path(path), text.encode("utf-8"), like=target)
    atomic_write(target, fixed)
    return target
