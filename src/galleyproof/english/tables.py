"""How the lookups' tables are stored and read: gzipped rows of tab-separated fields, one file
each in `galleyproof/data/`, written by `galleyproof.training.tables` and read once per process."""

from __future__ import annotations

import contextlib
import gzip
import os
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from itertools import groupby
from pathlib import Path
from typing import TypeVar

import numpy as np

from galleyproof.paths import data_home

T = TypeVar("T")

#: What `cached_words` files are named with (`cache_file_named_by`'s `suffix`), and begin with.
WORD_FILE_SUFFIX = ".words"
WORD_FILE_MAGIC = b"galleyproof words 1 "


def cached_words(path: Path | None, words: Callable[[], Iterable[str]]) -> WordArray:
    """The words in the word file at `path` (`WordArray.save`) where one was written; else
    `words()`, written there (through a temporary file) for the next run: the file loads as a
    few arrays, with nothing parsed a word at a time, where building a set of the list's words
    took 5-30 ms a list and 7-11 MiB (start-up time and peak memory, BENCHMARKS.md "Speed,
    seventh round"). A file that cannot be read (none yet, damaged) is written afresh; where
    none can be written (a read-only data folder, or `path` None) the words are worked out
    again next time."""
    if path is not None:
        try:
            return WordArray.load(path)
        except (OSError, ValueError):
            pass
    found = WordArray.of(words())
    if path is not None:
        found.save(path)
        with contextlib.suppress(OSError):  # the plain word file this one replaced, never read again
            path.with_suffix(".txt").unlink(missing_ok=True)
    return found


class WordArray:
    """A fixed set of words held compactly and exactly: their UTF-8 bytes in one numpy array
    per byte length, each sorted, found by binary search (`np.searchsorted`). 80,000 words
    take under 1 MiB, against 8-11 MiB as a `frozenset` of `str`; a lookup costs 2-3 us
    against 0.05, which the rules' few thousand lookups a book do not feel. The answers are a
    set's, byte for byte: no hashing, so no false positives; words with a NUL in them are
    never held nor found (numpy's bytes drop trailing NULs)."""

    def __init__(self, groups: dict[int, np.ndarray]) -> None:
        self._groups = groups

    @classmethod
    def of(cls, words: Iterable[str]) -> WordArray:
        by_length: dict[int, set[bytes]] = {}
        for word in words:
            key = _key(word)
            if key is not None:
                by_length.setdefault(len(key), set()).add(key)
        return cls({n: np.array(sorted(keys), dtype=f"S{n}") for n, keys in sorted(by_length.items())})

    @classmethod
    def load(cls, path: Path) -> WordArray:
        """The words `save` wrote at `path`: one read, and each length's words a view of the
        file's bytes (nothing parsed a word at a time). ValueError for a file that is not such
        a file (another kind, cut short, a length's words unsorted or padded), so a damaged
        file is never searched."""
        data = Path(path).read_bytes()
        head, newline, _ = data[: data.find(b"\n", len(WORD_FILE_MAGIC)) + 1].partition(b"\n")
        if not (newline and head.startswith(WORD_FILE_MAGIC)):
            raise ValueError(f"{path}: not a word file")
        try:
            counts = [tuple(int(x) for x in group.split(b":")) for group in head[len(WORD_FILE_MAGIC):].split()]
        except ValueError:
            raise ValueError(f"{path}: not a word file") from None
        groups, offset = {}, len(head) + 1
        for n, count in counts:
            if not (n > 0 and count > 0 and n not in groups and offset + n * count <= len(data)):
                raise ValueError(f"{path}: not a word file, or cut short")
            array = np.frombuffer(data, dtype=f"S{n}", count=count, offset=offset)
            if not (np.frombuffer(data, np.uint8, n * count, offset)[n - 1 :: n].all() and (array[1:] > array[:-1]).all()):
                raise ValueError(f"{path}: words padded or out of order")
            groups[n] = array
            offset += n * count
        if offset != len(data):
            raise ValueError(f"{path}: not a word file")
        return cls(groups)

    def save(self, path: Path) -> None:
        """Write the words at `path`, through a temporary file, where the folder can be written:
        a line naming each length and its count, then each length's sorted words, unpadded."""
        head = WORD_FILE_MAGIC + b" ".join(b"%d:%d" % (n, len(array)) for n, array in self._groups.items()) + b"\n"
        data = head + b"".join(array.tobytes() for array in self._groups.values())
        write_through_temporary(path, lambda tmp: tmp.write_bytes(data))

    def __contains__(self, word: object) -> bool:
        key = _key(word) if isinstance(word, str) else None
        array = None if key is None else self._groups.get(len(key))
        if array is None:
            return False
        i = int(np.searchsorted(array, key))
        return i < len(array) and array[i] == key

    def among(self, words: Iterable[str]) -> set[str]:
        """The words of `words` held here (a set intersection), searched a length at a time. ASCII
        words (a misspelling's hundreds of edits) are encoded by numpy in one pass; others one
        by one."""
        candidates = [w for w in words if isinstance(w, str) and w and "\0" not in w]
        if not candidates or not self._groups:
            return set()
        try:
            keys = np.array(candidates, dtype=np.str_).astype(np.bytes_)
        except UnicodeEncodeError:  # not all ASCII
            keys = np.array([_key(w) for w in candidates], dtype=np.bytes_)
        lengths = np.char.str_len(keys)
        found = set()
        for n, array in self._groups.items():
            at_length = np.flatnonzero(lengths == n)
            if not len(at_length):
                continue
            wanted = keys[at_length].astype(array.dtype)
            at = np.minimum(np.searchsorted(array, wanted), len(array) - 1)
            found.update(candidates[i] for i in at_length[array[at] == wanted].tolist())
        return found

    def __len__(self) -> int:
        return sum(len(array) for array in self._groups.values())

    def __iter__(self) -> Iterator[str]:
        """Every word, shortest first, each length in byte order."""
        for array in self._groups.values():
            yield from (key.decode("utf-8", "surrogatepass") for key in array.tolist())


def _key(word: str) -> bytes | None:
    """What `WordArray` holds for `word`: its UTF-8 bytes (a lone surrogate kept, so that no
    two strings share a key); None for a word it cannot hold (empty, or with a NUL)."""
    return word.encode("utf-8", "surrogatepass") if word and "\0" not in word else None


def cached_sorted_words(path: Path | None, words: Callable[[], Iterable[str]]) -> SortedWords:
    """As `cached_words`, but the words kept as the file's text, searched by `SortedWords`: a
    long list (hundreds of thousands of words) costs a read, not a set built word by word."""
    if path is not None:
        try:
            return SortedWords(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    # Sorted, then each word once, and joined once: a set of them all beside the list, and a
    # string per word with its newline, held two more copies of a long list (peak memory).
    found = [word for word, _ in groupby(sorted(words()))]
    text = "\n".join(found) + "\n" if found else ""
    if path is not None and found and all(map(_one_word, found)):
        _write_text(path, text)
    return SortedWords(text)


def cached_rows(path: Path | None, width: int, rows: Callable[[], Iterable[tuple[str, ...]]]
                ) -> tuple[tuple[str, ...], ...]:
    """The rows of `width` words each in the file at `path` where one was written; else
    `rows()`, written there (a row a line, its words tab-separated, through a temporary file)
    for the next run: for a table worked out from the lexicon at every start (start-up time).
    A file that cannot be read, or holds a line of another width, is written afresh; where
    none can be written, or a row holds a word with whitespace in it, the rows are worked out
    again next time."""
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
            if lines.pop() == "":
                saved = tuple(tuple(line.split("\t")) for line in lines)
                if all(len(row) == width and all(row) for row in saved):
                    return saved
        except (OSError, ValueError):
            pass
    found = tuple(tuple(row) for row in rows())
    if path is not None and all(len(row) == width and all(map(_one_word, row)) for row in found):
        _write_text(path, "".join("\t".join(row) + "\n" for row in found))
    return found


def _one_word(word: str) -> bool:
    """Whether `word` is one word with no whitespace in or around it: what a saved line holds."""
    parts = word.split()
    return len(parts) == 1 and parts[0] == word


def _write_text(path: Path, text: str) -> None:
    """Write `text` at `path` through a temporary file, where the folder can be written."""
    write_through_temporary(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_through_temporary(path: Path, write: Callable[[Path], object], suffix: str = ".tmp") -> None:
    """`write` a temporary file beside `path` (named by `suffix`, which a writer that adds its
    own, as `np.savez` does ".npz", must end with), then put it in `path`'s place, so a reader
    never meets half a file; where the folder cannot be written, nothing is (a cache file,
    worked out again next time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}{suffix}")
        write(tmp)
        tmp.replace(path)
    except OSError:
        pass


class SortedWords:
    """Sorted words, one a line, kept as one string and found by a binary search over it."""

    def __init__(self, text: str) -> None:
        self._text = text

    def __contains__(self, word: str) -> bool:
        text = self._text
        lo, hi = 0, len(text)  # lo starts a line; every line before lo is below `word`, every one from hi on is not
        while lo < hi:
            mid = (lo + hi) // 2
            start = text.rfind("\n", lo, mid) + 1 or lo
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            if text[start:end] < word:
                lo = end + 1
            else:
                hi = start
        end = text.find("\n", lo)
        return text[lo : len(text) if end < 0 else end] == word


def write_rows(path, rows: Iterable[Iterable[object]]) -> None:
    """Write each row as its fields joined by tabs, one line a row."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.writelines("\t".join(map(str, row)) + "\n" for row in rows)


def read_rows(path) -> Iterator[list[str]]:
    """Each row of a table `write_rows` wrote, as its fields (strings)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


class SortedRows:
    """A table file's rows kept as its lines, sorted, and found by their first fields with a
    binary search. The file is read when it is opened, but decompressed and split only on the
    first lookup, and never parsed into a dict of every row: a check whose text asks nothing
    of a table pays nothing for it, and one that asks a few things pays a few milliseconds,
    where parsing the whole table took 50-70 ms (start-up time, `benchmarks/cold_start.py`).
    Rows are as `read_rows` reads them."""

    #: Lookups remembered (most ask the same few neighbours again); forgotten all at once past this.
    MEMO_SIZE = 100_000

    def __init__(self, data: bytes) -> None:
        self._data: bytes | None = data
        self._lines: list[str] = []
        self._found: dict[str, list[list[str]]] = {}
        self._lock = threading.Lock()

    @classmethod
    def read(cls, path) -> SortedRows:
        """The rows of the gzipped table at `path` (written by `write_rows`)."""
        with open(path, "rb") as fh:
            return cls(fh.read())

    def _sorted_lines(self) -> list[str]:
        with self._lock:
            if self._data is not None:
                text = gzip.decompress(self._data).decode("utf-8")
                if "\r" in text:  # as `read_rows` reads it: universal newlines
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
                lines = text.split("\n")
                if lines[-1] == "":
                    lines.pop()
                lines.sort()
                self._lines, self._data = lines, None
            return self._lines

    def rows(self, *fields: str) -> list[list[str]]:
        """The remaining fields of every row whose first fields are `fields`, in sorted order
        (callers must not change the lists: they are remembered)."""
        prefix = "\t".join(fields) + "\t"
        found = self._found.get(prefix)
        if found is None:
            lines = self._sorted_lines()
            found = []
            i = bisect_left(lines, prefix)
            while i < len(lines) and lines[i].startswith(prefix):
                found.append(lines[i][len(prefix) :].split("\t"))
                i += 1
            if len(self._found) >= self.MEMO_SIZE:
                self._found.clear()
            self._found[prefix] = found
        return found

    def __iter__(self) -> Iterator[list[str]]:
        """Every row, as its fields, in sorted order."""
        return (line.split("\t") for line in self._sorted_lines())


@cache
def shipped_table(file: str, load: Callable[[Path], T], missing: Callable[[], T] | None = None) -> T:
    """The table shipped as `galleyproof/data/<file>`, read by `load` once per process (the
    same object on every call); `missing()` where the file is absent, if given."""
    with resources.as_file(resources.files("galleyproof.data").joinpath(file)) as path:
        if missing is not None and not path.exists():
            return missing()
        return load(path)


def cache_file_named_by(listed: str | os.PathLike | None, name: str, tag: str = "", suffix: str = ".txt") -> Path | None:
    """A file in the user's cache folder for words taken from the packaged file `listed`,
    named `name`, that file's size and time, and `tag` (what was taken), so a new version of the package names a new
    one (its version would cost `importlib.metadata`, 20 ms a start); None where the file
    cannot be read for its size (the words are then parsed every time)."""
    if listed is None:
        return None
    try:
        stat = Path(str(listed)).stat()
    except OSError:
        return None
    return data_home() / "cache" / f"{name}-{stat.st_size}-{stat.st_mtime_ns}{'-' + tag if tag else ''}{suffix}"
