"""`galleyproof init`: a commented starter `galleyproof.toml` for a manuscript's folder."""

from __future__ import annotations

from pathlib import Path

import typer

from galleyproof.cli.common import fail
from galleyproof.config import CONFIG_FILE, STARTER


def init(
    folder: Path = typer.Argument(Path("."), help="The manuscript's folder.", file_okay=False),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing galleyproof.toml."),
) -> None:
    """Write a commented galleyproof.toml: rules and categories on or off, the least score
    listed, the book's own words, files a folder check leaves out."""
    target = folder / CONFIG_FILE
    if target.exists() and not force:
        raise fail(f"{target} already exists; pass --force to overwrite it")
    try:
        target.write_text(STARTER, encoding="utf-8")
    except OSError as err:
        raise fail(f"cannot write {target}: {err.strerror or err}") from None
    typer.echo(f"wrote {target}")
