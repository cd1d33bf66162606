"""The one domain type every detector returns and every front end renders."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Protocol

#: The six error classes the product reports. Missing and extra words are grammar.
CATEGORIES: tuple[str, ...] = (
    "spelling",
    "word_choice",
    "punctuation",
    "whitespace",
    "capitalization",
    "grammar",
)


@dataclass(frozen=True, slots=True)
class Issue:
    """A suspect segment ``text[start:end]`` (Python ``str`` indices, half-open).

    `suggestions` replace ``text[start:end]``, best first (at most 5); `suggestion_scores`
    are their confidences, parallel to them, so a front end can show how sure each one is.
    `rule` names what raised it: a rule's id (`galleyproof rules`), or `model.<category>`.
    """

    start: int
    end: int
    category: str
    message: str
    suggestions: tuple[str, ...] = field(default=())
    score: float = 1.0
    suggestion_scores: tuple[float, ...] = field(default=())
    rule: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        if self.suggestion_scores and len(self.suggestion_scores) != len(self.suggestions):
            raise ValueError("suggestion_scores must be parallel to suggestions")

    def to_json(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "rule": self.rule,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "score": round(float(self.score), 4),
            "suggestion_scores": [round(float(x), 4) for x in self.suggestion_scores],
        }


def sort_issues(issues: list[Issue]) -> list[Issue]:
    """Order by position so every view and every run lists issues the same way."""
    return sorted(issues, key=lambda i: (i.start, i.end, i.category, i.message))


def drop_overlapping_repeats(issues: list[Issue]) -> list[Issue]:
    """One issue per problem: of two issues of the same category, one span inside the other,
    only the likelier stays (the narrower on a tie). Flags that only touched can nest once
    their suggestions widen them: a spacing rule's "  " and the model's flag on the next word,
    widened to "event.  By". Spans that only partly overlap may be two errors side by side,
    and both stay. Two issues of any categories on the very same span (widened to it: the
    model's "extra `a`" and a rule's "`You're`" on "Your a") are one problem too."""
    likeliest: dict[tuple[int, int], Issue] = {}
    for issue in issues:
        prev = likeliest.get((issue.start, issue.end))
        if prev is None or issue.score > prev.score:
            likeliest[issue.start, issue.end] = issue
    kept: list[Issue | None] = []
    last: dict[str, int] = {}  # category -> index in `kept` of its latest issue
    for issue in sort_issues(list(likeliest.values())):
        at = last.get(issue.category)
        prev = kept[at] if at is not None else None
        if prev is not None and (prev.start <= issue.start and issue.end <= prev.end
                                 or issue.start == prev.start and prev.end <= issue.end):
            if (issue.score, prev.end - prev.start) > (prev.score, issue.end - issue.start):
                kept[at] = None
                kept.append(issue)
                last[issue.category] = len(kept) - 1
            continue
        kept.append(issue)
        last[issue.category] = len(kept) - 1
    return [i for i in kept if i is not None]


class Detector(Protocol):
    """Anything that finds issues in a text: the proofreader, a writer's filter around one, a
    test's fake. `version` is logged with every run and eval."""

    version: str

    def detect(self, text: str) -> list[Issue]:
        """Return issues sorted by position, spans indexing `text` as given."""
        ...


def detect_with(detector: Detector, text: str, scope: str | None = None, sensitivity: str | None = None) -> list[Issue]:
    """The detector's issues in one manuscript's text, filtered by that manuscript's decisions
    (`scope`) and at its sensitivity (`model.sensitivity`) where the detector takes them: the
    proofreader takes both; a plug-in detector or a test's fake may take neither."""
    options = {"scope": scope} if scope is not None and detector_takes(detector, "scope") else {}
    if sensitivity is not None and detector_takes(detector, "sensitivity"):
        options["sensitivity"] = sensitivity
    return detector.detect(text, **options)


def detector_takes(detector: Detector, option: str) -> bool:
    """Whether the detector's `detect` takes `option` ("scope", "sensitivity")."""
    return option in inspect.signature(detector.detect).parameters
