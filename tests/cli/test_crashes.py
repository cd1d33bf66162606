"""Every unexpected error is one line on stderr and exit 2 (1 means "issues found")."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from galleyproof.cli import main

REVIEW_TESTS = Path(__file__).parent.parent / "review"


def run_cli(*args, stdout=subprocess.PIPE, env=None):
    env = os.environ | {"GALLEYPROOF_DETECTOR": "fake_detector:make", "PYTHONPATH": str(REVIEW_TESTS)} | (env or {})
    return subprocess.run([sys.executable, "-m", "galleyproof", *map(str, args)], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, env=env, timeout=60)


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text("We saw teh ship.\n", encoding="utf-8")
    return p


def test_a_report_into_a_missing_folder_is_one_line_and_exit_2(draft, tmp_path):
    result = run_cli("check", "--format", "json", "-o", tmp_path / "nodir" / "out.json", draft)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_stdout_that_cannot_be_written_is_one_line_and_exit_2(draft, galleyproof_home):
    with open("/dev/full", "w") as full:
        result = run_cli("check", draft, stdout=full)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "No space left on device" in result.stderr
    assert "Traceback" in (galleyproof_home / "crash.log").read_text(encoding="utf-8")
    assert (galleyproof_home / "crash.log").stat().st_mode & 0o077 == 0  # readable by its owner only


def test_an_unexpected_error_is_one_line_exit_2_and_the_traceback_with_debug(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(main, "build_app", lambda only=None: broken)
    for argv, traced in ((["check", "x.txt"], False), (["check", "x.txt", "--debug"], True)):
        with pytest.raises(SystemExit) as exit_:
            main.main(argv)
        err = capsys.readouterr().err
        assert exit_.value.code == 2 and "galleyproof: error: something unforeseen" in err
        assert ("Traceback" in err) is traced


def test_a_symlink_loop_given_to_check_is_named_not_a_crash(tmp_path, galleyproof_home):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result = run_cli("check", loop)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["galleyproof: " + str(loop) + ": symbolic link loop "
                                                  "(a link that leads back to itself)"]
    assert not (galleyproof_home / "crash.log").exists()
