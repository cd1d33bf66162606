"""Two spaces after a sentence: a typing convention where the writer keeps it, a slip where not.

Many writers (and some printed books, in their verse) put two spaces after a full stop, "!"
or "?". The training books were read with every run of spaces made one, and the noise injects
double spaces as errors, so the model flags each such gap. Kept through a paragraph, or
through the document, the gaps are the writer's spacing, not a slip: a whitespace flag whose
only runs of spaces are such gaps does not stand. A lone double gap among single ones is still
flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document
from galleyproof.text.paragraphs import paragraph_spans

#: A sentence's end (closing quotes, brackets and italic marks after its mark), the spaces after
#: it on the same line, and the next sentence's capital (opening quotes before it).
_GAP = re.compile(r"[.!?][”’\"')\]_]*( +)(?=[“‘\"'(\[_]*[A-Z])")
_SPACE_RUN = re.compile(r" {2,}")
#: A paragraph (or the document) keeps the convention with at least this many double gaps, and
#: no more single ones.
MIN_DOUBLE_GAPS = 2
#: How far beyond a flag to look for the rest of a run of spaces it holds part of.
LOOK_AROUND = 16


def _double_gaps(gaps: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The double gaps of a stretch of text, if it keeps the convention, else none."""
    doubles = [g for g in gaps if g[1] - g[0] > 1]
    kept = len(doubles) >= MIN_DOUBLE_GAPS and len(doubles) * 2 >= len(gaps)
    return doubles if kept else []


def conventional_gaps(text: str, paragraphs: Iterable[tuple[int, int]] | None = None) -> set[tuple[int, int]]:
    """Spans of the runs of spaces after sentences that the writer's spacing explains: those of
    a paragraph that keeps the convention, or all of them where the whole document does.
    `paragraphs`: the text's paragraph spans, when already found."""
    gaps = [m.span(1) for m in _GAP.finditer(text)]
    if not any(e - s > 1 for s, e in gaps):
        return set()
    found = set(_double_gaps(gaps))
    i = 0
    for lo, hi in paragraph_spans(text) if paragraphs is None else paragraphs:
        paragraph = []
        while i < len(gaps) and gaps[i][0] <= hi:
            if gaps[i][0] >= lo:
                paragraph.append(gaps[i])
            i += 1
        found.update(_double_gaps(paragraph))
    return found


def drop_conventional_spacing(doc: Document, flags: Iterable[Flag]) -> list[Flag]:
    """Flags less the whitespace flags whose runs of spaces, held or touched, are all conventional
    sentence gaps."""
    flags = list(flags)
    if not any(f.category == "whitespace" for f in flags):
        return flags
    text = doc.text
    gaps = conventional_gaps(text, doc.paragraphs)
    if not gaps:
        return flags

    def conventional(f: Flag) -> bool:
        # Whole runs of spaces the flag holds (perhaps in part) or touches, as the model flags
        # "it!" and "Hark" beside the spaces of "it!  Hark": all must be gaps.
        runs = [m.span() for m in _SPACE_RUN.finditer(text, max(0, f.start - LOOK_AROUND), f.end + LOOK_AROUND)
                if m.start() <= f.end and f.start <= m.end()]
        return bool(runs) and all(run in gaps for run in runs)

    return [f for f in flags if not (f.category == "whitespace" and conventional(f))]
