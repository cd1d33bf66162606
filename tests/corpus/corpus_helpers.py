"""The offset invariant every cleaned paragraph must keep, shared by the corpus tests."""

from __future__ import annotations

from galleyproof.corpus import Paragraph


def check_offsets(raw: str, paragraph: Paragraph) -> None:
    """Each character comes from its raw offset; a space may stand for any whitespace there."""
    offsets = list(paragraph.source_offsets)
    assert len(offsets) == len(paragraph.text)
    assert offsets == sorted(set(offsets)), "offsets must strictly increase"
    for ch, off in zip(paragraph.text, offsets):
        if ch == " ":
            assert raw[off] in " \t\n", (ch, off, raw[off])
        else:
            assert raw[off] == ch, (ch, off, raw[off])
