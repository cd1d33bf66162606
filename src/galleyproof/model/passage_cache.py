"""Token scores of passages already scored, so re-checking an edited file re-runs only what changed.

An entry is keyed by everything the model reads: the model's own files, the passage text and
the lexicon bucket of each token (which depend on the whole document's word counts). The
forward pass gives a passage the same scores whatever it is batched with, so a cached entry
is exactly what a fresh run would compute. One SQLite file under `data_home()`, kept under a
size bound by dropping the entries used longest ago, in bulk and rarely. The cache only ever saves time: if the
file cannot be used, checking goes on without it.
"""

from __future__ import annotations

import hashlib
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


def passage_key(model_digest: bytes, text: str, lex: np.ndarray) -> bytes:
    """What a passage's scores depend on, hashed: model, text, per-token lexicon buckets."""
    h = hashlib.blake2b(model_digest, digest_size=16)
    encoded = text.encode("utf-8", "surrogatepass")
    h.update(len(encoded).to_bytes(8, "little"))
    h.update(encoded)
    h.update(np.asarray(lex, dtype=np.uint8).tobytes())
    return h.digest()


class PassageCache:
    """key -> float32 (tokens, labels) array, in SQLite, least recently used dropped first.

    Stores and the marks of use wait in memory and go to the file together, in one
    transaction, once `FLUSH_BYTES` of scores are waiting and when the cache is closed: a
    thousand small files checked in one call make a few transactions, not a thousand. The
    bytes stored are counted in the file itself (table `meta`, kept in the same transaction
    as the entries), so staying under the bound never scans the table; eviction runs only
    when a flush takes the total over the bound, and then drops a tenth of it in one go.
    """

    def __init__(self, path: str | Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.path = Path(path) if path is not None else data_home() / CACHE_FILE
        self.max_bytes = max_bytes
        self.hits = self.misses = 0
        self.written = 0  # bytes stored by this session
        self.flushes = 0  # transactions that wrote stores or marks of use
        self._lock = threading.Lock()  # one connection, shared by the checking threads
        self._pending: dict[bytes, np.ndarray] = {}  # stored, not yet in the file
        self._pending_bytes = 0
        self._used: set[bytes] = set()  # found in the file, use not yet marked there
        self.db: sqlite3.Connection | None = None
        try:
            db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS probs (key BLOB PRIMARY KEY, used REAL NOT NULL, "
                "labels INTEGER NOT NULL, data BLOB NOT NULL)"
            )
            db.execute("CREATE INDEX IF NOT EXISTS probs_used ON probs (used)")
            if db.execute("SELECT name FROM sqlite_master WHERE name = 'meta'").fetchone() is None:
                # A cache from before the count was kept: count it once.
                db.execute("BEGIN IMMEDIATE")
                db.execute("CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 0), "
                           "total INTEGER NOT NULL)")
                db.execute("INSERT OR REPLACE INTO meta VALUES (0, (SELECT COALESCE(SUM(length(data)), 0) "
                           "FROM probs))")
                db.execute("COMMIT")
            self.db = db
        except sqlite3.Error:
            self.db = None  # unusable (read-only folder, damaged file): check without it

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, np.ndarray]:
        """The cached arrays among `keys`; marks them used (in the file at the next flush)."""
        keys = list(dict.fromkeys(keys))
        found: dict[bytes, np.ndarray] = {}
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
                    for key, labels, data in self.db.execute(
                        f"SELECT key, labels, data FROM probs WHERE key IN ({marks})", part
                    ):
                        found[key] = np.frombuffer(data, dtype=np.float32).reshape(-1, labels).copy()
                        self._used.add(key)
            except sqlite3.Error:
                self._give_up()
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
        rows = [(k, now, a.shape[1], a.tobytes()) for k, a in self._pending.items()]
        used = [(now, k) for k in self._used if k not in self._pending]
        self._pending, self._pending_bytes, self._used = {}, 0, set()
        try:
            self.db.execute("BEGIN IMMEDIATE")
            if used:
                self.db.executemany("UPDATE probs SET used = ? WHERE key = ?", used)
            if rows:
                # The same key always holds the same scores: one already there stays, uncounted.
                added = 0
                for row in rows:
                    if self.db.execute("INSERT OR IGNORE INTO probs VALUES (?, ?, ?, ?)", row).rowcount:
                        added += len(row[3])
                    else:
                        self.db.execute("UPDATE probs SET used = ? WHERE key = ?", (now, row[0]))
                self.db.execute("UPDATE meta SET total = total + ?", (added,))
                self._evict()
            self.db.execute("COMMIT")
            self.flushes += 1
        except sqlite3.Error:
            self._give_up()

    def _evict(self) -> None:
        total = self.db.execute("SELECT total FROM meta").fetchone()[0]
        if total <= self.max_bytes:
            return
        # Counted exactly before dropping anything: the count may lag behind the file if
        # something else wrote to it.
        total = self.db.execute("SELECT COALESCE(SUM(length(data)), 0) FROM probs").fetchone()[0]
        if total > self.max_bytes:
            excess = total - self.max_bytes * 9 // 10  # a margin, so the next flushes do not evict again
            doomed, freed = [], 0
            for key, size in self.db.execute("SELECT key, length(data) FROM probs ORDER BY used"):
                if freed >= excess:
                    break
                doomed.append((key,))
                freed += size
            self.db.executemany("DELETE FROM probs WHERE key = ?", doomed)
            total -= freed
        self.db.execute("UPDATE meta SET total = ?", (total,))

    def _give_up(self) -> None:
        """Stop using a database that failed mid-way; the check goes on without a cache."""
        try:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        self.db = None

    def size_bytes(self) -> int:
        """Bytes of scores stored in the file (what waits in memory not counted)."""
        with self._lock:
            if self.db is None:
                return 0
            return self.db.execute("SELECT COALESCE(SUM(length(data)), 0) FROM probs").fetchone()[0]

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
