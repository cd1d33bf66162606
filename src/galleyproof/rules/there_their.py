""""there" for "they're" or "their" where the next words leave no doubt.

"they're": "there" at the head of a clause (after "that", "think", "because", "if" or a
sentence start...) before "pretty", "very", "so", "really", "gonna" or an -ing verb of a
short list, where no "is"/"are"/"was" follows ("I think that there pretty good", but "there
really is no need" and "is there going to be" are right).
"their": "there own", and "there" between a verb of a short list and a plural noun ("treat
there employees").
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

THEYRE_NEXT = frozenset("pretty very so really gonna doing trying getting making taking having saying".split())
CLAUSE_HEADS = frozenset("that think thought because but and if since when hope guess know believe sure so".split())
EXISTENTIAL = frozenset(
    "is are was were be been isn't aren't wasn't weren't seems seem seemed exist exists existed must will would"
    " could can may might should shall has have had remains remain remained lies lay came comes goes went stood"
    " stands appears appeared lived lives used ever".split()
)
THEIR_VERBS = frozenset(
    "treat treats treated love loves loved help helps helped ask asked tell told pay paid thank thanked raise"
    " raised like liked want wanted need needed use uses used do does did sell sells sold change changed"
    " lose lost".split()
)
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def there_issues(text: str) -> list[Issue]:
    words = list(_WORD.finditer(text))
    issues = []
    for k, m in enumerate(words):
        if m.group().lower() != "there" or k + 1 >= len(words):
            continue
        nxt = words[k + 1].group().lower()
        if text[m.end() : words[k + 1].start()].strip():
            continue  # a mark between
        prev = words[k - 1].group().lower() if k else ""
        gap_before = text[words[k - 1].end() : m.start()].strip() if k else "."
        head = not k or (gap_before != "" and gap_before[-1] in ".!?,;:") or prev in CLAUSE_HEADS
        after = words[k + 2].group().lower() if k + 2 < len(words) else ""
        fix = None
        if nxt == "own":
            fix = "their"
        elif head and not gap_before.endswith(",") and nxt in THEYRE_NEXT and after not in EXISTENTIAL:
            fix = "they're"
        elif (prev in THEIR_VERBS and not gap_before and nxt.endswith("s") and not nxt.endswith("ss")
              and len(nxt) > 3 and after not in EXISTENTIAL):
            fix = "their"
        if fix is None or prev in ("is", "was", "are", "were"):
            continue
        fix = fix.capitalize() if m.group()[0].isupper() else fix
        issues.append(Issue(m.start(), m.end(), "word_choice", f"“{fix}”, not “there”, here", (fix,), 0.87))
    return issues


@rule("there_their", "word_choice", "“there” for “their” or “they're” (“there own”, “I think there pretty good”)",
      flagged="They treat there employees with respect.", clean="There really is no need; they went there on their own. Is there going to be a fight?")
def there_their(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return there_issues(doc.text)
