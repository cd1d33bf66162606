"""The arrays of a compressed `.npz` (the model's weights), read from an uncompressed copy in
the user's cache.

Inflating the shipped weights.npz (13.7 MB of float32, which compression shrinks by only 7%)
cost every start 60-100 ms; reading a stored copy costs a fifth of that. The copy holds the
original's members byte for byte, only stored rather than deflated, and is named by the
original's zip directory (each member's name, size and CRC-32), which is read without
inflating anything. Before the copy is used its own directory must list the same members, and
zipfile checks each member against its CRC-32 as numpy reads it: so a copy holds exactly the
original's arrays, or it is ignored and written afresh. Arrays only, never pickles.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import zipfile
from pathlib import Path

import numpy as np

from galleyproof.paths import data_home

_Directory = list[tuple[str, int, int]]


def _directory(archive: zipfile.ZipFile) -> _Directory:
    return sorted((info.filename, info.file_size, info.CRC) for info in archive.infolist())


def content_stamp(path: str | os.PathLike) -> bytes:
    """What identifies the arrays of the `.npz` at `path`: its zip directory (each member's
    name, size and CRC-32), read without reading the arrays; the file's bytes when it is no zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return repr(_directory(archive)).encode()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return Path(path).read_bytes()


def load_arrays(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """Every array of the `.npz` at `path`, by name: from the original when its members are
    stored already, or when the cache cannot hold a copy; else from the copy, made on first use."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            directory = _directory(archive)
            stored = all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return _read(path)  # damaged or missing: numpy says what is wrong, as before the copy
    if stored:
        return _read(path)
    try:
        copy = _copy_path(directory)
    except OSError:  # no data folder to be had
        return _read(path)
    # A copy that fails to read in any way (a flipped byte can make zipfile raise almost
    # anything) is damaged: the original is read and copied afresh.
    with contextlib.suppress(Exception):
        with zipfile.ZipFile(copy) as archive:
            if _directory(archive) == directory:
                return _read(copy)
    if not _write_copy(path, copy):
        return _read(path)
    try:
        return _read(copy)
    except Exception:  # noqa: BLE001 - as above
        return _read(path)


def _copy_path(directory: _Directory) -> Path:
    key = hashlib.blake2b(repr(directory).encode(), digest_size=12).hexdigest()
    return data_home() / "cache" / f"weights-{key}.npz"


def _read(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as npz:
        return {name: npz[name] for name in npz.files}


def _write_copy(original: Path, copy: Path) -> bool:
    """Write the stored copy (whole, then renamed into place) and drop the copies of other
    weights; False when the folder cannot take it. A damaged original raises here, as numpy would."""
    partial = copy.with_name(f"{copy.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with zipfile.ZipFile(original) as source:
            copy.parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as target:
                for info in source.infolist():
                    target.writestr(info.filename, source.read(info))
        os.replace(partial, copy)
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    for old in copy.parent.glob("weights-*.npz"):  # one model is used at a time: keep one copy
        if old != copy:
            with contextlib.suppress(OSError):
                old.unlink()
    return True
