"""`galleyproof model`: list the model versions, switch between them, go back; export a
folder's tagger as an int8 ONNX graph."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from galleyproof.cli.common import fail
from galleyproof.model import versions as registry

app = typer.Typer(help="Model versions: the shipped one and every one `learn` kept.", no_args_is_help=True)


def _gate_summary(gate: dict) -> str:
    if not gate:
        return ""
    learned = f" ({gate['rejected_learned']} by the model alone)" if "rejected_learned" in gate else ""
    parts = [f"rejected honoured {gate['rejected_honoured']}/{gate['rejected']}{learned}",
             f"accepted kept {gate['accepted_kept']}/{gate['accepted']}"]
    if gate.get("recall_delta") is not None:
        parts.append(f"recall {gate['recall_delta']:+.3f} (p {gate['p_value']:.3g})")
    else:
        parts.append("no eval")
    if gate.get("forced"):
        parts.append("FORCED")
    return ", ".join(parts)


@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Every version, oldest first; the active one is marked *."""
    versions = registry.list_versions()
    active = registry.active_version()
    if as_json:
        typer.echo(json.dumps([v.to_json() | {"active": v.version == active} for v in versions], indent=1))
        return
    # Imported when used, not on every command's start (start-up time).
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title="model versions")
    for name in ("", "version", "parent", "created", "decisions", "gate"):
        table.add_column(name)
    for v in versions:
        created = time.strftime("%Y-%m-%d %H:%M", time.localtime(v.created)) if v.created else "-"
        table.add_row("*" if v.version == active else "", Text(v.version), Text(v.parent or "-"), created,
                      str(v.decisions) if v.parent else "-",
                      Text(f"DAMAGED: {v.damaged}" if v.damaged else _gate_summary(v.gate)))
    console = Console(highlight=False)
    if not console.is_terminal:
        console.width = max(console.width, 160)  # a piped table should not squeeze its columns
    console.print(table)


@app.command("use")
def use(version: str = typer.Argument(..., help="A version from `model list` (\"default\": the shipped one).")) -> None:
    """Make VERSION the model `check` uses (after loading each of its files: a damaged one is refused)."""
    # Imported here: the model loaders are needed by this command only.
    from galleyproof.model.files import ModelFilesError, check_model_dir, diagnose

    try:
        if registry.info(version).damaged:
            raise fail(f"not using {version}: {registry.info(version).damaged}")
        folder = registry.model_dir(version)
        check_model_dir(folder)
        damaged = diagnose(folder)
        if damaged is not None:
            raise damaged
        registry.use(version)
    except ModelFilesError as err:
        raise fail(f"not using {version}: {err}") from None
    except (LookupError, ValueError) as err:
        raise fail(str(err).strip("'\"")) from None
    typer.echo(f"active model: {version}")


@app.command("rollback")
def rollback() -> None:
    """Go back to the version that was active before the last `use` or `learn`."""
    try:
        version = registry.rollback()
    except LookupError as err:
        raise fail(str(err).strip("'\"")) from None
    typer.echo(f"active model: {version}")


@app.command("export-onnx")
def export_onnx_(
    folder: Path = typer.Argument(..., help="A model folder (as `train` wrote it), e.g. src/galleyproof/models/default."),
) -> None:
    """Write FOLDER's tagger as an int8 ONNX graph (tagger.int8.onnx), made from its weights.npz.

    A folder with a graph runs its model in onnxruntime (2.1x numpy's forward pass), on scores
    within 0.03 of numpy's; `train` writes one before it calibrates the thresholds, and the
    shipped model has one. For a folder made without one, choose its thresholds again
    afterwards (`galleyproof train --calibrate-only --out FOLDER ...`). Needs `pip install
    'galleyproof[onnx]'`. The same weights give the same file.
    """
    # Imported here: the exporter and onnx are needed by this command only.
    from galleyproof.model.files import ModelFilesError, check_model_dir

    try:
        # Imported here, and first: onnx is an optional extra, so say it is missing before any work.
        import onnx  # noqa: F401

        from galleyproof.model.onnx_export import export_onnx
    except ImportError as err:
        raise fail(f"export-onnx needs {err.name}, which is not installed: pip install 'galleyproof[onnx]'") from None
    try:
        check_model_dir(folder)
        out = export_onnx(folder)
    except ModelFilesError as err:
        raise fail(str(err)) from None
    except OSError as err:
        raise fail(f"{folder}: cannot write the graph: {err.strerror or err}") from None
    typer.echo(f"wrote {out} ({out.stat().st_size / 2**20:.1f} MiB)")
