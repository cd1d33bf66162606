""""where" for "were" after a plural subject: "they where late", "me and my dad where in NJ".

"we where" and "they where" are never right ("I know where they were"); a pair that opens a
sentence ("me and my dad", "My sister and I") followed by "where" within three words is the
subject of a "were".
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_PRONOUN = re.compile(r"(?<![\w'’-])(?:we|We|they|They)[ \t]+(where)(?![\w'’-])")
_PAIR = re.compile(r"(?:^|(?<=[.!?][ \t])|(?<=\n\n))(?:[Mm]e|I|[Hh]er|[Hh]im|[Ss]he|[Hh]e|[Ww]e|[Tt]hey|[Yy]ou|[Mm]y[ \t]+[a-z]+)"
                   r"[ \t]+and[ \t]+((?:[A-Za-z]+[ \t]+){1,2}?)(where)(?![\w'’-])")
#: Words that make the pair's "where" a relative adverb ("Me and Dev went where we liked").
_VERBS = frozenset("went go goes live lived looked stayed was were are is had have knew know saw see stood sat".split())


def where_issues(text: str) -> list[Issue]:
    spans = {(m.start(1), m.end(1)) for m in _PRONOUN.finditer(text)}
    spans |= {(m.start(2), m.end(2)) for m in _PAIR.finditer(text)
              if not any(w.lower() in _VERBS or w.endswith("ed") for w in m.group(1).split())}
    return [Issue(a, b, "word_choice", "“were” (the verb), not “where”", ("Were" if text[a] == "W" else "were",), 0.88)
            for a, b in sorted(spans)]


@rule("where_were", "word_choice", "“where” for “were” after a plural subject (“they where late”)",
      flagged="me and my dad where in NJ", clean="I know where they were. Me and my dad went where we liked.")
def where_were(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return where_issues(doc.text)
