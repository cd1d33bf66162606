"""The `galleyproof` command: wires each command group's Typer app into one."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import time
import traceback

import typer

from galleyproof.cli.common import loading, runs_one_command
from galleyproof.feedback.store import StoreError
from galleyproof.paths import data_home

#: The commands, in the order `--help` lists them: name -> (its module in `galleyproof.cli`,
#: the function that runs it), the function None for a group of commands (the module's `app`).
COMMANDS: dict[str, tuple[str, str | None]] = {
    "check": ("check", "check"),
    "init": ("project", "init"),
    "eval": ("evaluate", "evaluate"),
    "stats": ("stats", "stats"),
    "rules": ("rules", "rules"),
    "train": ("train", "train"),
    "lexicon": ("lexicon", None),
    "corpus": ("corpus", None),
    "tokenizer": ("tokenizer", None),
    "noise": ("noise", None),
    "feedback": ("feedback", None),
    "dict": ("dictionary", None),
    "model": ("model", None),
    "learn": ("learn", "learn"),
    "serve": ("serve", "serve"),
    "lsp": ("lsp", "lsp"),
}


def _version(value: bool) -> None:
    if value:
        # Read only when asked: importlib.metadata costs every start 20 ms (start-up time).
        from importlib import metadata

        typer.echo(f"galleyproof {metadata.version('galleyproof')}")
        raise typer.Exit()


def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """An offline proofreader for English prose: flags suspect spans with a category, a message and suggestions."""


def build_app(only: str | None = None) -> typer.Typer:
    """The command line as a Typer app: every command, or only the one named `only`, which is
    what a run of that command builds (importing the other commands' modules and building
    their options cost `check`'s start 15 ms: start-up time). Its usage lines and errors are
    the same either way: the app stays a group of commands."""
    built = typer.Typer(
        name="galleyproof",
        help="An offline proofreader for English prose: flags suspect spans with a category, "
        "a message and suggestions.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
    )
    built.callback()(root)
    for name, (module_name, function) in COMMANDS.items():
        if only is not None and name != only:
            continue
        module = importlib.import_module(f"galleyproof.cli.{module_name}")
        if function is None:
            built.add_typer(module.app, name=name)
        else:
            built.command(name)(getattr(module, function))
    return built


def __getattr__(name: str) -> typer.Typer:
    """`app`, every command's, built when first asked for (tests, `benchmarks/fuzz.py`)."""
    if name == "app":
        globals()["app"] = built = build_app()
        return built
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None) -> None:
    """The console entry point: `app`, with every unexpected error one line on stderr and exit 2
    (exit 1 means "issues found"), the traceback in `crash.log` in the user data folder, or
    on stderr with `--debug`."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("GALLEYPROOF_DEBUG"))
    args = [a for a in args if a != "--debug"]
    try:
        try:
            if argv is None and args[:1] == ["check"]:  # a process that ends with its check
                runs_one_command()
            with loading():
                command_line = build_app(args[0] if args and args[0] in COMMANDS else None)
            command_line(args, prog_name="galleyproof")
        finally:
            sys.stdout.flush()  # output that cannot be written (a full disk, a closed pipe) fails here
    except SystemExit as done:
        if argv is None and args[:1] == ["check"] and (done.code is None or isinstance(done.code, int)):
            _exit_at_once(done.code or 0)
        raise
    except StoreError as err:  # already one line saying what to do
        print(f"galleyproof: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        print("galleyproof: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    except Exception as err:  # noqa: BLE001 - the last line of defence: one line, exit 2
        _report_crash(err, debug)
        raise SystemExit(2) from None


def _exit_at_once(code: int) -> None:
    """End a finished `check` run from the command line without tearing the interpreter down:
    freeing every module, word set and table one object at a time took 0.2-0.3 s after a
    one-paragraph check on a busy machine, `os._exit` 0.02 s (start-up time). Everything `check`
    writes is written and closed by then (report, run log, passage cache); the output streams
    are flushed here. Not for other commands (training's worker processes), nor for `main`
    called with arguments (tests, which go on running)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # let the interpreter's own exit deal with a stream that cannot be written
    os._exit(code)


def _report_crash(err: BaseException, debug: bool) -> None:
    trace = "".join(traceback.format_exception(err))
    where = ""
    with contextlib.suppress(OSError):
        log = data_home() / "crash.log"
        # Owner only, as the store: a traceback may quote the manuscript (a word, a paragraph).
        with open(os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "a", encoding="utf-8") as fh:
            fh.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} galleyproof {' '.join(sys.argv[1:])}\n{trace}")
        where = f" (details in {log}; --debug shows them here)"
    with contextlib.suppress(OSError):
        if debug:
            sys.stderr.write(trace)
        message = str(err) or type(err).__name__
        if isinstance(err, OSError):
            message = f"{err.filename}: {err.strerror or err}" if err.filename else (err.strerror or message)
        sys.stderr.write(f"galleyproof: error: {message}{where}\n")
        sys.stderr.flush()
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        # stdout cannot take what it holds: point it at nothing so Python does not try again at exit
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
