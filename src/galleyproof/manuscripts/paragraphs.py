"""What Word and OpenDocument files have in common: a document is its paragraphs.

Their text, as the reader extracts it, is the paragraphs one to a line (a line break inside
a paragraph stays a line break); every offset indexes that text, and an issue is also placed
as (paragraph number, offset in it). Each paragraph is checked as a paragraph of prose.
"""

from __future__ import annotations

from collections.abc import Iterable

from galleyproof.manuscripts.extract import Manuscript, ProseBuilder


def from_paragraphs(path: str, fmt: str, paragraphs: Iterable[str]) -> Manuscript:
    texts = list(paragraphs)
    starts, pos = [], 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + 1
    source = "\n".join(texts)
    out = ProseBuilder(source)
    for start, text in zip(starts, texts):
        out.copy(start, start + len(text))
        out.paragraph_break()
    return out.build(path, fmt, starts)
