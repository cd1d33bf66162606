"""A tokenizer trained in milliseconds on a few KB of varied text, shared by the tests."""

from __future__ import annotations

import pytest

from galleyproof.model.tokenizer import Tokenizer

SAMPLE = (
    "“I don’t know,” said Mr. Knightley — rather coldly — “whether it was wise.”\n"
    "She had been at the café in Zürich; the naïve fiancée wore a façade of résumés.\n"
    "\tIndented line with  two spaces,\r\nWindows line endings,\r\nand numbers 1813–1915.\n"
    "Emoji 😀 and 👍🏽, flags 🇬🇧, CJK 日本語, combining e\u0301 and a\u0308.\n"
    # Many lead bytes sharing the continuation byte A9 before "x", so BPE learns a token
    # that starts in the middle of a character.
    "éx ĩx ũx ɩx ʩx éx ĩx ũx "
)


@pytest.fixture(scope="session")
def tokenizer() -> Tokenizer:
    return Tokenizer.train([SAMPLE] * 20 + [SAMPLE.upper()] * 5, vocab_size=320)
