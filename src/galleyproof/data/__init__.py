"""Data shipped with the package (lexicon)."""
