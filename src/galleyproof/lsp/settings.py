"""The editor's settings (`initializationOptions`, `workspace/didChangeConfiguration`) over the
manuscript's own `galleyproof.toml`, as the command line's options go over it: `only` and
`ignore` add to the file's lists, `minScore` replaces its score; what the editor leaves out
(or sets to null), the file decides.

    {"ignore": ["whitespace", "stray_capitals"], "only": [], "minScore": 0.6, "debounceMs": 300}
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from galleyproof.config import ConfigError, Settings, settings_for
from galleyproof.issues import CATEGORIES
from galleyproof.model.sensitivity import SENSITIVITIES
from galleyproof.rules import all_rules

log = logging.getLogger(__name__)

#: How long typing must pause before a changed document is checked again.
DEFAULT_DEBOUNCE_MS = 250


def known_names() -> set[str]:
    """The rule ids and categories a setting may name."""
    return set(CATEGORIES) | {f"model.{c}" for c in CATEGORIES} | {r.id for r in all_rules()}


@dataclass(frozen=True)
class EditorSettings:
    """What the editor set; None (or an absent key) leaves the project config's value alone."""

    only: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
    min_score: float | None = None
    sensitivity: str | None = None
    debounce_ms: int = DEFAULT_DEBOUNCE_MS

    @classmethod
    def parse(cls, raw: object) -> EditorSettings:
        """The settings in a client's JSON: the object itself, or its `galleyproof` member. A
        value of the wrong type, or an unknown rule or category, is left out and logged, so one
        typo does not turn the proofreader off."""
        if isinstance(raw, dict) and isinstance(raw.get("galleyproof"), dict):
            raw = raw["galleyproof"]
        if not isinstance(raw, dict):
            return cls()
        found: dict = {}
        for key in ("only", "ignore"):
            value = raw.get(key)
            if value is None:
                continue
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                log.warning("setting %s must be a list of rule ids or categories; ignored", key)
                continue
            unknown = set(value) - known_names()
            if unknown:
                log.warning("setting %s: unknown rule or category %s; left out", key, ", ".join(sorted(unknown)))
            found[key] = frozenset(value) - unknown
        score = raw.get("minScore", raw.get("min_score"))
        if score is not None:
            if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 1:
                log.warning("setting minScore must be a number from 0 to 1; ignored")
            else:
                found["min_score"] = float(score)
        sensitivity = raw.get("sensitivity")
        if sensitivity is not None:
            if sensitivity not in SENSITIVITIES:
                log.warning("setting sensitivity must be one of %s; ignored", ", ".join(SENSITIVITIES))
            else:
                found["sensitivity"] = sensitivity
        debounce = raw.get("debounceMs")
        if debounce is not None:
            if isinstance(debounce, bool) or not isinstance(debounce, (int, float)) or debounce < 0:
                log.warning("setting debounceMs must be a number of milliseconds; ignored")
            else:
                found["debounce_ms"] = int(debounce)
        return cls(**found)

    def over(self, config: Settings) -> Settings:
        """The project's settings with the editor's on top."""
        return config.with_options(only=self.only or (), ignore=self.ignore or (), min_score=self.min_score,
                                   sensitivity=self.sensitivity)


def project_settings(path: Path | None) -> Settings:
    """The nearest config's settings above `path` (the working folder for a document not on
    disk); a broken config is logged and the defaults used, so the editor still gets flags."""
    try:
        return settings_for(path if path is not None else Path.cwd())
    except ConfigError as err:
        log.warning("%s; checking with the default settings", err)
        return Settings()
