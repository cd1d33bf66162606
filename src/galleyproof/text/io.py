"""Reading a writer's file without changing a character, or refusing it clearly."""

from __future__ import annotations

import os
from pathlib import Path

#: Largest file `check` accepts. A novel is 0.5 to 2 MB; this leaves room for a saga.
MAX_FILE_BYTES = 128 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be checked; the message names the file and the reason."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def _utf8_error_reason(data: bytes, err: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, err.start) + 1
    col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
    return (
        f"not valid UTF-8: byte 0x{data[err.start]:02x} at byte offset {err.start} "
        f"(line {line}, byte column {col}); save the file as UTF-8"
    )


def decode_text(data: bytes, path: str | os.PathLike = "<input>") -> str:
    """Decode bytes exactly as ``open(path, encoding="utf-8", newline="")`` would.

    A BOM and CRLF stay in the text, so offsets match what an editor shows.
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(path, f"binary data (NUL byte at offset {nul}); not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, _utf8_error_reason(data, err)) from None


def read_text(path: str | os.PathLike, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file for checking, raising `InputError` for anything unusable."""
    return decode_text(read_bytes(path, max_bytes), path)


def read_bytes(path: str | os.PathLike, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes for checking, raising `InputError` for a file that cannot be read."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file")
    if p.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                path, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; split it into parts"
            )
        data = p.read_bytes()
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from None
    return data


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (a CRLF counts as one line break)."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
