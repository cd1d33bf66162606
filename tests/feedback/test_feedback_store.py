import json
import multiprocessing
import sqlite3

import pytest

from galleyproof.feedback.store import (
    SCHEMA_VERSION,
    Decision,
    FeedbackStore,
    default_db_path,
    make_decisions,
    record_decision,
)
from galleyproof.issues import Issue

DOC = "It was a dark\nnight, and Mowgli\nran.\n\nThe wolves sang teh song.\n"


def decision(n=0, verdict="rejected", **kw):
    fields = dict(
        created=1000.0 + n, document_path="/tmp/doc.txt", document_sha256="ab" * 32, start=n, end=n + 3,
        span="teh", context_before="", context_after="", category="spelling", verdict=verdict,
        replacement=None, model_version="m1",
    )
    return Decision(**(fields | kw))


def test_wal_mode_and_schema_version():
    with FeedbackStore() as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.schema_version() == SCHEMA_VERSION
    assert default_db_path().exists()


def test_record_decision_keeps_context_and_paragraph(tmp_path):
    path = tmp_path / "doc.txt"
    start = DOC.index("Mowgli")
    d = record_decision(path, DOC, Issue(start, start + 6, "spelling", "?"), "rejected", model_version="m1")
    assert d.span == "Mowgli" and d.context_before == DOC[:start] and d.context_after.startswith("\nran.")
    # The paragraph as the model reads it: its line breaks made spaces.
    assert d.paragraph == "It was a dark night, and Mowgli ran."
    assert d.paragraph[d.paragraph_start : d.paragraph_end] == "Mowgli"
    assert len(d.document_sha256) == 64 and d.document_path == str(path.resolve())
    with FeedbackStore() as store:
        assert store.decisions() == [d]


def test_verdicts_are_checked():
    with pytest.raises(ValueError):
        decision(verdict="maybe")
    with pytest.raises(ValueError):
        decision(verdict="edited")  # an edit without its replacement
    assert decision(verdict="edited", replacement="the").replacement == "the"


V1_SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (1);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY, created REAL NOT NULL, document_path TEXT NOT NULL,
    document_sha256 TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    span TEXT NOT NULL, context_before TEXT NOT NULL, context_after TEXT NOT NULL,
    category TEXT NOT NULL, verdict TEXT NOT NULL, replacement TEXT, model_version TEXT NOT NULL
);
CREATE TABLE dictionary (word TEXT PRIMARY KEY, spelling TEXT NOT NULL, added REAL NOT NULL);
INSERT INTO decisions VALUES (1, 5.0, '/d.txt', 'cd', 3, 6, 'teh', 'in ', ' end', 'spelling', 'rejected', NULL, 'm0');
INSERT INTO dictionary VALUES ('mowgli', 'Mowgli', 5.0);
"""


def test_upgrade_from_a_v1_database(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.close()
    with FeedbackStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        (old,) = store.decisions()
        assert (old.span, old.start, old.verdict, old.paragraph_start) == ("teh", 3, "rejected", -1)
        assert old.scope == "/d.txt"  # an old decision now speaks for its own file only
        assert store.words() == ["Mowgli"]
        # the migrated row has its content id: importing it again adds nothing
        assert store.add_decisions([old]) == 0
        store.activate("learn-x")
        assert store.active_version() == "learn-x"
    with FeedbackStore(path) as store:  # reopening migrates nothing twice
        assert store.schema_version() == SCHEMA_VERSION and store.count_decisions() == 1


def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    FeedbackStore(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE schema_version SET version = 99")
    db.commit()
    db.close()
    with pytest.raises(RuntimeError, match="newer"):
        FeedbackStore(path)


def _insert_many(path, worker, n):
    with FeedbackStore(path) as store:
        for i in range(n):
            store.add_decisions([decision(i, document_path=f"/w{worker}.txt")])


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite3"
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_insert_many, args=(path, w, 200)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with FeedbackStore(path) as store:
        assert store.count_decisions() == 400


def test_export_import_round_trip_is_idempotent(tmp_path, monkeypatch):
    doc = tmp_path / "doc.txt"
    issues = [(Issue(DOC.index("teh"), DOC.index("teh") + 3, "spelling", "?"), "edited", "the"),
              (Issue(DOC.index("Mowgli"), DOC.index("Mowgli") + 6, "spelling", "?"), "rejected", None)]
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(doc, DOC, issues, "m1"))
        exported = list(store.export_jsonl())
        assert store.add_decisions(Decision.from_json(json.loads(line)) for line in exported) == 0
    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path / "other-home"))
    with FeedbackStore() as other:
        decisions = [Decision.from_json(json.loads(line)) for line in exported]
        assert other.add_decisions(decisions) == 2
        assert other.add_decisions(decisions) == 0
        assert list(other.export_jsonl()) == exported


def test_the_flag_score_is_kept_but_is_not_part_of_the_decision_id(tmp_path):
    start = DOC.index("teh")
    (d,) = make_decisions(tmp_path / "doc.txt", DOC, [(Issue(start, start + 3, "spelling", "?", score=0.42),
                                                       "rejected", None)])
    with FeedbackStore() as store:
        store.add_decisions([d])
        (stored,) = store.decisions()
        assert stored.score == 0.42 and store.verdict_log()[0]["score"] == 0.42
        # an export from before scores were kept is the same decision
        old = {k: v for k, v in d.to_json().items() if k != "score"}
        assert Decision.from_json(old).content_uid() == d.content_uid()
        assert store.add_decisions([Decision.from_json(old)]) == 0
