"""One editor document as checked: its text, its manuscript reading, the issues listed, and
how each issue reads in the editor (a diagnostic, a hover)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types

from galleyproof import manuscripts
from galleyproof.config import Settings
from galleyproof.issues import Detector, Issue, detect_with
from galleyproof.lsp.positions import Positions
from galleyproof.rules.mixed_spellings import with_variety

SOURCE = "galleyproof"

#: The editor's `languageId` -> the manuscript format it is read as.
LANGUAGES = {"plaintext": "text", "text": "text", "markdown": "markdown", "latex": "latex", "tex": "latex",
             "plaintex": "latex", "context": "latex"}

#: How loudly each category shows: misspellings and grammar are likely slips; spacing is a nit.
SEVERITY = {
    "spelling": types.DiagnosticSeverity.Warning,
    "grammar": types.DiagnosticSeverity.Warning,
    "word_choice": types.DiagnosticSeverity.Information,
    "punctuation": types.DiagnosticSeverity.Information,
    "capitalization": types.DiagnosticSeverity.Information,
    "whitespace": types.DiagnosticSeverity.Hint,
}


def format_for(language_id: str | None, path: Path | None) -> str:
    """The format to read a document as: by its language, else its file's extension, else plain text."""
    if language_id in LANGUAGES:
        return LANGUAGES[language_id]
    fmt = manuscripts.format_of(path) if path is not None else None
    return fmt if fmt in ("markdown", "latex") else "text"


@dataclass
class Snapshot:
    """A document's text at one version and what the check listed in it (offsets index `text`)."""

    uri: str
    version: int | None
    text: str
    format: str
    issues: list[Issue]
    settings: Settings
    model_version: str
    positions: Positions = field(repr=False)

    def range(self, issue: Issue) -> types.Range:
        (l1, c1), (l2, c2) = self.positions.position(issue.start), self.positions.position(issue.end)
        return types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2))

    def offset(self, position: types.Position) -> int:
        return self.positions.offset(position.line, position.character)

    def diagnostic(self, issue: Issue) -> types.Diagnostic:
        return types.Diagnostic(
            range=self.range(issue),
            message=issue.message,
            severity=SEVERITY[issue.category],
            code=issue.rule or f"model.{issue.category}",
            source=SOURCE,
            data={"category": issue.category, "score": round(float(issue.score), 4),
                  "suggestions": list(issue.suggestions), "start": issue.start, "end": issue.end},
        )

    def diagnostics(self) -> list[types.Diagnostic]:
        return [self.diagnostic(i) for i in self.issues]

    def at(self, start: int, end: int) -> list[Issue]:
        """The issues touching [start, end) (an empty range: the issues holding that point)."""
        if start == end:
            return [i for i in self.issues if i.start <= start <= i.end]
        return [i for i in self.issues if i.start < end and start < i.end]

    def find(self, start: int, end: int, category: str) -> Issue:
        """The issue listed at exactly [start, end) in `category`, or LookupError."""
        for issue in self.issues:
            if (issue.start, issue.end, issue.category) == (start, end, category):
                return issue
        raise LookupError(f"no {category} issue at [{start}, {end}) in version {self.version} of {self.uri}")

    def hover(self, issue: Issue) -> str:
        """The issue in Markdown: what is wrong, what might be meant, how sure the check is."""
        rule = issue.rule or f"model.{issue.category}"
        lines = [f"**galleyproof**: {issue.message}", "", f"{issue.category.replace('_', ' ')} · `{rule}` · "
                 f"score {issue.score:.2f}"]
        if issue.suggestions:
            shown = [f"“{s}”" + (f" ({p:.0%})" if p is not None else "")
                     for s, p in zip(issue.suggestions, issue.suggestion_scores or [None] * len(issue.suggestions))]
            lines += ["", "Suggestions: " + ", ".join(shown)]
        return "\n".join(lines)


def check(detector: Detector, uri: str, path: Path | None, version: int | None, text: str, fmt: str,
          settings: Settings, encoding: str) -> Snapshot:
    """Check one document's text as the `check` command would the file: read as its format,
    the prose checked, the issues placed back in the text and chosen by the settings."""
    manuscript = manuscripts.from_text(str(path) if path is not None else uri, text, fmt)
    found = with_variety(detect_with(detector, manuscript.prose, sensitivity=settings.sensitivity), manuscript.prose,
                         settings.variety)
    issues = settings.select(manuscript.to_source(found), manuscript.source)
    return Snapshot(uri, version, text, fmt, issues, settings, detector.version, Positions(text, encoding))
