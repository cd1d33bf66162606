"""What every command shares: one way to fail, one way to load the proofreader, and a start
without the garbage collector's passes."""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from galleyproof.issues import Detector

if TYPE_CHECKING:
    from galleyproof.model.passage_cache import PassageCache

#: `module:factory` naming a detector to use instead of the shipped model. For tests that run
#: the CLI in a child process (the interactive one on a pseudo-terminal), not for users.
DETECTOR_ENV = "GALLEYPROOF_DETECTOR"


#: Whether this process runs one command and ends (`galleyproof check` from a shell: `main.main`
#: with no arguments given), not a test, a server or a front end that calls in.
_ONE_SHOT = [False]


def runs_one_command() -> None:
    """Say that this process ends with its command (`loading` then freezes what it loads)."""
    _ONE_SHOT[0] = True


@contextmanager
def loading() -> Iterator[None]:
    """In a process that runs one command: Python's cyclic garbage collector off while the command's
    modules are imported or the model and its tables loaded, and what they made then frozen
    (`gc.freeze`), out of every later pass's scan: all of it lives until the process ends, yet
    the hundred passes its allocations set off scanned it again and again (a one-paragraph check's
    start spent 15-25 ms in them), and the whole book's four full passes 0.1 s. Off alone, the
    passes after scanned it all the same. Elsewhere (tests, front ends calling in, which load
    again and make garbage of their own; servers, which may load another model) nothing changes."""
    if not _ONE_SHOT[0] or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def fail(message: str, command: str = "galleyproof") -> typer.Exit:
    """Print one line to stderr and give the exit that scripts read as a usage/input error."""
    print(f"{command}: {message}", file=sys.stderr)
    return typer.Exit(2)


def load_proofreader(threads: int = 1, cache: PassageCache | None = None, personal: bool = True,
                     command: str = "galleyproof") -> Detector:
    """The active model's proofreader (`proofreader.load_default`), or the factory
    `GALLEYPROOF_DETECTOR=module:factory` names; a model that will not load is one line naming
    what is wrong, and exit 2."""
    spec = os.environ.get(DETECTOR_ENV)
    if spec:
        module, _, factory = spec.partition(":")
        return getattr(importlib.import_module(module), factory)()
    # Imported here, not at the top: commands that check nothing start without the model code.
    from galleyproof import proofreader
    from galleyproof.feedback.store import StoreError
    from galleyproof.model.files import ModelFilesError

    try:
        try:
            with loading():
                return proofreader.load_default(threads=threads, cache=cache, personal=personal)
        except StoreError as err:
            # A check is worth more than the filter: run it with the shipped model, unfiltered, and say so.
            print(f"{command}: warning: {err}; this run does not apply your decisions or dictionary",
                  file=sys.stderr)
            return proofreader.load_default(threads=threads, cache=cache, personal=False, use_store=False)
    except ModelFilesError as err:
        raise fail(str(err), command) from None
    except (OSError, ValueError) as err:
        raise fail(f"cannot load the model: {err}", command) from None
