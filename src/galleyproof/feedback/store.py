"""The writer's decisions, dictionary and model history in one SQLite file under `data_home()`.

WAL mode and a busy timeout let a `check` read while the fixer writes, and two writers
queue instead of failing. The schema grows only by appending to `MIGRATIONS`: a database
made by any earlier release is brought forward, in order, the first time it is opened,
after a copy is taken (`FILE.vN.bak`).

The file holds manuscript paragraphs, so it is made readable by its owner only (0600). It is
checked (`PRAGMA quick_check`) each time it is opened; a damaged one is moved aside, never
written to, and `StoreError` says where it went and how to get decisions back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from galleyproof.issues import CATEGORIES, Issue
from galleyproof.paths import data_home, unwritable
from galleyproof.text.paragraphs import passages
from galleyproof.text.words import normalise

DB_FILE = "galleyproof.sqlite3"
VERDICTS = ("accepted", "rejected", "edited")
CONTEXT_CHARS = 100
BUSY_TIMEOUT_S = 60.0


def _v1(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            created REAL NOT NULL,
            document_path TEXT NOT NULL,
            document_sha256 TEXT NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            span TEXT NOT NULL,
            context_before TEXT NOT NULL,
            context_after TEXT NOT NULL,
            category TEXT NOT NULL,
            verdict TEXT NOT NULL,
            replacement TEXT,
            model_version TEXT NOT NULL
        )"""
    )
    db.execute("CREATE TABLE dictionary (word TEXT PRIMARY KEY, spelling TEXT NOT NULL, added REAL NOT NULL)")


def _v2(db: sqlite3.Connection) -> None:
    """The paragraph a decision sits in (what `learn` trains on), a content id that makes
    import idempotent, and the model-version history behind `model use` / `rollback`."""
    db.execute("ALTER TABLE decisions ADD COLUMN paragraph TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE decisions ADD COLUMN paragraph_start INTEGER NOT NULL DEFAULT -1")
    db.execute("ALTER TABLE decisions ADD COLUMN paragraph_end INTEGER NOT NULL DEFAULT -1")
    db.execute("ALTER TABLE decisions ADD COLUMN uid TEXT")
    rows = db.execute("SELECT * FROM decisions").fetchall()
    for row in rows:
        db.execute("UPDATE decisions SET uid = ? WHERE id = ?", (Decision.from_row(row).content_uid(), row["id"]))
    db.execute("CREATE UNIQUE INDEX decisions_uid ON decisions (uid)")
    db.execute("CREATE INDEX decisions_span ON decisions (span, category)")
    db.execute(
        """CREATE TABLE model_history (
            id INTEGER PRIMARY KEY,
            version TEXT NOT NULL,
            activated REAL NOT NULL,
            rolled_back REAL
        )"""
    )


def _v3(db: sqlite3.Connection) -> None:
    """The flag's score: how sure the detector was, so a rejection can speak for flags of the
    same kind that are no surer (NULL for decisions recorded before)."""
    db.execute("ALTER TABLE decisions ADD COLUMN score REAL")


def _v4(db: sqlite3.Connection) -> None:
    """The manuscript a decision speaks for (`scope_of`; NULL: every manuscript). Decisions
    recorded before spoke for every manuscript by accident; they now speak for their file."""
    db.execute("ALTER TABLE decisions ADD COLUMN scope TEXT")
    db.execute("UPDATE decisions SET scope = document_path")
    db.execute("CREATE INDEX decisions_scope ON decisions (scope)")


#: Schema version i + 1 is reached by MIGRATIONS[i]. Append only; never edit a shipped one.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3, _v4)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class Decision:
    """One verdict on one flagged span, with what is needed to learn from it later.

    `paragraph` is the span's paragraph as the model reads it (hard line breaks made
    spaces) and `paragraph_start/end` the span inside it; -1 when the span crossed paragraphs.
    """

    created: float
    document_path: str
    document_sha256: str
    start: int
    end: int
    span: str
    context_before: str
    context_after: str
    category: str
    verdict: str
    replacement: str | None
    model_version: str
    paragraph: str = ""
    paragraph_start: int = -1
    paragraph_end: int = -1
    score: float | None = None
    scope: str | None = None

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}, not {self.verdict!r}")
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        if (self.verdict == "edited") != (self.replacement is not None):
            raise ValueError("an edited decision needs its replacement text, and only an edited one")

    def content_uid(self) -> str:
        """Same decision, same id: what makes importing an export twice a no-op."""
        fields = asdict(self)
        for derived in ("paragraph", "paragraph_start", "paragraph_end", "score", "scope"):
            fields.pop(derived)
        return hashlib.sha256(json.dumps(fields, sort_keys=True).encode("utf-8")).hexdigest()

    def to_json(self) -> dict:
        return {"uid": self.content_uid(), **asdict(self)}

    @classmethod
    def from_json(cls, obj: dict) -> Decision:
        """Rebuild an exported decision; KeyError, TypeError or ValueError if it is not one."""
        fields = {k: obj[k] for k in cls.__dataclass_fields__ if k in obj}
        if "scope" not in obj and "document_path" in obj:  # exported before decisions had a scope
            fields["scope"] = obj["document_path"]
        return cls(**fields)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Decision:
        return cls(
            created=row["created"],
            document_path=row["document_path"],
            document_sha256=row["document_sha256"],
            start=row["span_start"],
            end=row["span_end"],
            span=row["span"],
            context_before=row["context_before"],
            context_after=row["context_after"],
            category=row["category"],
            verdict=row["verdict"],
            replacement=row["replacement"],
            model_version=row["model_version"],
            paragraph=row["paragraph"],
            paragraph_start=row["paragraph_start"],
            paragraph_end=row["paragraph_end"],
            score=row["score"] if "score" in row.keys() else None,
            scope=row["scope"] if "scope" in row.keys() else None,
        )


def default_db_path() -> Path:
    return data_home() / DB_FILE


class StoreError(RuntimeError):
    """The store cannot be used; the message is one line: what happened, what was done, and
    how to get the writer's decisions back."""


def _set_aside_damaged(path: Path, reason: str) -> StoreError:
    reason = " ".join(reason.split())  # quick_check's report may run to several lines
    stem = f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"
    aside, n = path.with_name(stem), 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{stem}-{n}")
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    return StoreError(
        f"the feedback store {path} is damaged ({reason}); it was moved to {aside} and a new, empty "
        f"store starts now; to restore your decisions, import an export (`galleyproof feedback import "
        f"FILE.jsonl`), or copy back a {DB_FILE}.vN.bak"
    )


def _create(path: Path) -> None:
    """Make a new store whole before it takes its name (so an empty or half-made file under
    that name always means damage), readable by its owner only."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            db.execute("INSERT INTO schema_version VALUES (0)")
        finally:
            db.close()
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            os.link(tmp, path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{tmp}{suffix}")


class FeedbackStore:
    """An open store; every write is its own short transaction."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else default_db_path()
        #: Why the store's folder cannot be written ("Read-only file system"), or None. Such a
        #: store is opened read-only: a check still applies its decisions; a write fails.
        self.read_only = unwritable(self.path.parent)
        if self.read_only is not None:
            self._open_read_only()
            return
        if not self.path.exists():
            _create(self.path)
        info = os.stat(self.path)
        if stat.S_IMODE(info.st_mode) & 0o077:
            with contextlib.suppress(OSError):  # made by an earlier release: world-readable
                os.chmod(self.path, 0o600)
        if info.st_size == 0:
            raise _set_aside_damaged(self.path, "an empty file")
        self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # safe under WAL; a crash loses no committed row
            problems = [row[0] for row in self.db.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise sqlite3.DatabaseError(problems[0])
        except sqlite3.DatabaseError as err:
            self.db.close()
            if isinstance(err, sqlite3.OperationalError) and "locked" in str(err):
                raise
            if isinstance(err, sqlite3.OperationalError) and ("readonly" in str(err) or "unable to open" in str(err)):
                # Not damage: a store the writer may not write (its mode, its owner) is left alone.
                raise StoreError(f"the feedback store {self.path} cannot be opened for writing ({err}); "
                                 "it is left as it is") from None
            raise _set_aside_damaged(self.path, str(err)) from None
        try:
            self._migrate()
        except BaseException:
            self.db.close()
            raise

    def _open_read_only(self) -> None:
        """The store as it is, never written (no WAL switch, no migration, nothing moved aside);
        an empty one in memory where there is none yet."""
        if not self.path.exists():
            self.db = sqlite3.connect(":memory:", isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self._run_migrations()
            return
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        self.db = None
        try:
            try:
                self.db = sqlite3.connect(uri, uri=True, isolation_level=None)
                self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # A WAL store on a read-only medium: SQLite cannot make its shared-memory file.
                if self.db is not None:
                    self.db.close()  # else it stays open until a garbage collection finds it
                self.db = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            problems = [row[0] for row in self.db.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise sqlite3.DatabaseError(problems[0])
            found = self.schema_version()
        except sqlite3.DatabaseError as err:
            if self.db is not None:
                self.db.close()
            raise StoreError(f"the feedback store {self.path} cannot be read ({err}) and its folder cannot be "
                             f"written ({self.read_only}); it is left as it is") from None
        if found != SCHEMA_VERSION:
            self.db.close()
            raise StoreError(f"the feedback store {self.path} needs an update (schema {found}, not "
                             f"{SCHEMA_VERSION}) and its folder cannot be written ({self.read_only})")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> FeedbackStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so a waiting writer queues on the busy
        # timeout instead of failing when its read snapshot turns out stale.
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def schema_version(self) -> int:
        row = self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if row is None:
            return 0
        return self.db.execute("SELECT version FROM schema_version").fetchone()["version"]

    def _migrate(self) -> None:
        found = self.schema_version()
        if found == SCHEMA_VERSION:
            return
        backup = None
        if 0 < found < SCHEMA_VERSION:  # a store with decisions in it: copy it first
            backup = self.path.with_name(f"{self.path.name}.v{found}.bak")
            fd = os.open(backup, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            os.close(fd)
            copy = sqlite3.connect(backup)
            try:
                self.db.backup(copy)
            finally:
                copy.close()
        try:
            self._run_migrations()
        except sqlite3.Error as err:
            kept = f"; a copy from before is {backup}" if backup else ""
            raise StoreError(f"cannot bring the feedback store {self.path} up to date ({err}); "
                             f"it is unchanged{kept}") from None

    def _run_migrations(self) -> None:
        with self._write() as db:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            if db.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 0:
                db.execute("INSERT INTO schema_version VALUES (0)")
            current = self.schema_version()  # again, under the lock: another process may have migrated
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema {current}, newer than this galleyproof ({SCHEMA_VERSION}); upgrade"
                )
            for migration in MIGRATIONS[current:]:
                migration(db)
            db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))

    # Decisions

    def add_decisions(self, decisions: Iterable[Decision]) -> int:
        """Insert decisions not already stored (by content id); returns how many were new."""
        added = 0
        with self._write() as db:
            for d in decisions:
                cur = db.execute(
                    """INSERT OR IGNORE INTO decisions (uid, created, document_path, document_sha256,
                    span_start, span_end, span, context_before, context_after, category, verdict,
                    replacement, model_version, paragraph, paragraph_start, paragraph_end, score, scope)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        d.content_uid(), d.created, d.document_path, d.document_sha256, d.start, d.end,
                        d.span, d.context_before, d.context_after, d.category, d.verdict, d.replacement,
                        d.model_version, d.paragraph, d.paragraph_start, d.paragraph_end, d.score, d.scope,
                    ),
                )
                added += cur.rowcount
        return added

    def decisions(self) -> list[Decision]:
        """All decisions, oldest first."""
        rows = self.db.execute("SELECT * FROM decisions ORDER BY created, id").fetchall()
        return [Decision.from_row(r) for r in rows]

    def count_decisions(self) -> int:
        return self.db.execute("SELECT count(*) FROM decisions").fetchone()[0]

    def verdict_log(self) -> list[sqlite3.Row]:
        """Span, its context, category, verdict, score and scope of every decision, oldest
        first: what the filter needs, without the paragraphs."""
        return self.db.execute(
            "SELECT span, context_before, context_after, category, verdict, score, scope FROM decisions "
            "ORDER BY created, id"
        ).fetchall()

    def listed(self, document_path: str | None = None) -> list[sqlite3.Row]:
        """Id, date, file, scope, span, category and verdict of each decision (of one file's,
        by its resolved path, if given), oldest first: what `feedback list` shows."""
        query = ("SELECT id, created, document_path, scope, span, category, verdict, replacement FROM decisions"
                 + (" WHERE document_path = ?" if document_path else "") + " ORDER BY created, id")
        return self.db.execute(query, (document_path,) if document_path else ()).fetchall()

    def undo(self, ids: Iterable[int]) -> int:
        """Forget the decisions with these ids; returns how many there were."""
        with self._write() as db:
            return sum(db.execute("DELETE FROM decisions WHERE id = ?", (int(i),)).rowcount for i in ids)

    def forget_file(self, document_path: str) -> int:
        """Forget every decision made in one file (its resolved path); returns how many."""
        with self._write() as db:
            return db.execute("DELETE FROM decisions WHERE document_path = ?", (document_path,)).rowcount

    def export_jsonl(self) -> Iterator[str]:
        for d in self.decisions():
            yield json.dumps(d.to_json(), ensure_ascii=False)

    # Dictionary

    def add_words(self, words: Iterable[str]) -> list[str]:
        """Add words (looked up lower-cased, straight apostrophes); returns those that were new."""
        added = []
        with self._write() as db:
            for w in words:
                cur = db.execute(
                    "INSERT OR IGNORE INTO dictionary (word, spelling, added) VALUES (?, ?, ?)",
                    (normalise(w), w, time.time()),
                )
                if cur.rowcount:
                    added.append(w)
        return added

    def remove_words(self, words: Iterable[str]) -> list[str]:
        """Remove words; returns those that were there."""
        removed = []
        with self._write() as db:
            for w in words:
                if db.execute("DELETE FROM dictionary WHERE word = ?", (normalise(w),)).rowcount:
                    removed.append(w)
        return removed

    def words(self) -> list[str]:
        """The dictionary as the writer typed it, alphabetical."""
        return [r["spelling"] for r in self.db.execute("SELECT spelling FROM dictionary ORDER BY word")]

    def word_keys(self) -> set[str]:
        return {r["word"] for r in self.db.execute("SELECT word FROM dictionary")}

    # Model history (the registry keeps the folders; the store keeps which one is active)

    def active_version(self) -> str | None:
        row = self.db.execute(
            "SELECT version FROM model_history WHERE rolled_back IS NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return row["version"] if row else None

    def activate(self, version: str) -> None:
        with self._write() as db:
            db.execute("INSERT INTO model_history (version, activated) VALUES (?, ?)", (version, time.time()))

    def roll_back(self) -> str | None:
        """Undo the latest activation; returns the version now active (None: the shipped one).

        Raises LookupError when there is nothing to undo."""
        with self._write() as db:
            row = db.execute(
                "SELECT id FROM model_history WHERE rolled_back IS NULL ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row is None:
                raise LookupError("no model change to roll back")
            db.execute("UPDATE model_history SET rolled_back = ? WHERE id = ?", (time.time(), row["id"]))
        return self.active_version()


def _paragraph_of(text: str, start: int, end: int, parts: list) -> tuple[str, int, int]:
    """The passage holding [start, end) and the span's offsets in it ("", -1, -1 if none does)."""
    for p in parts:
        if p.origin[0] <= start and end - 1 <= p.origin[-1]:
            lo = bisect_left(p.origin, start)
            hi = bisect_left(p.origin, end - 1) + 1
            return p.text, lo, hi
    return "", -1, -1


def scope_of(path: str | Path, root: str | Path | None = None) -> str:
    """What a decision made in `path` speaks for: the manuscript, that is the folder of its
    project config (`root`, a galleyproof.toml's) if it has one, else the file itself."""
    return str(Path(root if root is not None else path).resolve())


_FILE_SCOPE = object()


def make_decisions(
    path: str | Path,
    text: str,
    verdicts: Iterable[tuple[Issue, str, str | None]],
    model_version: str = "",
    scope: str | None | object = _FILE_SCOPE,
) -> list[Decision]:
    """Decisions on issues of one document, `(issue, verdict, replacement)` each; the
    document is split into paragraphs once, however many there are. `scope`: the manuscript
    they speak for (`scope_of`; by default the file), None for every manuscript."""
    if scope is _FILE_SCOPE:
        scope = scope_of(path)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    parts = passages(text)
    now = time.time()
    out = []
    for issue, verdict, replacement in verdicts:
        if issue.end > len(text):
            raise ValueError(f"issue [{issue.start}, {issue.end}) runs past the end of {path}")
        paragraph, p_start, p_end = _paragraph_of(text, issue.start, issue.end, parts)
        out.append(
            Decision(
                created=now,
                document_path=str(Path(path).resolve()),
                document_sha256=sha,
                start=issue.start,
                end=issue.end,
                span=text[issue.start : issue.end],
                context_before=text[max(0, issue.start - CONTEXT_CHARS) : issue.start],
                context_after=text[issue.end : issue.end + CONTEXT_CHARS],
                category=issue.category,
                verdict=verdict,
                replacement=replacement,
                model_version=model_version,
                paragraph=paragraph,
                paragraph_start=p_start,
                paragraph_end=p_end,
                score=issue.score,
                scope=scope,
            )
        )
    return out


def record_decision(
    path: str | Path,
    text: str,
    issue: Issue,
    verdict: str,
    replacement: str | None = None,
    model_version: str = "",
    scope: str | None | object = _FILE_SCOPE,
) -> Decision:
    """The hook front ends call when the writer accepts, rejects or edits one flagged span.

    `text` is the document as checked (the issue's offsets index it). The decision is
    stored at once, so the next `check` of the same manuscript (`scope`) already honours it."""
    (decision,) = make_decisions(path, text, [(issue, verdict, replacement)], model_version, scope)
    with FeedbackStore() as store:
        store.add_decisions([decision])
    return decision
