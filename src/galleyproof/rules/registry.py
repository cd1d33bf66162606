"""What a rule is and how one is registered: `@rule(...)` on a function of the document.

A rule is one file in `galleyproof/rules/` holding one decorated function. The decorator
records the rule's id (what `check --format json` puts in each issue's "rule", what a writer
or a config switches off), the category its flags are filed under, a one-line description
(for `galleyproof rules` and the README), and at least one text it flags and one it leaves
alone (run by the registry's test, so a rule's examples are always true).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import CATEGORIES, Issue
from galleyproof.text.document import Document

#: A rule's work: the document in, its issues out (spans index `doc.text`).
Find = Callable[[Document, Lexicon], list[Issue]]


@dataclass(frozen=True)
class Rule:
    """A registered rule. `calibrated` rules run beside the model only where its calibration
    found they add precision-safe recall (the model's thresholds.json "rules"); the others,
    lookups behind fixed bars of counts, always run."""

    id: str
    category: str
    description: str
    flagged: tuple[str, ...]
    clean: tuple[str, ...]
    find: Find
    calibrated: bool = False
    document_wide: bool = False

    def issues(self, doc: Document, lexicon: Lexicon) -> list[Issue]:
        """The rule's issues, each carrying the rule's id."""
        return [dataclasses.replace(i, rule=self.id) for i in self.find(doc, lexicon)]


#: Every rule registered so far, by id. `galleyproof.rules.all_rules` imports the rule modules
#: (in their fixed order) and reads them from here.
REGISTERED: dict[str, Rule] = {}


def rule(id: str, category: str, description: str, flagged: tuple[str, ...] | str,
         clean: tuple[str, ...] | str, calibrated: bool = False, document_wide: bool = False) -> Callable[[Find], Find]:
    """Register the decorated function as a rule; the function itself is returned unchanged."""
    if category not in CATEGORIES:
        raise ValueError(f"rule {id!r}: unknown category {category!r}")
    flagged = (flagged,) if isinstance(flagged, str) else tuple(flagged)
    clean = (clean,) if isinstance(clean, str) else tuple(clean)
    if not flagged or not clean:
        raise ValueError(f"rule {id!r} needs a flagged and a clean example")

    def register(find: Find) -> Find:
        if id in REGISTERED and REGISTERED[id].find is not find:
            raise ValueError(f"two rules are named {id!r}")
        REGISTERED[id] = Rule(id, category, description, flagged, clean, find, calibrated, document_wide)
        return find

    return register
