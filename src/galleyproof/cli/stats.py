"""`galleyproof stats`: what the run log says about past checks."""

from __future__ import annotations

from galleyproof import runlog
from galleyproof.issues import CATEGORIES


def stats() -> None:
    """Summarise the local run log: runs, characters, speed and issues per category."""
    records = runlog.read()
    # Imported when used, not on every command's start (start-up time).
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console.width = max(console.width, 160)  # a piped table should not squeeze its columns
    if not records:
        console.print(f"No runs logged yet ({runlog.log_path()}).")
        return
    table = Table(title=f"galleyproof runs ({runlog.log_path()})")
    for col in ("model", "runs", "characters", "tokens", "seconds", "chars/s", *CATEGORIES):
        table.add_column(col, justify="left" if col == "model" else "right")
    for s in runlog.summarise(records):
        table.add_row(
            s.model_version,
            str(s.runs),
            f"{s.characters:,}",
            f"{s.tokens:,}",
            f"{s.seconds:.2f}",
            f"{s.chars_per_second:,.0f}",
            *(str(s.issues.get(c, 0)) for c in CATEGORIES),
        )
    console.print(table)
