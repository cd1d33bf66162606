"""Command-line front end: one module per command group, all over the same core."""
