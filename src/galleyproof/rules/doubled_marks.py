"""A comma, semicolon or colon typed twice, or two full stops that are not an ellipsis."""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_DOUBLED_MARK = re.compile(r",{2,}|;{2,}|:{2,}|(?<!\.)\.\.(?!\.)")


@rule("doubled_marks", "punctuation", "A comma, semicolon, colon or full stop typed twice",
      flagged="He came,, and went.", clean="He came, and went...", calibrated=True)
def doubled_marks(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return [Issue(m.start(), m.end(), "punctuation", f"Doubled “{m.group()[0]}”", (m.group()[0],), 0.8)
            for m in _DOUBLED_MARK.finditer(doc.text)]
