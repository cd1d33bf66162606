"""The detector interface: text in, issues out. Swapping the model touches only this file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Protocol

from galleyproof.issues import Issue


class Detector(Protocol):
    """Anything that finds issues in a text. `version` is logged with every run and eval."""

    version: str

    def detect(self, text: str) -> list[Issue]:
        """Return issues sorted by position, spans indexing `text` as given."""
        ...


def shipped_model_dir() -> Path:
    """The default model that ships inside the package."""
    return Path(str(resources.files("galleyproof").joinpath("models/default")))


def load_default_detector() -> Detector:
    """The detector `check` and `eval` use when no other is named: the active model version
    (the shipped one until `learn` or `model use` says otherwise), minus what the writer
    has put in the dictionary or rejected."""
    from galleyproof.feedback.filter import PersonalFilter
    from galleyproof.model.versions import load_active_model

    return PersonalFilter.from_store(load_active_model())
