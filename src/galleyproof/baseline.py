"""The rules alone as a detector, no model: the floor the language model must beat.

Every rule runs, the calibrated ones too; an unknown word gets ranked respellings from the
lexicon, and a rule's own fixes are scored as sure.
"""

from __future__ import annotations

import dataclasses

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue, sort_issues
from galleyproof.rules import RuleSet, calibrated_ids
from galleyproof.suggest import with_suggestions
from galleyproof.text.document import Document


class BaselineDetector:
    """Unknown words, repeated words, the lookups, spacing, doubled marks and obvious capitals."""

    version = "baseline-0.1"

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.rules = RuleSet(lexicon, calibrated_ids())

    def detect(self, text: str) -> list[Issue]:
        out = []
        for issue in self.rules.issues(Document(text)):
            if issue.rule == "unknown_words":
                issue = with_suggestions(text, issue, self.lexicon)
                issue = dataclasses.replace(issue, score=0.8 if issue.suggestions else 0.5)
            elif issue.suggestions and not issue.suggestion_scores:
                issue = dataclasses.replace(issue, suggestion_scores=(1.0,) * len(issue.suggestions))
            out.append(issue)
        return sort_issues(out)
