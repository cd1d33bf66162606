"""A Word file's issues as Word comments: a copy of the document with a comment anchored on
each flagged span (message, top suggestions, score), for a writer to read in Word or
LibreOffice. The original is only read.

A comment anchors on whole runs, so a run holding a flagged span is first split at the
span's edges (each part keeps the run's formatting).
"""

from __future__ import annotations

import copy
import io
from typing import TYPE_CHECKING

from galleyproof.issues import Issue
from galleyproof.manuscripts.docx import open_docx, word_paragraphs
from galleyproof.manuscripts.extract import Manuscript

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

AUTHOR = "galleyproof"
INITIALS = "gp"
#: Run children a split keeps the meaning of: formatting and plain text.
_SPLITTABLE = {"rPr", "t"}


def comment_text(issue: Issue) -> str:
    """What the comment says: the message, up to three suggestions, the score."""
    text = f"{issue.category}: {issue.message}"
    if issue.suggestions:
        text += " → " + " | ".join(s if s.strip() == s and s else repr(s) for s in issue.suggestions[:3])
    return f"{text} [{issue.score:.2f}]"


def _runs(paragraph: Paragraph) -> list[Run]:
    """The paragraph's runs in order, hyperlinks' runs included: together they are its text."""
    # python-docx is imported for a .docx report only, not by every check (start-up time).
    from docx.text.run import Run

    found = []
    for item in paragraph.iter_inner_content():
        found.extend([item] if isinstance(item, Run) else item.runs)
    return found


def _splittable(run: Run) -> bool:
    return all(child.tag.rsplit("}", 1)[-1] in _SPLITTABLE for child in run._r)


def _split(run: Run, at: int) -> Run:
    """Cut `run` at character `at`; it keeps the text before, the returned run the rest."""
    from docx.text.run import Run

    text = run.text
    tail = copy.deepcopy(run._r)
    run._r.addnext(tail)
    run.text = text[:at]
    after = Run(tail, run._parent)
    after.text = text[at:]
    return after


def _runs_over(paragraph: Paragraph, start: int, end: int) -> list[Run]:
    """The runs covering `paragraph.text[start:end]`, split so they cover no more where they can be."""
    covering, pos = [], 0
    for run in _runs(paragraph):
        length = len(run.text)
        lo, hi = pos, pos + length
        pos = hi
        if hi <= start or lo >= end or not length:
            continue
        if _splittable(run) and lo < start:
            run, lo = _split(run, start - lo), start
        if _splittable(run) and hi > end:
            _split(run, end - lo)
        covering.append(run)
    return covering


def commented_copy(data: bytes, manuscript: Manuscript, issues: list[Issue]) -> bytes:
    """The .docx in `data` with a comment on each issue (placed in `manuscript`, read from `data`)."""
    document = open_docx(data)
    paragraphs = list(word_paragraphs(document))
    # A split changes no text, so each issue's offsets still hold after the ones before it.
    for issue in sorted(issues, key=lambda i: i.start):
        number, offset = manuscript.paragraph_of(issue.start)
        paragraph = paragraphs[number - 1]
        runs = _runs_over(paragraph, offset, offset + issue.end - issue.start)
        if runs:
            document.add_comment(runs, text=comment_text(issue), author=AUTHOR, initials=INITIALS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
