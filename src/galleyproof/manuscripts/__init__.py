"""Manuscripts as writers keep them: plain text, Markdown, LaTeX, Word and OpenDocument.

`read(path)` picks the reader by the file's extension (or the format named) and returns a
`Manuscript`: the file's text as read, the prose in it, and the map between them.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from galleyproof.manuscripts.docx import read_docx
from galleyproof.manuscripts.extract import Manuscript
from galleyproof.manuscripts.latex import read_latex
from galleyproof.manuscripts.markdown import read_markdown
from galleyproof.manuscripts.odt import read_odt
from galleyproof.text.io import FileStamp, InputError, decode_text, read_bytes

#: Each format and the extensions that name it.
EXTENSIONS = {
    "text": (".txt", ".text"),
    "markdown": (".md", ".markdown", ".mdown", ".mkd"),
    "latex": (".tex", ".ltx"),
    "docx": (".docx",),
    "odt": (".odt",),
}
FORMATS = tuple(EXTENSIONS)
#: Formats stored as zip packages rather than text: no `--fix` on them.
PACKAGED = ("docx", "odt")


def format_of(path: str | os.PathLike) -> str | None:
    """The format a file's extension names, or None for one no reader knows."""
    suffix = Path(path).suffix.lower()
    return next((fmt for fmt, ends in EXTENSIONS.items() if suffix in ends), None)


def from_text(path: str, text: str, fmt: str) -> Manuscript:
    """A text format's manuscript from the file's decoded text."""
    if fmt == "markdown":
        return read_markdown(path, text)
    if fmt == "latex":
        return read_latex(path, text)
    return Manuscript.plain(path, text)


def from_bytes(path: str, data: bytes, fmt: str) -> Manuscript:
    """The manuscript in `data`, read as `fmt`, or `InputError` saying why it cannot be."""
    if fmt in PACKAGED:
        try:
            return read_docx(path, data) if fmt == "docx" else read_odt(path, data)
        except (zipfile.BadZipFile, KeyError, ValueError) as err:
            raise InputError(path, f"not a readable .{fmt} file ({err})") from None
    if data[:2] == b"PK" and fmt == "text":
        raise InputError(path, "a zip package, not a text file; a Word or OpenDocument file must end in .docx or .odt "
                               "(or pass --input-format docx|odt)")
    return from_text(path, decode_text(data, path), fmt)


def read(path: str | os.PathLike, fmt: str | None = None) -> Manuscript:
    """The manuscript at `path`, in `fmt` or the format its extension names (plain text when none)."""
    return read_stamped(path, fmt)[0]


def read_stamped(path: str | os.PathLike, fmt: str | None = None) -> tuple[Manuscript, FileStamp]:
    """`read`, with the file's stamp, which a later fix checks the file against."""
    fmt = fmt or format_of(path) or "text"
    data, stamp = read_bytes(path)
    return from_bytes(str(path), data, fmt), stamp
