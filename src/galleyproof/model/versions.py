"""Model versions: the shipped one ("default") and every one `learn` kept, each restorable.

Each learned version is a full model folder under `data_home()/models/<version>/` with a
`version.json` (parent, created, decisions used, gate numbers). Which one is active lives
in the feedback store as a history, so `rollback` undoes one step at a time.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from galleyproof.feedback.store import FeedbackStore
from galleyproof.paths import data_home

DEFAULT = "default"
META_FILE = "version.json"

_VERSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass
class VersionInfo:
    """What `model list` shows of a version."""

    version: str
    parent: str | None
    created: float
    decisions: int = 0
    gate: dict = field(default_factory=dict)
    model_version: str = ""  # the version string inside its config.json
    damaged: str = ""  # why its version.json could not be read, if it could not

    def to_json(self) -> dict:
        return asdict(self)


def shipped_model_dir() -> Path:
    """The default model that ships inside the package."""
    return Path(str(resources.files("galleyproof").joinpath("models/default")))


def versions_dir() -> Path:
    return data_home() / "models"


def model_dir(version: str) -> Path:
    """Where a version's model folder is; the shipped one is used in place, never copied."""
    if version == DEFAULT:
        return shipped_model_dir()
    if not _VERSION_NAME.fullmatch(version):
        raise ValueError(f"{version!r} is not a version name")
    return versions_dir() / version


def info(version: str) -> VersionInfo:
    """A version's metadata; LookupError if there is no such version."""
    folder = model_dir(version)
    config = folder / "config.json"
    if version == DEFAULT:
        model_version = json.loads(config.read_text(encoding="utf-8")).get("version", "") if config.exists() else ""
        created = config.stat().st_mtime if config.exists() else 0.0
        return VersionInfo(DEFAULT, None, created, model_version=model_version)
    meta = folder / META_FILE
    if not meta.is_file():
        raise LookupError(f"no model version {version!r} (see `galleyproof model list`)")
    try:
        fields = json.loads(meta.read_text(encoding="utf-8"))
        found = VersionInfo(**fields)
        if found.version != version or not isinstance(found.created, (int, float)):
            raise ValueError("it names another version" if found.version != version else "no creation time")
        return found
    except (ValueError, TypeError) as err:  # JSON errors are ValueErrors; a wrong field a TypeError
        return VersionInfo(version, None, 0.0, damaged=f"{meta} is damaged ({err})")


def list_versions() -> list[VersionInfo]:
    """The shipped version, then learned ones oldest first."""
    learned = []
    if versions_dir().is_dir():
        for meta in versions_dir().glob(f"*/{META_FILE}"):
            learned.append(info(meta.parent.name))
    return [info(DEFAULT), *sorted(learned, key=lambda v: (v.created, v.version))]


def active_version(store: FeedbackStore | None = None) -> str:
    own = store is None
    store = store or FeedbackStore()
    try:
        return store.active_version() or DEFAULT
    finally:
        if own:
            store.close()


def use(version: str) -> None:
    """Make `version` the active one; LookupError if it does not exist."""
    info(version)
    with FeedbackStore() as store:
        store.activate(version)


def rollback() -> str:
    """Go back to the version active before the last change; returns it. LookupError if none."""
    with FeedbackStore() as store:
        return store.roll_back() or DEFAULT


def new_version_name() -> str:
    """`learn-YYYYMMDD-HHMMSS`, with a suffix if that second is taken."""
    base = time.strftime("learn-%Y%m%d-%H%M%S", time.gmtime())
    name, n = base, 1
    while model_dir(name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def register(folder: Path, meta: VersionInfo) -> Path:
    """Move a finished model folder in as `meta.version` (the folder must be on the same disk)."""
    target = model_dir(meta.version)
    (folder / META_FILE).write_text(json.dumps(meta.to_json(), indent=1), encoding="utf-8")
    versions_dir().mkdir(parents=True, exist_ok=True)
    folder.rename(target)
    return target


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
