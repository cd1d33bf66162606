"""An ellipsis run into the next word: "together...how could you", "front yard...Not to
mention".

An ellipsis that trails off ends its words like a full stop, and the next words follow
after a space. Only three stops between two words are read here; a spaced ellipsis
(". . .") and one before a mark are left alone. The fix keeps the stops and adds the space.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_RUN_IN = re.compile(r"(?<=[^\W\d_])(\.\.\.|…)(?=[^\W\d_])")


def ellipsis_issues(text: str) -> list[Issue]:
    return [Issue(m.start(1), m.end(1), "whitespace", "A space after the ellipsis", (m.group(1) + " ",), 0.75)
            for m in _RUN_IN.finditer(text)]


@rule("ellipsis_spacing", "whitespace", "An ellipsis run into the next word (“together...how”)",
      flagged="We were together...how could you not be happy?",
      clean="We were together... how could you not be happy? Well . . . maybe. Wait...!")
def ellipsis_spacing(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return ellipsis_issues(doc.text)
