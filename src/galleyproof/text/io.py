"""Reading a writer's file without changing a character, or refusing it clearly."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

#: Largest file `check` accepts. A novel is 0.5 to 2 MB; this leaves room for a saga.
MAX_FILE_BYTES = 128 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be checked; the message names the file and the reason."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True)
class FileStamp:
    """What a file was when it was read: a save compares it with the file as it is now, so an
    edit made meanwhile (in an editor, by a sync tool) is never overwritten unseen."""

    size: int
    mtime_ns: int
    sha256: str


def _utf8_error_reason(data: bytes, err: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, err.start) + 1
    col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
    return (
        f"not valid UTF-8: byte 0x{data[err.start]:02x} at byte offset {err.start} "
        f"(line {line}, byte column {col}); save the file as UTF-8"
    )


def _looks_utf16(data: bytes) -> bool:
    """A UTF-16 byte-order mark, or a NUL in every other byte of the start (ASCII as UTF-16)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = data[:200]
    return len(head) >= 4 and (head[1::2].count(0) > 0.9 * len(head[1::2]) or head[0::2].count(0) > 0.9 * len(head[0::2]))


def decode_text(data: bytes, path: str | os.PathLike = "<input>") -> str:
    """Decode bytes exactly as ``open(path, encoding="utf-8", newline="")`` would.

    A BOM and CRLF stay in the text, so offsets match what an editor shows.
    """
    if _looks_utf16(data):
        raise InputError(path, "UTF-16 text, not UTF-8; save the file as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(path, f"binary data (NUL byte at offset {nul}); not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, _utf8_error_reason(data, err)) from None


def _oserror_reason(err: OSError) -> str:
    if err.errno == errno.ENOENT:
        return "no such file"
    if err.errno == errno.ELOOP:
        return "symbolic link loop (a link that leads back to itself)"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.EISDIR:
        return "is a directory, not a file"
    return f"cannot read: {err.strerror or err}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "not a regular file"


def read_bytes(path: str | os.PathLike, max_bytes: int = MAX_FILE_BYTES) -> tuple[bytes, FileStamp]:
    """A regular file's bytes and stamp, or `InputError`.

    Opened without blocking (a named pipe with no writer would wait for ever), checked with
    `fstat` on the open file (no race with a swap of the name), and read at most `max_bytes`
    plus one byte, so a file that grows, or a device that never ends, cannot fill memory.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise InputError(path, _oserror_reason(err)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, _kind(info.st_mode))
        if info.st_size > max_bytes:
            raise InputError(path, _over_limit(info.st_size, max_bytes))
        chunks, got = [], 0
        while got <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > max_bytes:
            raise InputError(path, _over_limit(got, max_bytes, "at least "))
        data = b"".join(chunks)
    except OSError as err:
        raise InputError(path, _oserror_reason(err)) from None
    finally:
        os.close(fd)
    return data, FileStamp(len(data), info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def _over_limit(size: int, max_bytes: int, at_least: str = "") -> str:
    return f"file is {at_least}{size:,} bytes, over the {max_bytes:,}-byte limit; split it into parts"


def read_stamped(path: str | os.PathLike, max_bytes: int = MAX_FILE_BYTES) -> tuple[str, FileStamp]:
    """`read_text`, with the stamp a later save checks against (`changed_since`)."""
    data, stamp = read_bytes(path, max_bytes)
    return decode_text(data, path), stamp


def read_text(path: str | os.PathLike, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file for checking, raising `InputError` for anything unusable."""
    return read_stamped(path, max_bytes)[0]


def changed_since(path: str | os.PathLike, stamp: FileStamp) -> str | None:
    """How the file at `path` differs from `stamp` (size, modification time, content), or
    None if it is the file that was read."""
    try:
        info = os.stat(path)
    except OSError as err:
        return _oserror_reason(err)
    if info.st_size != stamp.size:
        return f"its size is now {info.st_size:,} bytes, not {stamp.size:,}"
    if info.st_mtime_ns != stamp.mtime_ns:
        return "it was modified"
    try:
        data, _ = read_bytes(path, max(stamp.size, 1))
    except InputError as err:
        return err.reason
    if hashlib.sha256(data).hexdigest() != stamp.sha256:
        return "its content differs"
    return None


def line_start(text: str, offset: int) -> int:
    """Where the line holding `offset` starts: after a LF, or after a lone CR (old Mac files);
    the CR of a CRLF is not a line end of its own."""
    lf = text.rfind("\n", 0, offset)
    cr = text.rfind("\r", 0, offset)
    if cr > lf and text[cr + 1 : cr + 2] != "\n":
        return cr + 1
    return lf + 1


#: Texts longer than this find lines through a `LineIndex` (the last one's kept), not by counting.
INDEXED_CHARS = 20_000


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset: a CRLF, a LF or a lone CR each end a line.
    A long text's lines come from its `LineIndex`, made once for the text last asked of (the
    terminal's report asks several offsets an issue: counting the text before each one took
    0.3 s over a book's issues)."""
    if len(text) > INDEXED_CHARS:
        return _last_index(text).line_col(offset)
    before = text[:offset]
    lone_cr = before.count("\r") - before.count("\r\n") - (before.endswith("\r") and text[offset : offset + 1] == "\n")
    return before.count("\n") + lone_cr + 1, offset - line_start(text, offset) + 1


#: What ends a line for `line_col`: a LF, or a CR that no LF follows.
_LINE_END = re.compile(r"\n|\r(?!\n)")


class LineIndex:
    """`line_col` for many offsets of one text: its line ends found once, each offset's line
    by bisection, where `line_col` counts the text before each offset again (a book's 245
    issues took 0.1 s so)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends = [m.start() for m in _LINE_END.finditer(text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        return bisect_left(self._ends, offset) + 1, offset - line_start(self.text, offset) + 1


@lru_cache(maxsize=1)
def _last_index(text: str) -> LineIndex:
    """The `LineIndex` of the text `line_col` was last asked of (a string keeps its hash, so a
    lookup with the same text costs no more than an identity check)."""
    return LineIndex(text)
