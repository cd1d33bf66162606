"""A data folder that cannot be written (a read-only mount, a folder without write permission)
does not stop `check`: it runs without the cache and the run log, applies the writer's
dictionary from the store read as it is, moves nothing aside, and says so once."""

import contextlib
import gc
import json
import os
import subprocess

import pytest
from typer.testing import CliRunner

from galleyproof.cli.main import app, main
from galleyproof.feedback.store import FeedbackStore
from galleyproof.paths import unwritable

runner = CliRunner()


@contextlib.contextmanager
def read_only(home):
    """`home`, filled as it is, made unwritable: a read-only tmpfs for root (whom permission
    bits do not stop), mode 0555 for anyone else."""
    if os.geteuid() != 0:
        os.chmod(home, 0o555)
        try:
            yield
        finally:
            os.chmod(home, 0o755)
        return
    saved = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(home)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs to make a read-only folder")
    try:
        for name, data in saved.items():
            (home / name).write_bytes(data)
        subprocess.run(["mount", "-o", "remount,ro", str(home)], check=True)
        yield
    finally:
        if subprocess.run(["umount", str(home)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(home)], check=True)  # busy: detach it, leave no mount behind
            raise AssertionError(f"a file in the read-only data folder was left open: {_open_files_under(home)}")


def test_check_runs_in_a_read_only_data_folder_and_says_so_once(tmp_path, galleyproof_home):
    draft = tmp_path / "draft.txt"
    draft.write_text("She walked into teh house.\n\nHe saw Zorkle there.\n", encoding="utf-8")
    assert runner.invoke(app, ["dict", "add", "teh"]).exit_code == 0
    before = sorted(p.name for p in galleyproof_home.iterdir())
    with read_only(galleyproof_home):
        assert unwritable(galleyproof_home) is not None
        gc.disable()  # a file left to the garbage collector to close would stay open below
        try:
            result = runner.invoke(app, ["check", "--format", "json", str(draft)])
        finally:
            gc.enable()
        assert result.exit_code in (0, 1), result.output
        warnings = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(warnings) == 1 and "cannot be written" in warnings[0], result.stderr
        teh = draft.read_text(encoding="utf-8").index("teh")
        spans = [(i["start"], i["end"]) for f in json.loads(result.stdout)["files"] for i in f["issues"]]
        assert not any(start <= teh < end for start, end in spans)  # the dictionary was read and applied
        assert sorted(p.name for p in galleyproof_home.iterdir()) == before  # nothing moved aside or added
        assert _open_files_in(galleyproof_home) == []  # the folder can be unmounted


def _open_files_in(folder):
    """The files under `folder` this process holds open (none known where /proc is missing)."""
    if not os.path.isdir("/proc/self/fd"):
        return []
    found = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/self/fd/{fd}")
            if target.startswith(str(folder) + os.sep):
                found.append(target)
    return found


def test_a_read_only_data_folder_without_a_store_checks_with_no_decisions(tmp_path, galleyproof_home):
    draft = tmp_path / "draft.txt"
    draft.write_text("She walked into teh house.\n", encoding="utf-8")
    galleyproof_home.mkdir(parents=True, exist_ok=True)
    with read_only(galleyproof_home):
        result = runner.invoke(app, ["check", str(draft)])
        assert result.exit_code == 1, result.output
        assert "teh" in result.stdout
        assert len(result.stderr.strip().splitlines()) == 1
        assert list(galleyproof_home.iterdir()) == []


@pytest.mark.parametrize("args", [["dict", "add", "Blorp"], ["dict", "remove", "Zorkle"],
                                  ["feedback", "forget", "--file", "draft.txt"]])
def test_a_change_to_the_store_in_a_read_only_data_folder_is_one_clear_line_and_exit_2(args, galleyproof_home,
                                                                                       capsys):
    assert runner.invoke(app, ["dict", "add", "Zorkle"]).exit_code == 0
    capsys.readouterr()
    before = {p.name: p.read_bytes() for p in galleyproof_home.iterdir()}
    with read_only(galleyproof_home):
        with pytest.raises(SystemExit) as exit_:
            main(args)
        err = capsys.readouterr().err
        assert exit_.value.code == 2
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert "cannot be written" in err and str(galleyproof_home) in err and "nothing was changed" in err, err
        assert {p.name: p.read_bytes() for p in galleyproof_home.iterdir()} == before
    assert runner.invoke(app, ["dict", "list"]).stdout.split() == ["Zorkle"]


def _open_files_under(folder):
    links = (os.readlink(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")
             if os.path.islink(f"/proc/self/fd/{fd}"))
    return [link for link in links if link.startswith(str(folder))]


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to list open files")
def test_a_store_read_in_a_read_only_data_folder_leaves_no_file_open_once_closed(galleyproof_home):
    # The first, failed read-only connection was left to the garbage collector, which kept the
    # store open (and the medium busy) for as long as the collector happened not to run.
    assert runner.invoke(app, ["dict", "add", "Zorkle"]).exit_code == 0
    gc.disable()
    try:
        with read_only(galleyproof_home):
            with FeedbackStore() as store:
                assert store.words() == ["Zorkle"]
            assert _open_files_under(galleyproof_home) == []
    finally:
        gc.enable()
