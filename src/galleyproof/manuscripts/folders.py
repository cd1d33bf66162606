"""Whole manuscripts: the files of a folder that a reader knows, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from galleyproof.manuscripts import format_of

#: What `--fix` and the editors leave beside a chapter: never a chapter itself.
_OWN_OUTPUTS = (".fixed.", ".bak", "~")


def manuscript_files(folder: Path, excluded: Callable[[Path], bool] = lambda p: False) -> list[Path]:
    """Every file under `folder` in a format a reader knows, sorted by path; hidden files and
    folders, `--fix` output, Office lock files (`~$draft.docx`) and what `excluded` says
    are left out."""
    return sorted(_found(folder, excluded), key=lambda p: p.parts)


def _found(folder: Path, excluded: Callable[[Path], bool]) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(Path(root, d, "_")))
        for name in sorted(names):
            path = Path(root, name)
            if name.startswith((".", "~$")) or any(mark in name for mark in _OWN_OUTPUTS):
                continue
            if format_of(path) is not None and not excluded(path):
                yield path
