"""Two words written as one where English keeps them apart: "alot", "atleast", "infact".

Each is a fixed slip with one fix; none is an English word (the word list that lets "alot"
through as known takes it from web text).
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import match_case

FIXES: dict[str, str] = {
    "alot": "a lot", "atleast": "at least", "infact": "in fact", "aswell": "as well", "eachother": "each other",
    "inspite": "in spite", "incase": "in case", "alittle": "a little", "everytime": "every time",
    "noone": "no one", "thankyou": "thank you", "ofcourse": "of course", "atall": "at all", "upto": "up to",
}
_WORD = re.compile(r"(?<![\w'’-])(" + "|".join(FIXES) + r")(?![\w'’-])", re.IGNORECASE)


def run_together_issues(text: str) -> list[Issue]:
    issues = []
    for m in _WORD.finditer(text):
        word = m.group(1)
        if word.isupper():
            continue
        fix = match_case(word, FIXES[word.lower()])  # capitals are skipped above
        issues.append(Issue(m.start(1), m.end(1), "spelling", f"Two words: “{fix}”", (fix,), 0.93))
    return issues


@rule("run_together", "spelling", "Two words written as one (“alot”, “atleast”, “infact”)",
      flagged="Alot had happened.", clean="A lot had happened; at least, in fact, a little.")
def run_together(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return run_together_issues(doc.text)
