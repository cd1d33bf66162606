"""Where galleyproof keeps a user's state: one folder, overridable for tests and CI."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def data_home() -> Path:
    """`$GALLEYPROOF_HOME` if set, else the platform's user data folder; created on demand."""
    home = Path(os.environ.get("GALLEYPROOF_HOME") or user_data_dir("galleyproof", appauthor=False))
    home.mkdir(parents=True, exist_ok=True)
    return home
