"""Applying suggestions to a writer's file: chosen edits, original offsets, atomic writes.

Only the edited spans change: the text was decoded losslessly (BOM and CRLF kept), so
encoding it back gives the original bytes everywhere else.
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from galleyproof.issues import Issue
from galleyproof.suggest.safe import SafeFixes
from galleyproof.text.io import FileStamp, changed_since


class FixError(Exception):
    """A fix that must not be written (it would overwrite a backup, or a file changed meanwhile)."""


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


def auto_edits(text: str, issues: list[Issue], min_score: float, safe: SafeFixes | None = None) -> list[Edit]:
    """The top suggestion of each sure enough issue, overlaps resolved by `non_overlapping`.

    With `safe` (`suggest.safe`), only where the issue's rule was measured right often enough
    at its score: what --fix applies unasked."""
    sure = [
        i
        for i in issues
        if i.suggestions and i.score >= min_score and i.suggestions[0] != text[i.start : i.end]
        and (safe is None or (safe.safe(i) and not closes_sentence_spacing(text[i.start : i.end], i.suggestions[0])))
    ]
    return [Edit(i, i.suggestions[0]) for i in non_overlapping(sure)]


_SENTENCE_GAP = re.compile(r"[.!?][\"'”’)\]_]*( {2,})\S")


def closes_sentence_spacing(span: str, fix: str) -> bool:
    """Whether the fix only closes up two spaces after a sentence ("event.  By" -> "event. By"):
    a typist's convention, which a writer keeps or drops on purpose; never changed unasked."""
    m = _SENTENCE_GAP.search(span)
    return m is not None and span[: m.start(1)] + " " + span[m.end(1) :] == fix


def unified_diff(path: str, text: str, edits: list[Edit]) -> str:
    """What `edits` would change in `text`, as a unified diff of `path` (empty if nothing)."""
    fixed = apply_edits(text, edits)
    if fixed == text:
        return ""
    lines = difflib.unified_diff(text.splitlines(keepends=True), fixed.splitlines(keepends=True),
                                 path, f"{path} (fixed)")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                   for line in lines)


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


def ensure_unchanged(path: Path, stamp: FileStamp | None) -> None:
    """Refuse to write from a text the file no longer holds: an edit made while the check ran
    (size, modification time or content changed) would be lost."""
    why = None if stamp is None else changed_since(path, stamp)
    if why is not None:
        raise FixError(f"{path} changed while it was being checked ({why}); nothing written: check it again")


def set_aside(path: Path) -> Path | None:
    """Rename an existing `path` to the first free `path.~N~` (as `cp --backup=numbered`
    does) so a new file can take its name; None if there was nothing there."""
    if not os.path.lexists(path):
        return None
    n = 1
    while os.path.lexists(aside := path.with_name(f"{path.name}.~{n}~")):
        n += 1
    os.rename(path, aside)
    return aside


def write_copy(target: Path, data: bytes, like: Path | None = None, ours: FileStamp | None = None) -> Path | None:
    """Write a new file (a `FILE.fixed.txt`) over whatever holds its name, setting the earlier
    file aside first unless it is the same bytes or what we wrote there last (`ours`, its
    stamp, still unchanged). Returns where an earlier file was set aside."""
    aside = None
    if os.path.lexists(target) and (ours is None or changed_since(target, ours) is not None):
        try:
            same = Path(target).read_bytes() == data
        except OSError:
            same = False
        if not same:
            aside = set_aside(target)
    atomic_write(target, data, like=like)
    return aside


def replace_file(target: Path, data: bytes) -> None:
    """Replace a file's content. Atomically (a renamed temporary file) unless other names link
    to it: then written through, as editors do, so every hard link sees the new text; the
    caller has already saved a backup."""
    info = os.stat(target)
    if info.st_nlink <= 1:
        atomic_write(target, data)
        return
    with open(target, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


@dataclass(frozen=True)
class Written:
    """Where a fix went, and where an earlier file of the same name was set aside."""

    target: Path
    set_aside: Path | None = None


def write_fixed(
    path: Path,
    text: str,
    edits: list[Edit],
    *,
    in_place: bool = False,
    force: bool = False,
    stamp: FileStamp | None = None,
) -> Written:
    """Write `text` with `edits` applied.

    Beside the original as `fixed_path(path)` (an earlier one set aside as `.~N~`), or with
    `in_place` over the original (through a symlink to its target, and through hard links)
    after writing the original bytes to `backup_path(path)`; an in-place fix with no edits
    writes nothing. With `stamp` (from `read_stamped`), a file changed since it was read is
    refused (`FixError`) before anything is written.
    """
    fixed = apply_edits(text, edits).encode("utf-8")
    ensure_unchanged(path, stamp)
    if not in_place:
        target = fixed_path(path)
        return Written(target, write_copy(target, fixed, like=path))
    ensure_backup_free(path, force)
    target = Path(os.path.realpath(path))
    if not edits:
        return Written(target)
    atomic_write(backup_path(path), text.encode("utf-8"), like=target)
    ensure_unchanged(path, stamp)  # once more, just before the original is replaced
    replace_file(target, fixed)
    return Written(target)
