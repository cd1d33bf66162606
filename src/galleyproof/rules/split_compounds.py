"""A closed compound written as two words: "web site", "before hand", "my self", "with out".

Only pairs that English writes as one word wherever they stand together: "some one", "any
more", "every one" and "in to" are right in some sentences and are not here. "can not" is
"cannot" but before "only", "just", "merely" or "simply", where "not" belongs to what follows
("you can not only read it but ...").
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

COMPOUNDS: dict[str, str] = {
    "web site": "website", "web sites": "websites", "before hand": "beforehand", "my self": "myself",
    "your self": "yourself", "him self": "himself", "it self": "itself", "them selves": "themselves",
    "our selves": "ourselves", "your selves": "yourselves", "there fore": "therefore", "through out": "throughout",
    "with out": "without", "where as": "whereas", "some how": "somehow", "never the less": "nevertheless",
    "with in": None, "up to date": None,
}
COMPOUNDS = {k: v for k, v in COMPOUNDS.items() if v} | {"can not": "cannot"}
_PATTERN = re.compile(r"(?<![\w'’-])(" + "|".join(k.replace(" ", r"[ \t]+") for k in COMPOUNDS if k != "can not")
                      + r"|can[ \t]+not(?![ \t]+(?:only|just|merely|simply)\b))(?![\w'’-])", re.IGNORECASE)


def compound_issues(text: str) -> list[Issue]:
    issues = []
    for m in _PATTERN.finditer(text):
        found = m.group(1)
        fix = COMPOUNDS[" ".join(found.lower().split())]
        fix = fix.capitalize() if found[0].isupper() else fix
        issues.append(Issue(m.start(1), m.end(1), "whitespace", f"One word: “{fix}”", (fix,), 0.88))
    return issues


@rule("split_compounds", "whitespace", "A closed compound written as two words (“web site”, “with out”)",
      flagged="The data on this web site comes from the MLS.", clean="The data on this website comes with it.")
def split_compounds(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return compound_issues(doc.text)
