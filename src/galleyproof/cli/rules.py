"""`galleyproof rules`: every rule the checker runs, from the registry."""

from __future__ import annotations

import json
from enum import Enum

import typer

from galleyproof.model import versions
from galleyproof.model.folder import THRESHOLDS_FILE
from galleyproof.rules import Rule, all_rules, resolve


class RulesFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _calibrated_on() -> frozenset[str] | None:
    """The calibrated rules the active model switches on; None if its thresholds cannot be read."""
    try:
        folder = versions.model_dir(versions.active_version())
        names = json.loads((folder / THRESHOLDS_FILE).read_text(encoding="utf-8")).get("rules", ())
        return resolve(names)
    except (OSError, ValueError):
        return None


def _runs(r: Rule, on: frozenset[str] | None) -> str:
    if not r.calibrated:
        return "always"
    if on is None:
        return "if calibrated"
    return "yes (calibrated)" if r.id in on else "no (calibrated)"


def markdown_table(rules: tuple[Rule, ...] = ()) -> str:
    """The rules as the README lists them."""
    rows = ["| rule | category | what it flags | runs |", "|---|---|---|---|"]
    for r in rules or all_rules():
        runs = "where the model's calibration chose it" if r.calibrated else "always"
        rows.append(f"| `{r.id}` | {r.category} | {r.description} | {runs} |")
    return "\n".join(rows) + "\n"


def rules(
    output_format: RulesFormat = typer.Option(RulesFormat.text, "--format", "-f", help="text, json or markdown."),
) -> None:
    """List every rule: its id (the "rule" of each issue in --format json), its category, what
    it flags, and whether it runs. Calibrated rules run beside the model only where its
    calibration found they add precision-safe recall; the model's own flags are `model.<category>`."""
    found = all_rules()
    on = _calibrated_on()
    if output_format is RulesFormat.markdown:
        typer.echo(markdown_table(found), nl=False)
    elif output_format is RulesFormat.json:
        typer.echo(json.dumps([{"id": r.id, "category": r.category, "description": r.description,
                                "calibrated": r.calibrated, "runs": _runs(r, on)} for r in found], ensure_ascii=False,
                              indent=1))
    else:
        width = max(len(r.id) for r in found)
        for r in found:
            typer.echo(f"{r.id:<{width}}  {r.category:<14}  {_runs(r, on):<16}  {r.description}")
