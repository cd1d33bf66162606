"""No space after a comma, semicolon or colon between two words, or after a sentence's end
before a capital ("home.The")."""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_MISSING_SPACE = re.compile(r"(?<=[a-z])[,;:](?=[A-Za-z])|(?<=[a-z]{2})[.!?](?=[A-Z][a-z])")


@rule("missing_space", "whitespace", "No space after a comma, semicolon, colon or a sentence's end",
      flagged="We went home.The door was shut.", clean="We went home. The door was shut.", calibrated=True)
def missing_space(doc: Document, lexicon: Lexicon) -> list[Issue]:
    text = doc.text
    return [Issue(m.start(), m.end() + 1, "whitespace", f"No space after “{m.group()}”",
                  (m.group() + " " + text[m.end()],), 0.7)
            for m in _MISSING_SPACE.finditer(text)]
