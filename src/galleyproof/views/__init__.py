"""Whole-text views of a checked file: an HTML page to read in a browser, inline markers to diff."""
