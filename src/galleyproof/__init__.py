"""galleyproof: an offline proofreader for English prose."""

__version__ = "0.1.0"
