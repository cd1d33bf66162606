"""Token scores of passages already scored, so re-checking an edited file re-runs only what changed.

An entry is keyed by everything the model reads: the model's own files, the passage text and
the lexicon bucket of each token (which depend on the whole document's word counts). The
forward pass gives a passage the same scores whatever it is batched with, so a cached entry
is exactly what a fresh run would compute. One SQLite file under `data_home()`, kept under a
size bound by dropping the entries used longest ago, in bulk and rarely: down to
`EVICT_TO` of the bound, in the transaction that stores what pushed it over, so the pages
freed take the new rows and the file stays at its size. Stores and marks of use wait in
memory and reach the file in one transaction, so a check of many small files pays for the
file once, not once per file; the bytes stored are counted in a one-row table, not summed on
every store. Freed pages are not overwritten with zeros (`secure_delete=FAST`, where a
system's SQLite zeroes them by default: it wrote 18 MB to drop a tenth of an 80 MB cache) and
go back to the file system only when more than `SHRINK_FREE` of the bound lies free (a
smaller bound than last time). The cache only ever saves time: each
row carries its shape and a checksum, and a row that does not match them is dropped and
scored afresh; a damaged file is deleted and rebuilt; if the file cannot be used at all,
checking goes on without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from galleyproof.paths import data_home

CACHE_FILE = "passage-cache.sqlite3"
#: About 20 novels' worth of token scores.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# Keep the SQL variable count under SQLite's oldest limit (999).
_IN_CHUNK = 500
#: Scores waiting in memory beyond which they are written to the file.
FLUSH_BYTES = 4 * 1024 * 1024
#: What an eviction leaves of the bound: a fifth of it freed at once, so the stores of the
#: next few checks fit without another.
EVICT_TO = 0.8
#: Free pages, as a share of the bound, beyond which the file is shrunk.
SHRINK_FREE = 0.5


def _checksum(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def passage_key(model_digest: bytes, text: str, lex: np.ndarray) -> bytes:
    """What a passage's scores depend on, hashed: model, text, per-token lexicon buckets."""
    h = hashlib.blake2b(model_digest, digest_size=16)
    encoded = text.encode("utf-8", "surrogatepass")
    h.update(len(encoded).to_bytes(8, "little"))
    h.update(encoded)
    h.update(np.asarray(lex, dtype=np.uint8).tobytes())
    return h.digest()


class PassageCache:
    """key -> float32 (tokens, labels) array, in SQLite, least recently used dropped first."""

    def __init__(self, path: str | Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.path = Path(path) if path is not None else data_home() / CACHE_FILE
        self.max_bytes = max_bytes
        self.hits = self.misses = 0
        self.written = 0  # bytes stored by this session
        self.flushes = 0  # transactions that wrote stores or marks of use
        self.evictions = 0  # times entries were dropped to keep under the bound
        self._lock = threading.Lock()  # one connection, shared by the checking threads
        self._pending: dict[bytes, np.ndarray] = {}  # stored, not yet in the file
        self._pending_bytes = 0
        self._used: set[bytes] = set()  # found in the file, use not yet marked there
        self.db: sqlite3.Connection | None = None
        for _ in range(2):
            try:
                self.db = self._open()
                break
            except sqlite3.DatabaseError as err:
                if isinstance(err, sqlite3.OperationalError):
                    break  # unusable (read-only folder, locked): check without it
                self._delete()  # damaged: rebuilt from nothing
            except OSError:
                break

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA auto_vacuum=INCREMENTAL")  # takes effect in a new file: freed pages go back
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA secure_delete=FAST")  # a dropped entry's pages are not rewritten as zeros
            db.execute("DROP TABLE IF EXISTS probs")  # rows of an earlier release, without checksums
            db.execute(
                "CREATE TABLE IF NOT EXISTS scores (key BLOB PRIMARY KEY, used REAL NOT NULL, "
                "tokens INTEGER NOT NULL, labels INTEGER NOT NULL, checksum BLOB NOT NULL, data BLOB NOT NULL)"
            )
            db.execute("CREATE INDEX IF NOT EXISTS scores_used ON scores (used)")
            db.execute("BEGIN IMMEDIATE")
            if db.execute("SELECT name FROM sqlite_master WHERE name = 'meta'").fetchone() is None:
                db.execute("CREATE TABLE meta (id INTEGER PRIMARY KEY CHECK (id = 0), total INTEGER NOT NULL)")
                db.execute("INSERT INTO meta VALUES (0, (SELECT COALESCE(SUM(length(data)), 0) FROM scores))")
            self.db = db
            self._evict()  # a smaller bound than last time: shrink now
            db.execute("COMMIT")
            self._shrink_if_mostly_free()
        except BaseException:
            db.close()
            self.db = None
            raise
        return db

    def _delete(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(f"{self.path}{suffix}")

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, np.ndarray]:
        """The cached arrays among `keys`; marks them used (in the file at the next flush)."""
        keys = list(dict.fromkeys(keys))
        found: dict[bytes, np.ndarray] = {}
        bad: list[tuple[bytes]] = []
        with self._lock:
            if self.db is None or not keys:
                return found
            for key in keys:
                if key in self._pending:
                    found[key] = self._pending[key].copy()
            rest = [k for k in keys if k not in found]
            try:
                for i in range(0, len(rest), _IN_CHUNK):
                    part = rest[i : i + _IN_CHUNK]
                    marks = ",".join("?" * len(part))
                    for key, tokens, labels, checksum, data in self.db.execute(
                        f"SELECT key, tokens, labels, checksum, data FROM scores WHERE key IN ({marks})", part
                    ):
                        if (isinstance(data, bytes) and tokens > 0 and labels > 0
                                and len(data) == tokens * labels * 4 and _checksum(data) == checksum):
                            found[key] = np.frombuffer(data, dtype=np.float32).reshape(tokens, labels).copy()
                            self._used.add(key)
                        else:
                            bad.append((key,))
                if bad:  # scored afresh, stored again
                    self.db.execute("BEGIN IMMEDIATE")
                    self.db.executemany("DELETE FROM scores WHERE key = ?", bad)
                    self.db.execute("UPDATE meta SET total = (SELECT COALESCE(SUM(length(data)), 0) FROM scores)")
                    self.db.execute("COMMIT")
            except sqlite3.Error as err:
                self._give_up(err)
                return {}
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, items: dict[bytes, np.ndarray]) -> None:
        """Store arrays (in the file at the next flush, the least recently used entries
        beyond the size bound dropped then).

        A session stops storing once it has stored the bound's worth: the scores of a file
        bigger than the cache would only push one another out.
        """
        with self._lock:
            size = sum(a.size * 4 for a in items.values())
            if self.db is None or not items or self.written + size > self.max_bytes:
                return
            self.written += size
            for key, a in items.items():
                a = np.ascontiguousarray(a, dtype=np.float32)
                old = self._pending.get(key)
                self._pending_bytes += a.nbytes - (old.nbytes if old is not None else 0)
                self._pending[key] = a.copy()
            if self._pending_bytes >= FLUSH_BYTES:
                self._flush()

    def flush(self) -> None:
        """Write what waits in memory to the file now."""
        with self._lock:
            self._flush()

    def _flush(self) -> None:
        if self.db is None or not (self._pending or self._used):
            return
        now = time.time()
        rows = []
        for k, a in self._pending.items():
            data = a.tobytes()
            rows.append((k, now, a.shape[0], a.shape[1], _checksum(data), data))
        used = [(now, k) for k in self._used if k not in self._pending]
        self._pending, self._pending_bytes, self._used = {}, 0, set()
        try:
            self.db.execute("BEGIN IMMEDIATE")
            if used:
                self.db.executemany("UPDATE scores SET used = ? WHERE key = ?", used)
            if rows:
                # Room made first (entries just marked used are the newest, so they stay), so the
                # rows below go into the pages freed.
                self._evict(incoming=sum(len(row[5]) for row in rows))
                # The same key always holds the same scores: one already there stays, uncounted.
                added = 0
                for row in rows:
                    if self.db.execute("INSERT OR IGNORE INTO scores VALUES (?, ?, ?, ?, ?, ?)", row).rowcount:
                        added += len(row[5])
                    else:
                        self.db.execute("UPDATE scores SET used = ? WHERE key = ?", (now, row[0]))
                self.db.execute("UPDATE meta SET total = total + ?", (added,))
            self.db.execute("COMMIT")
            self.flushes += 1
        except sqlite3.Error as err:
            self._give_up(err)

    def _evict(self, incoming: int = 0) -> None:
        """If the file's entries and `incoming` bytes about to be stored would pass the bound,
        drop the entries used longest ago until they fill `EVICT_TO` of it."""
        total = self.db.execute("SELECT total FROM meta").fetchone()[0]
        if total + incoming <= self.max_bytes:
            return
        # Counted exactly before dropping anything: the count may lag behind the file if
        # something else wrote to it.
        total = self.db.execute("SELECT COALESCE(SUM(length(data)), 0) FROM scores").fetchone()[0]
        if total + incoming > self.max_bytes:
            freed = 0
            excess = total + incoming - int(self.max_bytes * EVICT_TO)
            doomed = []
            oldest_first = self.db.execute("SELECT rowid, length(data) FROM scores ORDER BY used")
            for rowid, size in oldest_first:
                if freed >= excess:
                    break
                doomed.append((rowid,))
                freed += size
            oldest_first.close()  # read no further, and not while its rows are deleted
            self.db.executemany("DELETE FROM scores WHERE rowid = ?", doomed)
            total -= freed
            self.evictions += 1
        self.db.execute("UPDATE meta SET total = ?", (total,))

    def _shrink_if_mostly_free(self) -> None:
        """Give free pages back to the file system when more than `SHRINK_FREE` of the bound lies
        free (a smaller bound than last time); fewer are left for the next stores to fill.
        (`executescript`: the pragma frees one page per step, and only a script runs it to the end.)"""
        free_pages = self.db.execute("PRAGMA freelist_count").fetchone()[0]
        page_size = self.db.execute("PRAGMA page_size").fetchone()[0]
        if free_pages * page_size > self.max_bytes * SHRINK_FREE:
            self.db.executescript("PRAGMA incremental_vacuum;")

    def _give_up(self, err: sqlite3.Error) -> None:
        """Stop using a database that failed mid-way; the check goes on without a cache, and a
        damaged file (not merely a busy one) is deleted so the next run builds a new one."""
        try:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            self.db.close()
        except sqlite3.Error:
            pass
        self.db = None
        if isinstance(err, sqlite3.DatabaseError) and not isinstance(err, sqlite3.OperationalError):
            self._delete()

    def size_bytes(self) -> int:
        """Bytes of scores stored in the file (what waits in memory not counted)."""
        with self._lock:
            if self.db is None:
                return 0
            return self.db.execute("SELECT COALESCE(SUM(length(data)), 0) FROM scores").fetchone()[0]

    def close(self) -> None:
        """Flush, then close the file."""
        with self._lock:
            self._flush()
            if self.db is not None:
                self.db.close()
                self.db = None

    def __enter__(self) -> PassageCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
