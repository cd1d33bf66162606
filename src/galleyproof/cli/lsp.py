"""`galleyproof lsp`: the language server, for editors, on standard input and output."""

from __future__ import annotations

import logging
import os
import sys

import typer

from galleyproof.cli.check import fast_gil_switch, passage_cache
from galleyproof.cli.common import load_proofreader
from galleyproof.issues import Detector
from galleyproof.threads import default_threads


def lsp(
    threads: int = typer.Option(0, "--threads", "-j", min=0, help="Threads to run the model on; 0: one per core, at most 4."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Score every paragraph afresh on each check (by default "
                                  "only the paragraphs that changed are)."),
    log_level: str = typer.Option("warning", "--log-level", help="What the server logs on stderr: debug, info, "
                                  "warning or error."),
) -> None:
    """Run the Language Server Protocol server on standard input/output, for an editor to start:
    diagnostics as you type in plain text, Markdown and LaTeX, quick fixes (a suggestion, add the
    word to the dictionary, not an error, fix all safe issues) and hover. Settings come from the
    editor (`initializationOptions`, `workspace/didChangeConfiguration`: only, ignore, minScore,
    debounceMs) over the nearest galleyproof.toml. See "In your editor" in the README."""
    # Imported when the command runs, not when any command starts (start-up time).
    from galleyproof.lsp.server import create_server

    logging.basicConfig(stream=sys.stderr, level=log_level.upper(), format="galleyproof lsp: %(levelname)s %(message)s")
    with passage_cache(not no_cache) as cache, fast_gil_switch():
        # Unfiltered: the server puts the writer's filter back on, fresh for each check.
        server = create_server(lambda: remembering(load_proofreader(threads or default_threads(), cache,
                                                                          personal=False, command="galleyproof lsp")))
        server.start_io()
    # The protocol's `exit` closed standard output: nothing more may be written to it.
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    # The protocol's exit code: 0 after a `shutdown` request, 1 when the editor just went away.
    raise typer.Exit(0 if server.protocol._shutdown else 1)


def remembering(detector: Detector) -> Detector:
    """The proofreader, remembering the rules' flags and the suggestions between checks: an
    editor re-checks the same document after every pause in typing, and only what the edit
    touched needs working out again."""
    # Imported when the server loads its model, not when any command starts (start-up time).
    from galleyproof.proofreader import Proofreader

    if isinstance(detector, Proofreader):
        detector.remember_between_checks()
    return detector
