"""`python -m galleyproof` runs the CLI."""

from galleyproof.cli.main import main

main()
