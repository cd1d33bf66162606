"""Where galleyproof keeps a user's state: one folder, overridable for tests and CI."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from platformdirs import user_data_dir


def data_home() -> Path:
    """`$GALLEYPROOF_HOME` if set, else the platform's user data folder; created on demand."""
    home = Path(os.environ.get("GALLEYPROOF_HOME") or user_data_dir("galleyproof", appauthor=False))
    home.mkdir(parents=True, exist_ok=True)
    return home


def unwritable(folder: Path | None = None) -> str | None:
    """Why `folder` (the data folder by default) cannot be written to ("Read-only file system",
    "Permission denied"), or None when it can: found by making and removing a file there, as
    permission bits say nothing for root or a read-only mount."""
    folder = folder or data_home()
    try:
        fd, name = tempfile.mkstemp(prefix=".write-test-", dir=folder)
    except OSError as err:
        return err.strerror or str(err)
    os.close(fd)
    os.unlink(name)
    return None
