"""The detector interface: text in, issues out. Swapping the model touches only this file."""

from __future__ import annotations

from typing import Protocol

from galleyproof.issues import Issue


class Detector(Protocol):
    """Anything that finds issues in a text. `version` is logged with every run and eval."""

    version: str

    def detect(self, text: str) -> list[Issue]:
        """Return issues sorted by position, spans indexing `text` as given."""
        ...


def load_default_detector() -> Detector:
    """The detector `check` and `eval` use when no other is named."""
    from galleyproof.baseline import BaselineDetector
    from galleyproof.lexicon import Lexicon

    return BaselineDetector(Lexicon.load_default())
