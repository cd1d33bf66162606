"""The shapes every stage passes along: a book is paragraphs, each mapped back to the raw file."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path


class OffsetMap(Sequence[int]):
    """Read-only ``list[int]`` of raw-file offsets, stored as runs.

    Unwrapped text maps to the raw file in a few contiguous runs per paragraph, so runs
    cost a few bytes per paragraph where a plain list would cost ~36 bytes per character.
    """

    __slots__ = ("_starts", "_raws", "_len")

    def __init__(self, starts: list[int], raws: list[int], length: int) -> None:
        # Run k covers text[starts[k]:starts[k+1]] and begins at raw offset raws[k].
        self._starts = starts
        self._raws = raws
        self._len = length

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("offset index out of range")
        k = bisect_right(self._starts, index) - 1
        return self._raws[k] + index - self._starts[k]

    def __iter__(self) -> Iterator[int]:
        ends = [*self._starts[1:], self._len]
        return chain.from_iterable(
            range(raw, raw + end - start) for start, end, raw in zip(self._starts, ends, self._raws)
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == self._len and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"OffsetMap({list(self)!r})" if self._len <= 20 else f"OffsetMap(<{self._len} offsets>)"


@dataclass(slots=True)
class Paragraph:
    """An unwrapped paragraph; ``source_offsets[i]`` is where ``text[i]`` sits in the raw file.

    A space that stands for a line break (or a collapsed run of spaces) points at that
    newline (or the run's first space). Headings are kept, flagged, so training can skip them.
    """

    text: str
    source_offsets: Sequence[int] | None = None
    is_heading: bool = False


@dataclass(slots=True)
class Book:
    """One cleaned file; ``duplicates_removed`` counts paragraphs dropped as seen elsewhere."""

    name: str
    path: Path
    paragraphs: list[Paragraph] = field(default_factory=list)
    duplicates_removed: int = 0
