"""The command line a run builds: only the command it runs, with the same usage and errors as
the whole app; and a one-shot check's start without the garbage collector's passes."""

import gc

import pytest
import typer.main
from typer.testing import CliRunner

from galleyproof.cli import common, main

runner = CliRunner()


def _commands(app):
    return list(typer.main.get_command(app).commands)


def test_the_whole_app_has_every_command():
    assert sorted(_commands(main.build_app())) == sorted(main.COMMANDS)
    assert main.app is main.app  # built once, when first asked for


@pytest.mark.parametrize("name", ["check", "model", "eval", "dict"])
def test_a_run_builds_only_its_command(name):
    assert _commands(main.build_app(name)) == [name]


@pytest.mark.parametrize("args", [["check", "--help"], ["check"], ["check", "--bogus", "x"],
                                  ["check", "--format", "nope", "x"], ["model", "--help"]])
def test_usage_and_errors_are_the_whole_apps(args):
    alone = runner.invoke(main.build_app(args[0]), args, prog_name="galleyproof")
    whole = runner.invoke(main.build_app(), args, prog_name="galleyproof")
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)


def test_loading_changes_nothing_in_a_process_that_goes_on(monkeypatch):
    monkeypatch.setattr(common, "_ONE_SHOT", [False])
    frozen = gc.get_freeze_count()
    with common.loading():
        assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_loading_in_a_one_shot_process_freezes_what_it_made(monkeypatch):
    monkeypatch.setattr(common, "_ONE_SHOT", [False])
    common.runs_one_command()
    try:
        with common.loading():
            assert not gc.isenabled()
            made = [[i] for i in range(1000)]  # tracked objects, made while loading
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
    finally:
        gc.unfreeze()
