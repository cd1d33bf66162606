"""The JSON report: one shape whatever the number of files (`docs/check-output.schema.json`).

`{"schema_version": 1, "files": [{"file", "format", "error", "issues": [...]}]}`; each issue
has its offsets into the file as read, its 1-based line and column as editors show them,
its rule id, category, message, suggestions and score, and for Word and OpenDocument files
its paragraph (1-based) and the offset in that paragraph.
"""

from __future__ import annotations

from galleyproof.issues import Issue
from galleyproof.manuscripts.extract import Manuscript
from galleyproof.text.io import line_col

SCHEMA_VERSION = 1


def issue_json(manuscript: Manuscript, issue: Issue) -> dict:
    """An issue as the report holds it (a long source's lines found through one index, `line_col`'s)."""
    line, column = line_col(manuscript.source, issue.start)
    out = {"line": line, "column": column, **issue.to_json()}
    if manuscript.paragraphs is not None:
        out["paragraph"], out["paragraph_offset"] = manuscript.paragraph_of(issue.start)
    return out


def file_json(manuscript: Manuscript, issues: list[Issue]) -> dict:
    return {"file": manuscript.path, "format": manuscript.format, "error": None,
            "issues": [issue_json(manuscript, i) for i in issues]}


def error_json(path: str, reason: str) -> dict:
    """A file that could not be checked: its place in the list, and why."""
    return {"file": path, "format": None, "error": reason, "issues": []}


def report(files: list[dict]) -> dict:
    return {"schema_version": SCHEMA_VERSION, "files": files}
