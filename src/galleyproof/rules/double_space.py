"""More than one space (or tab) between two words or marks inside a line."""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


@rule("double_space", "whitespace", "More than one space between words",
      flagged="The ship  lies waiting.", clean="The ship lies waiting.", calibrated=True)
def double_space(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return [Issue(m.start(), m.end(), "whitespace", "More than one space", (" ",), 0.6)
            for m in _DOUBLE_SPACE.finditer(doc.text)]
