"""A damaged, emptied or half-migrated feedback store: moved aside or kept, said in one line,
and `check` still runs; the store is the owner's alone."""

import os
import sqlite3
import sys
from pathlib import Path

import pytest
from test_feedback_store import V1_SCHEMA

from galleyproof import proofreader
from galleyproof.cli import main
from galleyproof.feedback import store as store_module
from galleyproof.feedback.store import SCHEMA_VERSION, FeedbackStore, StoreError, default_db_path

sys.path.insert(0, str(Path(__file__).parent.parent / "review"))
import fake_detector  # noqa: E402


def run(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main.main(argv)
    out = capsys.readouterr()
    return exit_.value.code, out.out, out.err


def damage(path, data=b"\x8f" * 100):
    with open(path, "r+b") as fh:
        fh.write(data)


def test_the_store_is_readable_by_its_owner_only(tmp_path):
    with FeedbackStore() as store:
        store.add_words(["Zork"])
    assert os.stat(default_db_path()).st_mode & 0o777 == 0o600
    old = tmp_path / "old.sqlite3"
    db = sqlite3.connect(old)
    db.executescript(V1_SCHEMA)
    db.close()
    os.chmod(old, 0o644)  # as earlier releases made it
    FeedbackStore(old).close()
    assert os.stat(old).st_mode & 0o777 == 0o600


def test_a_damaged_store_is_moved_aside_with_one_line_naming_the_copy(capsys):
    with FeedbackStore() as store:
        store.add_words(["Zork"])
    damage(default_db_path())
    code, _, err = run(["dict", "list"], capsys)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    (aside,) = default_db_path().parent.glob("galleyproof.sqlite3.damaged-*")
    assert f"moved to {aside}" in err and "feedback import" in err
    assert aside.read_bytes()[:100] == b"\x8f" * 100  # kept as it was, for recovery
    code, out, _ = run(["dict", "list"], capsys)  # a fresh store from then on
    assert code == 0


def test_an_emptied_store_is_damage_not_a_fresh_start():
    with FeedbackStore() as store:
        store.add_words(["Zork"])
    default_db_path().write_bytes(b"")
    with pytest.raises(StoreError, match="empty file"):
        FeedbackStore()


def test_check_runs_without_a_damaged_store_and_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(proofreader, "load_default", lambda personal=True, use_store=True, **_: (
        FeedbackStore().close() if use_store else None) or fake_detector.make())
    with FeedbackStore() as store:
        store.add_words(["Zork"])
    damage(default_db_path())
    draft = tmp_path / "draft.txt"
    draft.write_text("We saw teh ship.\n", encoding="utf-8")
    code, out, err = run(["check", str(draft)], capsys)
    assert code == 1 and "teh" in out
    assert "warning:" in err and "does not apply your decisions" in err and err.count("\n") == 1


def test_a_migration_first_copies_the_store(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.close()
    FeedbackStore(path).close()
    copy = sqlite3.connect(tmp_path / "old.sqlite3.v1.bak")
    assert copy.execute("SELECT version FROM schema_version").fetchone()[0] == 1
    assert copy.execute("SELECT span FROM decisions").fetchall() == [("teh",)]
    copy.close()


def test_a_failed_migration_leaves_the_store_unchanged_and_says_where_the_copy_is(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.close()

    def broken(db):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS[:1], broken))
    with pytest.raises(StoreError, match="it is unchanged; a copy from before is .*old.sqlite3.v1.bak"):
        FeedbackStore(path)
    monkeypatch.undo()
    with FeedbackStore(path) as store:  # once the cause is gone, it migrates
        assert store.schema_version() == SCHEMA_VERSION and store.count_decisions() == 1


def test_a_damage_report_of_several_lines_is_said_in_one(tmp_path, monkeypatch):
    # quick_check can report "*** in database main ***\nFragmentation of 43 bytes ...".
    path = tmp_path / "galleyproof.sqlite3"
    FeedbackStore(path).close()
    real_connect = sqlite3.connect

    class Reporting:
        def __init__(self, db):
            self.db = db

        def execute(self, sql, *args):
            if sql == "PRAGMA quick_check":
                return [("*** in database main ***\nFragmentation of 43 bytes reported as 0 on page 9",)]
            return self.db.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.db, name)

        def __setattr__(self, name, value):
            if name == "db":
                object.__setattr__(self, name, value)
            else:
                setattr(self.db, name, value)

    monkeypatch.setattr(store_module.sqlite3, "connect", lambda *a, **k: Reporting(real_connect(*a, **k)))
    with pytest.raises(StoreError) as caught:
        FeedbackStore(path)
    assert "\n" not in str(caught.value) and "Fragmentation of 43 bytes" in str(caught.value)
