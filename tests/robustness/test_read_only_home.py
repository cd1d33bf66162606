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

from galleyproof.cli.main import app
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
        subprocess.run(["umount", str(home)], check=True)


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
