"""Reading eval sets and other tools' predictions, refusing bad input with file and line."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from galleyproof.issues import Issue
from galleyproof.text.io import InputError, read_text


@dataclass(frozen=True, slots=True)
class GoldError:
    """A hand-marked error: ``text[start:end] == wrong`` (half-open)."""

    start: int
    end: int
    wrong: str
    correct: str


@dataclass(frozen=True, slots=True)
class EvalItem:
    """One paragraph of an eval set; `category` is the paragraph's, shared by its errors."""

    id: str
    category: str
    text: str
    errors: tuple[GoldError, ...]
    source: str = ""
    chapter: str = ""


@dataclass(frozen=True, slots=True)
class EvalData:
    """An eval file as loaded; the SHA-256 ties saved results to exactly these bytes."""

    path: str
    sha256: str
    items: tuple[EvalItem, ...]


@dataclass(frozen=True, slots=True)
class Prediction:
    """A flagged span; `category`, `score` and `suggestions` (replacements for the span, best
    first) are whatever the flagging tool reported."""

    start: int
    end: int
    category: str = ""
    score: float | None = None
    suggestions: tuple[str, ...] = ()

    @classmethod
    def from_issue(cls, issue: Issue) -> Prediction:
        return cls(issue.start, issue.end, issue.category, issue.score, issue.suggestions)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse_error(raw: object, text: str, k: int) -> GoldError:
    if not isinstance(raw, dict):
        raise ValueError(f"error {k}: expected an object")
    start, end = raw.get("start"), raw.get("end")
    wrong, correct = raw.get("wrong"), raw.get("correct")
    if not (_is_int(start) and _is_int(end)):
        raise ValueError(f"error {k}: start and end must be integers")
    # start == end: a missing word (scored with the gap widened to one character).
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"error {k}: span [{start}, {end}) is outside the text ({len(text)} characters)")
    if not (isinstance(wrong, str) and isinstance(correct, str)):
        raise ValueError(f"error {k}: wrong and correct must be strings")
    if text[start:end] != wrong:
        raise ValueError(f"error {k}: text[{start}:{end}] is {text[start:end]!r}, not {wrong!r}")
    return GoldError(start, end, wrong, correct)


def _parse_item(raw: object) -> EvalItem:
    if not isinstance(raw, dict):
        raise ValueError("expected a JSON object")
    for key, kind in (("id", str), ("category", str), ("text", str), ("errors", list)):
        if not isinstance(raw.get(key), kind):
            raise ValueError(f"'{key}' missing or not a {kind.__name__}")
    text = raw["text"]
    errors = tuple(_parse_error(e, text, k) for k, e in enumerate(raw["errors"], 1))
    return EvalItem(
        id=raw["id"],
        category=raw["category"],
        text=text,
        errors=errors,
        source=str(raw.get("source", "")),
        chapter=str(raw.get("chapter", "")),
    )


def load_eval(path: str | os.PathLike) -> EvalData:
    """Load an eval JSONL file (one item a line, blank lines skipped), or raise `InputError`."""
    content = read_text(path)
    items: list[EvalItem] = []
    first_line: dict[str, int] = {}
    # Split on "\n" only: str.splitlines would also break at U+2028 inside a JSON string.
    for lineno, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        try:
            item = _parse_item(json.loads(line))
        except json.JSONDecodeError as err:
            raise InputError(path, f"line {lineno}: not valid JSON ({err.msg})") from None
        except ValueError as err:
            raise InputError(path, f"line {lineno}: {err}") from None
        if item.id in first_line:
            raise InputError(path, f"line {lineno}: duplicate id {item.id!r} (first on line {first_line[item.id]})")
        first_line[item.id] = lineno
        items.append(item)
    if not items:
        raise InputError(path, "no eval items")
    # read_text decodes losslessly, so re-encoding gives back the file's exact bytes.
    sha = hashlib.sha256(content.encode("utf-8")).hexdigest()
    return EvalData(str(path), sha, tuple(items))


def _parse_prediction(raw: object, where: str) -> Prediction:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected an object")
    start, end, score = raw.get("start"), raw.get("end"), raw.get("score")
    if not (_is_int(start) and _is_int(end) and 0 <= start < end):
        raise ValueError(f"{where}: needs integer start < end, got {start!r}, {end!r}")
    if score is not None and not (isinstance(score, (int, float)) and not isinstance(score, bool)):
        raise ValueError(f"{where}: score must be a number")
    suggestions = raw.get("suggestions", [])
    if not (isinstance(suggestions, list) and all(isinstance(s, str) for s in suggestions)):
        raise ValueError(f"{where}: suggestions must be a list of strings")
    category = str(raw.get("category", ""))
    return Prediction(start, end, category, None if score is None else float(score), tuple(suggestions))


def load_predictions(path: str | os.PathLike) -> dict[str, list[Prediction]]:
    """Flags from ``galleyproof check --format json`` output, keyed by each file's stem.

    Accepts the list `check` prints for several files or the single object it prints for one.
    """
    try:
        payload = json.loads(read_text(path))
    except json.JSONDecodeError as err:
        raise InputError(path, f"line {err.lineno}: not valid JSON ({err.msg})") from None
    entries = [payload] if isinstance(payload, dict) else payload
    if not isinstance(entries, list):
        raise InputError(path, "expected a JSON list of {file, issues} objects, or one such object")
    out: dict[str, list[Prediction]] = {}
    for n, entry in enumerate(entries, 1):
        if not (isinstance(entry, dict) and isinstance(entry.get("file"), str) and isinstance(entry.get("issues"), list)):
            raise InputError(path, f"entry {n}: expected an object with 'file' (string) and 'issues' (list)")
        stem = Path(entry["file"]).stem
        if stem in out:
            raise InputError(path, f"entry {n}: a second file with stem {stem!r}")
        try:
            out[stem] = [_parse_prediction(i, f"entry {n} issue {k}") for k, i in enumerate(entry["issues"], 1)]
        except ValueError as err:
            raise InputError(path, str(err)) from None
    return out


def write_texts(items: Sequence[EvalItem], directory: str | os.PathLike) -> list[Path]:
    """Write each item's text to ``<directory>/<id>.txt`` byte-exact, for other tools to check."""
    root = Path(directory)
    for item in items:
        if Path(item.id).name != item.id or item.id in {".", ".."}:
            raise InputError(directory, f"item id {item.id!r} is not usable as a file name")
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in items:
        p = root / f"{item.id}.txt"
        with open(p, "w", encoding="utf-8", newline="") as fh:
            fh.write(item.text)
        paths.append(p)
    return paths
