"""OpenDocument `.odt` files (LibreOffice), read with odfpy: the text of each paragraph and
heading in document order (lists and table cells included)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from galleyproof.manuscripts.extract import Manuscript
from galleyproof.manuscripts.paragraphs import from_paragraphs

if TYPE_CHECKING:
    from odf.element import Element

#: odfpy's text namespace (`odf.namespaces.TEXTNS`), written out: odfpy is imported on the
#: first .odt, not by every check (start-up time).
TEXTNS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

_PARAGRAPHS = {(TEXTNS, "p"), (TEXTNS, "h")}
#: Text that is not the body's: notes are read apart, as footnotes are in the other formats.
_APART = {(TEXTNS, "note"), (TEXTNS, "tracked-changes")}


def odt_paragraphs(element: Element) -> Iterator[Element]:
    """Paragraphs and headings under `element`, in order; a paragraph inside a paragraph (a
    note's text) is not part of its text."""
    for child in element.childNodes:
        if child.nodeType != child.ELEMENT_NODE:
            continue
        if child.qname in _PARAGRAPHS:
            yield child
        elif child.qname not in _APART:
            yield from odt_paragraphs(child)


def _text(element: Element) -> str:
    """A paragraph's text, spaces, tabs and line breaks as written; a note's text left out."""
    parts = []
    for child in element.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(child.data)
        elif child.qname in _APART:
            continue
        elif child.qname == (TEXTNS, "s"):
            parts.append(" " * int(child.getAttribute("c") or 1))
        elif child.qname == (TEXTNS, "tab"):
            parts.append("\t")
        elif child.qname == (TEXTNS, "line-break"):
            parts.append("\n")
        else:
            parts.append(_text(child))
    return "".join(parts)


def read_odt(path: str, data: bytes) -> Manuscript:
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    return from_paragraphs(path, "odt", (_text(p) for p in odt_paragraphs(document.text)))

