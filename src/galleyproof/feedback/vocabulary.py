"""A manuscript's own words: how many of the files of its folder write each.

A dialect spelling (`bekase`, `yuther`) is often used once in a chapter and again in
others; the text checked alone cannot tell it from a typo, the whole manuscript can. The
counts are kept per file by its size and modification time, so checking chapter after
chapter reads each file once.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from galleyproof.manuscripts import read
from galleyproof.manuscripts.folders import manuscript_files
from galleyproof.text.io import InputError
from galleyproof.text.words import document_counts

#: Files larger than this are not a chapter: left out (a folder of exports, a dump).
MAX_FILE_BYTES = 20_000_000
#: A folder with more manuscript files than this is not one manuscript: no vocabulary.
MAX_FILES = 500

_counted: dict[str, tuple[tuple[int, int], Counter[str]]] = {}


def _file_counts(path: Path) -> Counter[str]:
    try:
        st = path.stat()
    except OSError:
        return Counter()
    stamp = (st.st_size, st.st_mtime_ns)
    known = _counted.get(str(path))
    if known is not None and known[0] == stamp:
        return known[1]
    counts: Counter[str] = Counter()
    if st.st_size <= MAX_FILE_BYTES:
        try:
            counts = document_counts(read(path).prose)
        except (InputError, OSError, ValueError):
            counts = Counter()  # an unreadable chapter says nothing about the words of the rest
    _counted[str(path)] = (stamp, counts)
    return counts


def manuscript_vocabulary(scope: str | None) -> Counter[str]:
    """How many of the manuscript files of the folder `scope` (`feedback.store.scope_of`) write
    each word; empty when the scope is one file, or not a folder one can read. Files, not
    occurrences: the text checked is often one of them, and a word it alone writes, however
    often, is not written elsewhere."""
    if not scope:
        return Counter()
    folder = Path(scope)
    if not folder.is_dir():
        return Counter()
    try:
        files = manuscript_files(folder)
    except OSError:
        return Counter()
    if len(files) > MAX_FILES:
        return Counter()
    total: Counter[str] = Counter()
    for path in files:
        total.update(_file_counts(path).keys())
    return total
