"""Known words near a misspelling: a symmetric-delete (SymSpell) index over the lexicon.

The index costs about half a second to build for the shipped lexicon, so it is built on the first
spelling suggestion a lexicon is asked for, not when a detector loads, and kept per lexicon.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from symspellpy import SymSpell, Verbosity

from galleyproof.english.lexicon import Lexicon, PerLexicon
from galleyproof.paths import data_home
from galleyproof.text.words import normalise

#: Words seen fewer times than this are likelier typos in the corpus than words to offer.
MIN_COUNT = 3
MAX_DISTANCE = 2
# Deletes are indexed on this prefix of each word only: the same answers (any prefix longer
# than MAX_DISTANCE is exact), half the build time of the default 7.
PREFIX_LENGTH = 5
# One- and two-letter words a run-together pair may split into ("a", "I", "of"...).
_SHORT_WORDS = frozenset("a i o".split())
#: Bumped when what a saved index holds changes (2: JSON, not a pickle; 3: SQLite, read a key
#: at a time, the words taken from the lexicon).
INDEX_FORMAT = 3

_INDEXES: PerLexicon[SymSpell] = PerLexicon(lambda lexicon: _saved_index(lexicon))


def build_index(lexicon: Lexicon, max_distance: int = MAX_DISTANCE) -> SymSpell:
    """A SymSpell index of the lexicon's words seen at least `MIN_COUNT` times."""
    return _index_of(_indexed_words(lexicon), max_distance)


def _index_of(words: dict[str, int], max_distance: int = MAX_DISTANCE) -> SymSpell:
    index = SymSpell(max_dictionary_edit_distance=max_distance, prefix_length=PREFIX_LENGTH, count_threshold=MIN_COUNT)
    for word, count in words.items():
        index.create_dictionary_entry(word, count)
    return index


def index_for(lexicon: Lexicon) -> SymSpell:
    """The cached index of `lexicon` (by identity: a lexicon is not changed after loading).
    Threads that ask at once wait for one build rather than each building it; a build is
    saved in the user's data folder, so the next run loads it (a tenth of the time)."""
    return _INDEXES.of(lexicon)


class SavedDeletes(Mapping[str, list[str]]):
    """The index's deletes (`SymSpell._deletes`: a delete of a word's prefix -> the words it
    comes from) in the SQLite file saved for the lexicon, read a key at a time: a lookup
    reads a few dozen rows, so a check that suggests a few words never reads the other
    fifty thousand. Each row is checked against the index's words (which come from the
    lexicon, not the file): a row naming another word means a damaged file, which is then
    rebuilt, and this process goes on with the rebuilt deletes in memory. The file is opened on
    the first lookup and closed by `release` (at the end of each check: `close_files`), so no
    file of the data folder stays open between checks."""

    def __init__(self, path: Path, words: dict[str, int], rebuild: Callable[[], SymSpell]) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._words = words
        self._rebuild = rebuild
        self._read: dict[str, list[str] | None] = {}
        self._lock = threading.Lock()
        self._memory: dict[str, list[str]] | None = None

    def _row(self, key: str) -> list[str] | None:
        if self._memory is None and key in self._read:
            return self._read[key]
        with self._lock:
            if self._memory is not None:
                return self._memory.get(key)
            try:
                if self._connection is None:
                    self._connection = _open_read_only(self._path)
                row = self._connection.execute("SELECT words FROM deletes WHERE key = ?", (key,)).fetchone()
            except (sqlite3.Error, ValueError):
                row = (None,)  # damaged or gone since it was checked: as a row of the wrong shape
            if row is None:
                self._read[key] = None
                return None
            found = row[0].split("\t") if type(row[0]) is str else None
            if found is None or not all(w in self._words for w in found):
                self._memory = self._rebuild()._deletes
                self._close()
                return self._memory.get(key)
            self._read[key] = found
            return found

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def release(self) -> None:
        """Close the file until the next lookup (the rows read are remembered)."""
        with self._lock:
            self._close()

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._row(key) is not None

    def __getitem__(self, key: str) -> list[str]:
        found = self._row(key)
        if found is None:
            raise KeyError(key)
        return found

    def _all(self, query: str) -> list:
        with self._lock:
            connection = _open_read_only(self._path)
            try:
                return connection.execute(query).fetchall()
            finally:
                connection.close()

    def __iter__(self) -> Iterator[str]:
        if self._memory is not None:
            return iter(self._memory)
        return iter([key for (key,) in self._all("SELECT key FROM deletes")])

    def __len__(self) -> int:
        if self._memory is not None:
            return len(self._memory)
        return self._all("SELECT count(*) FROM deletes")[0][0]


def close_files() -> None:
    """Close the saved indexes' files (reopened by their next lookup): what a check opened in
    the data folder is closed when it ends."""
    for _, index in list(_INDEXES.values()):
        if isinstance(index._deletes, SavedDeletes):
            index._deletes.release()


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)


def _indexed_words(lexicon: Lexicon) -> dict[str, int]:
    """The words the index offers, with their counts: what `build_index` puts in it."""
    return {word: count for word, count in lexicon.counts.items() if count >= MIN_COUNT}


def _index_key(lexicon: Lexicon, words: dict[str, int]) -> str:
    """What the index is built from, hashed: the lexicon's file where it was loaded from one
    (hashing its 31,000 indexed words took 10 ms of every start), else the words and counts."""
    h = hashlib.blake2b(digest_size=12)
    if lexicon.stamp is not None:
        h.update(b"lexicon file " + lexicon.stamp)
    else:
        h.update("".join(f"{word}\t{count}\n" for word, count in words.items()).encode())
    h.update(f"{MIN_COUNT} {MAX_DISTANCE} {PREFIX_LENGTH} {INDEX_FORMAT}".encode())
    return h.hexdigest()


def _empty_index() -> SymSpell:
    return SymSpell(max_dictionary_edit_distance=MAX_DISTANCE, prefix_length=PREFIX_LENGTH, count_threshold=MIN_COUNT)


def _load_index(path: os.PathLike, key: str, words: dict[str, int], rebuild: Callable[[], SymSpell]) -> SymSpell | None:
    """The index saved at `path` for `key`, its deletes read on demand, or None if the file is
    missing, damaged or for other words. SQLite rows: a file planted in the cache folder is
    data, never code."""
    try:
        connection = _open_read_only(Path(path))
    except (sqlite3.Error, ValueError, OSError):
        return None
    try:
        meta = dict(connection.execute("SELECT name, value FROM meta").fetchall())
        if meta.get("format") != str(INDEX_FORMAT) or meta.get("key") != key:
            return None
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        connection.close()
    index = _empty_index()
    index._words = words
    index._max_length = max(map(len, words), default=0)
    index._deletes = SavedDeletes(Path(path), words, rebuild)
    return index


def _save_index(path: Path, key: str, index: SymSpell) -> None:
    """Write the index's deletes where `_load_index` reads them (all at once, then renamed into
    place, so a reader never sees half a file); an unwritable folder only costs a rebuild next time."""
    partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        connection = sqlite3.connect(partial)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
            connection.execute("CREATE TABLE deletes (key TEXT PRIMARY KEY, words TEXT) WITHOUT ROWID")
            connection.executemany("INSERT INTO meta VALUES (?, ?)", [("format", str(INDEX_FORMAT)), ("key", key)])
            connection.executemany("INSERT INTO deletes VALUES (?, ?)",
                                   ((delete, "\t".join(words)) for delete, words in index._deletes.items()))
            connection.commit()
        finally:
            connection.close()
        os.replace(partial, path)
        for old in path.parent.glob("spelling-*.json"):  # the format before 3, never read again
            old.unlink(missing_ok=True)
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _saved_index(lexicon: Lexicon) -> SymSpell:
    """The index saved for exactly these words and counts, or one built (and saved, so the
    next process reads it). The folder is the user's own; a damaged or unwritable file only
    costs a rebuild."""
    words = _indexed_words(lexicon)
    key = _index_key(lexicon, words)
    path = data_home() / "cache" / f"spelling-{key}.sqlite"

    def rebuild() -> SymSpell:
        # From the words, not the lexicon: the index (kept while its lexicon lives) must not keep it alive.
        index = _index_of(words)
        _save_index(path, key, index)
        return index

    return _load_index(path, key, words, rebuild) or rebuild()


def near_words(lexicon: Lexicon, word: str, max_distance: int = MAX_DISTANCE) -> list[tuple[str, int, int]]:
    """(word, edit distance, count) of known words within `max_distance` of `word`, lower-cased."""
    key = normalise(word)
    found = index_for(lexicon).lookup(key, Verbosity.ALL, max_edit_distance=max_distance)
    return [(s.term, s.distance, s.count) for s in found if s.term != key]


def splits(lexicon: Lexicon, word: str) -> list[tuple[str, str, float]]:
    """Ways to read a run-together word as two known words ("bythe" -> by, the), with the
    log count of the rarer half: a pair of common words is a likelier reading."""
    key = normalise(word)
    out = []
    for i in range(1, len(key)):
        left, right = key[:i], key[i:]
        if any(len(part) == 1 and part not in _SHORT_WORDS for part in (left, right)):
            continue
        counts = lexicon.count(left), lexicon.count(right)
        if min(counts) >= MIN_COUNT:
            out.append((word[:i], word[i:], math.log(min(counts))))
    return out
