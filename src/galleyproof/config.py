"""A manuscript's own settings: `galleyproof.toml` (or `[tool.galleyproof]` in a
`pyproject.toml`), found by walking up from the checked file, and what the command line adds.

It says which rules and categories run, the least score listed and fixed, words the
manuscript may use, and which files a folder check leaves out.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from galleyproof.issues import CATEGORIES, Issue
from galleyproof.model.sensitivity import DEFAULT, SENSITIVITIES

CONFIG_FILE = "galleyproof.toml"
#: The keys a config may set; any other is refused, so a typo is not silently ignored.
KEYS = frozenset({"only", "ignore", "min_score", "words", "exclude", "variety", "sensitivity"})
#: The English varieties a manuscript may be written in (`rules/mixed_spellings`).
VARIETIES = ("en-US", "en-GB")
#: The score `--fix` applies from when neither the command line nor a config says.
DEFAULT_FIX_SCORE = 0.8

STARTER = """\
# galleyproof settings for this manuscript: `galleyproof check` reads the nearest
# galleyproof.toml above the file it checks (or [tool.galleyproof] in a pyproject.toml).

# Rules or categories to leave out (ids as `galleyproof rules` lists them; categories:
# spelling, word_choice, punctuation, whitespace, capitalization, grammar).
# ignore = ["whitespace", "stray_capitals"]

# Or only these (the command line's --only / --ignore add to this).
# only = ["spelling", "grammar"]

# The least score an issue needs to be listed, and --fix applies (0 to 1).
# min_score = 0.8

# The book's English: "en-GB" or "en-US". Spellings of the other variety ("color" in
# an en-GB book) are flagged; unset, only a spelling the book also writes the other way is.
# variety = "en-GB"

# How much the model flags: "thorough" (the default: finds more of a writer's slips) or
# "precise" (only its surest flags: about a fifth of the false alarms, and fewer slips found).
# sensitivity = "precise"

# Words of this book: never flagged as misspellings.
# words = ["Mowgli", "Baloo", "Seeonee"]

# Files and folders a folder check leaves out (.gitignore-style patterns).
# exclude = ["drafts/", "notes*.md"]
"""


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class Settings:
    """What decides which issues are listed. `source` is the config file read, if any."""

    only: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    min_score: float | None = None
    words: frozenset[str] = frozenset()
    exclude: tuple[str, ...] = ()
    variety: str | None = None
    sensitivity: str = DEFAULT
    source: Path | None = None
    root: Path | None = field(default=None, repr=False)

    def with_options(self, only: Iterable[str] = (), ignore: Iterable[str] = (),
                     min_score: float | None = None, variety: str | None = None,
                     sensitivity: str | None = None) -> Settings:
        """These settings with the command line's on top: its lists add, its score, variety
        and sensitivity replace."""
        if variety is not None and variety not in VARIETIES:
            raise ConfigError(f"--variety: unknown English variety {variety!r}; known: {', '.join(VARIETIES)}")
        if sensitivity is not None and sensitivity not in SENSITIVITIES:
            raise ConfigError(f"--sensitivity: unknown sensitivity {sensitivity!r}; known: {', '.join(SENSITIVITIES)}")
        return replace(self, only=self.only | set(only), ignore=self.ignore | set(ignore),
                       min_score=self.min_score if min_score is None else min_score,
                       variety=self.variety if variety is None else variety,
                       sensitivity=self.sensitivity if sensitivity is None else sensitivity)

    @property
    def fix_score(self) -> float:
        return DEFAULT_FIX_SCORE if self.min_score is None else self.min_score

    def wanted(self, issue: Issue, text: str) -> bool:
        """Whether the issue is listed: its rule and category on, its score high enough, and
        not a misspelling of a word of the book."""
        names = {issue.category, issue.rule}
        if self.only and not names & self.only:
            return False
        if names & self.ignore:
            return False
        if self.min_score is not None and issue.score < self.min_score:
            return False
        if self.words and issue.category == "spelling":
            word = text[issue.start : issue.end].strip(" \t\n\r.,;:!?\"'“”‘’()").casefold()
            if word in self.words:
                return False
        return True

    def select(self, issues: list[Issue], text: str) -> list[Issue]:
        return [i for i in issues if self.wanted(i, text)]

    def excluded(self, path: Path) -> bool:
        """Whether a file found in a folder check matches one of the `exclude` patterns."""
        if not self.exclude:
            return False
        base = self.root or Path.cwd()
        try:
            rel = path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            rel = path.as_posix()
        return any(_matches(rel, pattern) for pattern in self.exclude)


def _matches(rel: str, pattern: str) -> bool:
    """A .gitignore-style match of a path relative to the config's folder: `name/` a folder
    anywhere, a pattern with no `/` any file or folder name, `a/b` (or `/b`) from the root."""
    folder = pattern.endswith("/")
    anchored = pattern.startswith("/")
    pattern = pattern.strip("/")
    parts = rel.split("/")
    if "/" not in pattern and not anchored:
        return any(fnmatch.fnmatchcase(p, pattern) for p in (parts[:-1] if folder else parts))
    prefixes = ["/".join(parts[:k]) for k in range(1, len(parts) + (0 if folder else 1))]
    return any(fnmatch.fnmatchcase(p, pattern) for p in prefixes)


def check_names(names: Iterable[str], known_rules: Iterable[str], where: str) -> None:
    """Refuse a rule or category no one knows, naming where it was written."""
    known = set(CATEGORIES) | set(known_rules) | {f"model.{c}" for c in CATEGORIES}
    unknown = sorted(set(names) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown rule or category {', '.join(map(repr, unknown))}; "
                          "`galleyproof rules` lists the rules, and the categories are " + ", ".join(CATEGORIES))


def find_config(start: str | os.PathLike) -> Path | None:
    """The nearest `galleyproof.toml`, or `pyproject.toml` with a `[tool.galleyproof]` table,
    in `start`'s folder or above."""
    start = Path(start).absolute()
    try:
        here = start.resolve()
    except (RuntimeError, OSError):
        # A link loop has no target (the read names it); its own folder's config still counts.
        here = start.parent.resolve() / start.name
    for folder in ([here] if here.is_dir() else []) + list(here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        project = folder / "pyproject.toml"
        if project.is_file() and "galleyproof" in _read(project).get("tool", {}):
            return project
    return None


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror or err}") from None


def load(path: Path) -> Settings:
    """The settings a config file holds."""
    table = _read(path)
    if path.name == "pyproject.toml":
        table = table.get("tool", {}).get("galleyproof", {})
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown setting {', '.join(map(repr, unknown))}; known: {', '.join(sorted(KEYS))}")

    def strings(key: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {key} must be a list of strings")
        return value

    score = table.get("min_score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 1):
        raise ConfigError(f"{path}: min_score must be a number from 0 to 1")
    variety = table.get("variety")
    if variety is not None and variety not in VARIETIES:
        raise ConfigError(f"{path}: variety must be one of {', '.join(map(repr, VARIETIES))}")
    sensitivity = table.get("sensitivity", DEFAULT)
    if sensitivity not in SENSITIVITIES:
        raise ConfigError(f"{path}: sensitivity must be one of {', '.join(map(repr, SENSITIVITIES))}")
    return Settings(only=frozenset(strings("only")), ignore=frozenset(strings("ignore")),
                    min_score=None if score is None else float(score),
                    words=frozenset(w.casefold() for w in strings("words")), exclude=tuple(strings("exclude")),
                    variety=variety, sensitivity=sensitivity, source=path, root=path.parent)


def settings_for(start: str | os.PathLike) -> Settings:
    """The settings of the nearest config above `start`, or the defaults."""
    found = find_config(start)
    return load(found) if found is not None else Settings()
