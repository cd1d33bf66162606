"""How the lookups' tables are stored and read: gzipped rows of tab-separated fields, one file
each in `galleyproof/data/`, written by `galleyproof.training.tables` and read once per process."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def write_rows(path, rows: Iterable[Iterable[object]]) -> None:
    """Write each row as its fields joined by tabs, one line a row."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.writelines("\t".join(map(str, row)) + "\n" for row in rows)


def read_rows(path) -> Iterator[list[str]]:
    """Each row of a table `write_rows` wrote, as its fields (strings)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


@cache
def shipped_table(file: str, load: Callable[[Path], T], missing: Callable[[], T] | None = None) -> T:
    """The table shipped as `galleyproof/data/<file>`, read by `load` once per process (the
    same object on every call); `missing()` where the file is absent, if given."""
    with resources.as_file(resources.files("galleyproof.data").joinpath(file)) as path:
        if missing is not None and not path.exists():
            return missing()
        return load(path)
