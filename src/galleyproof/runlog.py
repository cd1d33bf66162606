"""A JSON line per `check` run, so speed and behaviour can be followed over time."""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from galleyproof.paths import data_home


@dataclass
class RunRecord:
    model_version: str
    files: int
    characters: int
    tokens: int
    seconds: float
    issues: dict[str, int] = field(default_factory=dict)
    time: float = field(default_factory=time.time)


def log_path() -> Path:
    return data_home() / "runs.jsonl"


def append(record: RunRecord, path: Path | None = None) -> None:
    """Append one record; a single small write, so concurrent runs don't interleave lines."""
    line = json.dumps(asdict(record), sort_keys=True) + "\n"
    with open(path or log_path(), "a", encoding="utf-8") as fh:
        fh.write(line)


def read(path: Path | None = None) -> list[RunRecord]:
    """All records; lines that are not valid records (a crash mid-write) are skipped."""
    p = path or log_path()
    if not p.exists():
        return []
    records = []
    for line in p.read_text(encoding="utf-8").splitlines():
        try:
            records.append(RunRecord(**json.loads(line)))
        except (ValueError, TypeError):
            continue
    return records


@dataclass
class Summary:
    model_version: str
    runs: int
    characters: int
    tokens: int
    seconds: float
    issues: Counter

    @property
    def chars_per_second(self) -> float:
        return self.characters / self.seconds if self.seconds else 0.0


def summarise(records: list[RunRecord]) -> list[Summary]:
    """Totals per model version, in the order versions first appear."""
    groups: dict[str, list[RunRecord]] = defaultdict(list)
    for r in records:
        groups[r.model_version].append(r)
    out = []
    for version, rs in groups.items():
        issues: Counter = Counter()
        for r in rs:
            issues.update(r.issues)
        out.append(
            Summary(
                version,
                len(rs),
                sum(r.characters for r in rs),
                sum(r.tokens for r in rs),
                sum(r.seconds for r in rs),
                issues,
            )
        )
    return out
