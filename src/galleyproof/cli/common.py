"""What every command shares: one way to fail, and one way to load the proofreader."""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING

import typer

from galleyproof.issues import Detector

if TYPE_CHECKING:
    from galleyproof.model.passage_cache import PassageCache

#: `module:factory` naming a detector to use instead of the shipped model. For tests that run
#: the CLI in a child process (the interactive one on a pseudo-terminal), not for users.
DETECTOR_ENV = "GALLEYPROOF_DETECTOR"


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
