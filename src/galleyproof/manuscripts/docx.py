"""Word `.docx` files, read with python-docx: the text of each paragraph, in the body's order
(table cells included), however Word split it into runs."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from galleyproof.manuscripts.extract import Manuscript
from galleyproof.manuscripts.paragraphs import from_paragraphs

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph


def open_docx(data: bytes) -> WordDocument:
    # python-docx is imported on the first .docx, not by every check (start-up time).
    import docx

    return docx.Document(io.BytesIO(data))


def word_paragraphs(document: WordDocument) -> Iterator[Paragraph]:
    """Every paragraph of the body in reading order, a table's cells row by row (a merged cell once)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    seen: set[int] = set()

    def inside(container) -> Iterator[Paragraph]:
        for item in container.iter_inner_content():
            if isinstance(item, Paragraph):
                yield item
            elif isinstance(item, Table):
                for row in item.rows:
                    for cell in row.cells:
                        if id(cell._tc) not in seen:
                            seen.add(id(cell._tc))
                            yield from inside(cell)

    yield from inside(document)


def read_docx(path: str, data: bytes) -> Manuscript:
    return from_paragraphs(path, "docx", (p.text for p in word_paragraphs(open_docx(data))))
