"""`galleyproof corpus` (being written)."""

import typer

app = typer.Typer(help="Fetch and inspect training corpora.", no_args_is_help=True)
