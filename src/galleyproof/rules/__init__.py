"""The rules: one file each, registered with `@rule` (`registry.py`), run in a fixed order.

Adding a rule: its file here, its name in `RULE_MODULES`, its test (the registry's test runs
every rule's examples and fails on a file missing from the list). The order is the order the
rules' flags reach the merge, where a tie between two overlapping flags goes to the first.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.memo import RuleMemo, in_text_order
from galleyproof.rules.registry import REGISTERED, Rule
from galleyproof.text.document import Document

RULE_MODULES: tuple[str, ...] = (
    "unknown_words",
    "repeated_words",
    "false_starts",
    "articles",
    "confusions",
    "dialogue",
    "commas",
    "quotes",
    "straight_quotes",
    "missing_words",
    "forms",
    "participles",
    "modal_verbs",
    "paragraph_ends",
    "sentence_starts",
    "lowered_names",
    "stray_capitals",
    "double_space",
    "space_before_mark",
    "missing_space",
    "doubled_marks",
    "missing_apostrophes",
    "possessives",
    "noun_number",
    "place_names",
    "of_for_have",
    "run_together",
    "joined_words",
    "then_than",
    "to_too",
    "there_their",
    "its_it_is",
    "your_youre",
    "pronoun_case",
    "where_were",
    "misspellings",
    "intro_commas",
    "abbreviation_stops",
    "spaced_dashes",
    "spaced_hyphens",
    "ellipsis_spacing",
    "decade_apostrophes",
    "infinitive_forms",
    "pronoun_verbs",
    "split_compounds",
    "paragraph_starts",
    "mixed_spellings",
)

#: What the rule groups of older models' thresholds.json ("rules": category names) switch
#: on: the calibrated rules of that category. Capitalisation's group was `sentence_starts`,
#: which always runs now.
LEGACY_GROUPS: dict[str, tuple[str, ...]] = {
    "spelling": ("unknown_words",),
    "grammar": ("repeated_words",),
    "whitespace": ("double_space", "space_before_mark", "missing_space"),
    "punctuation": ("doubled_marks",),
    "capitalization": (),
}


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in `RULE_MODULES` order."""
    found = []
    for name in RULE_MODULES:
        module = importlib.import_module(f"galleyproof.rules.{name}")
        found.extend(r for r in REGISTERED.values() if r.find.__module__ == module.__name__)
    return tuple(found)


def calibrated_ids() -> tuple[str, ...]:
    """The rules a model's calibration switches on or off."""
    return tuple(r.id for r in all_rules() if r.calibrated)


def resolve(names: Iterable[str]) -> frozenset[str]:
    """Rule ids from a thresholds.json "rules" list, which older models wrote as categories."""
    known = {r.id for r in all_rules()}
    ids: set[str] = set()
    for name in names:
        if name in known:
            ids.add(name)
        elif name in LEGACY_GROUPS:
            ids.update(LEGACY_GROUPS[name])
        else:
            raise ValueError(f"unknown rule {name!r}")
    return frozenset(ids)


class RuleSet:
    """The rules a check runs: every always-on rule and the calibrated ones named."""

    def __init__(self, lexicon: Lexicon, calibrated: Iterable[str] = (), always_on: bool = True) -> None:
        self.lexicon = lexicon
        chosen = frozenset(calibrated)
        self.rules = tuple(r for r in all_rules() if (r.id in chosen if r.calibrated else always_on))

    def issues(self, doc: Document, memo: RuleMemo | None = None) -> list[Issue]:
        """The rules' issues in `doc`, rule by rule, each rule's in text order; with a `memo` of
        earlier checks, the same issues, the rules run again only where the text changed."""
        if memo is not None:
            return memo.issues(self.rules, doc, self.lexicon)
        return [i for r in self.rules for i in in_text_order(r.issues(doc, self.lexicon))]
