"""How the lookups' count tables are stored: gzipped rows of tab-separated fields, one file
each in `galleyproof/data/`, written by the module's `main` and read once per process."""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator


def write_rows(path, rows: Iterable[Iterable[object]]) -> None:
    """Write each row as its fields joined by tabs, one line a row."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.writelines("\t".join(map(str, row)) + "\n" for row in rows)


def read_rows(path) -> Iterator[list[str]]:
    """Each row of a table `write_rows` wrote, as its fields (strings)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")
