"""The fixes offered on a flag: each of its top suggestions, the word into the dictionary,
"not an error", and every safe fix in the document at once (what `check --fix` applies).

A suggestion's edit also runs `ACCEPT`, and "not an error" runs `IGNORE`: the server records
the writer's decision in the feedback store, as `check -i` and `serve` do, so it feeds the
filter at once and `learn` later.
"""

from __future__ import annotations

from lsprotocol import types

from galleyproof.feedback.dictionary import dictionary_key
from galleyproof.issues import Issue
from galleyproof.lsp.documents import Snapshot
from galleyproof.review.fix import auto_edits

ACCEPT = "galleyproof.accept"
IGNORE = "galleyproof.ignore"
ADD_WORD = "galleyproof.addWord"
COMMANDS = (ACCEPT, IGNORE, ADD_WORD)
#: Suggestions offered as quick fixes, best first.
TOP_SUGGESTIONS = 3
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.galleyproof"


def _shown(text: str) -> str:
    """A replacement as a title shows it: white space visible, long ones cut."""
    if not text.strip():
        return {" ": "one space", "": "nothing"}.get(text, repr(text))
    return f"“{text if len(text) <= 40 else text[:39] + '…'}”"


def issue_ref(snapshot: Snapshot, issue: Issue) -> dict:
    """What a command needs to find the issue again: the document's version and the span."""
    return {"uri": snapshot.uri, "version": snapshot.version, "start": issue.start, "end": issue.end,
            "category": issue.category}


def _edit(snapshot: Snapshot, edits: list[tuple[Issue, str]]) -> types.WorkspaceEdit:
    changes = [types.TextEdit(range=snapshot.range(issue), new_text=new) for issue, new in edits]
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=snapshot.uri, version=snapshot.version),
        edits=changes)])


def for_issue(snapshot: Snapshot, issue: Issue) -> list[types.CodeAction]:
    """The quick fixes on one flag."""
    diagnostic = snapshot.diagnostic(issue)
    span = snapshot.text[issue.start : issue.end]
    actions = []
    for k, suggestion in enumerate(s for s in issue.suggestions if s != span):
        if k == TOP_SUGGESTIONS:
            break
        actions.append(types.CodeAction(
            title=f"Replace {_shown(span)} with {_shown(suggestion)}",
            kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=k == 0,
            edit=_edit(snapshot, [(issue, suggestion)]),
            command=types.Command(title="Record the fix", command=ACCEPT,
                                  arguments=[{**issue_ref(snapshot, issue), "replacement": suggestion}])))
    word = dictionary_key(span)
    if word is not None:
        actions.append(types.CodeAction(
            title=f"Add “{word}” to the dictionary", kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
            command=types.Command(title="Add to the dictionary", command=ADD_WORD,
                                  arguments=[issue_ref(snapshot, issue)])))
    actions.append(types.CodeAction(
        title=f"Not an error: ignore this {issue.category.replace('_', ' ')} flag",
        kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
        command=types.Command(title="Ignore this flag", command=IGNORE, arguments=[issue_ref(snapshot, issue)])))
    return actions


def fix_all(snapshot: Snapshot) -> types.CodeAction | None:
    """Every safe fix in the document in one edit (`check --fix`'s choice: the top suggestion of
    each issue scoring at least the fix score, overlaps to the likelier), or None if there is none."""
    edits = auto_edits(snapshot.text, snapshot.issues, snapshot.settings.fix_score)
    if not edits:
        return None
    return types.CodeAction(
        title=f"Fix all safe issues in this document ({len(edits)})", kind=FIX_ALL_KIND,
        edit=_edit(snapshot, [(e.issue, e.replacement) for e in edits]))


def code_actions(snapshot: Snapshot, start: int, end: int,
                 only: list[str] | None = None) -> list[types.CodeAction]:
    """The actions for a range: quick fixes on the flags it touches, then fix-all."""
    actions = [a for issue in snapshot.at(start, end) for a in for_issue(snapshot, issue)]
    every = fix_all(snapshot)
    if every is not None:
        actions.append(every)
    if only:
        actions = [a for a in actions if any(a.kind == k or a.kind.startswith(f"{k}.") for k in only)]
    return actions
