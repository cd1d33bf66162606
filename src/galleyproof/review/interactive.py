"""Reviewing a file's issues one keystroke at a time, for `check --fix --interactive`.

Each decision goes to a hook `on_decision(path, text, issue, verdict, replacement)` with the
feedback store's verdicts: "accepted" (the top suggestion; replacement None), "edited"
(another suggestion picked, or a replacement typed: replacement is that text) or
"rejected" (a false alarm; None). A skipped issue is no decision and is not reported. The
default hook hands decisions to the feedback store.
"""

from __future__ import annotations

import contextlib
import os
import sys
import termios
import tty
from collections.abc import Callable, Iterator
from typing import Protocol, TextIO

from rich.console import Console
from rich.text import Text

from galleyproof.feedback.store import record_decision
from galleyproof.issues import Issue
from galleyproof.review.fix import Edit, overlaps
from galleyproof.views.terminal import is_plain, issue_block, show_replacement

DecisionHook = Callable[[str, str, Issue, str, "str | None"], None]

#: Suggestions a digit key can pick.
MAX_PICK = 5

PROMPT = "[a]ccept · [1-5] pick · [r]eject · [e]dit · [s]kip · [q]uit › "


class Keys(Protocol):
    """Where decisions come from: one keystroke, or a typed line; None at end of input."""

    def key(self) -> str | None: ...

    def line(self) -> str | None: ...


class TerminalKeys:
    """A terminal in cbreak mode: a key press arrives without Enter and is not echoed."""

    def __init__(self, fd: int, cooked: list) -> None:
        self.fd = fd
        self.cooked = cooked

    def key(self) -> str | None:
        # One read takes a whole escape sequence (an arrow key), which is then no command.
        data = os.read(self.fd, 32)
        return None if data in (b"", b"\x04") else data.decode("utf-8", "replace")

    def line(self) -> str | None:
        termios.tcsetattr(self.fd, termios.TCSANOW, self.cooked)
        try:
            data = os.read(self.fd, 4096)
        finally:
            tty.setcbreak(self.fd, termios.TCSANOW)
        return None if not data else data.decode("utf-8", "replace").rstrip("\r\n")


class StreamKeys:
    """Piped input, a line per decision, so a review can be scripted."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def key(self) -> str | None:
        line = self.stream.readline()
        return None if not line else line.strip()[:1]

    def line(self) -> str | None:
        line = self.stream.readline()
        return None if not line else line.rstrip("\r\n")


@contextlib.contextmanager
def open_keys(stream: TextIO = sys.stdin) -> Iterator[Keys]:
    """Keys from `stream`: single key presses on a terminal (restored afterwards), else lines.

    TCSANOW, not the default TCSAFLUSH, so keys typed ahead are not thrown away.
    """
    if not stream.isatty():
        yield StreamKeys(stream)
        return
    fd = stream.fileno()
    cooked = termios.tcgetattr(fd)
    tty.setcbreak(fd, termios.TCSANOW)
    try:
        yield TerminalKeys(fd, cooked)
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, cooked)


def _choices(issue: Issue) -> Text:
    """The suggestions a digit picks, each with its score when the detector gave one."""
    scores = issue.suggestion_scores
    if not issue.suggestions:
        return Text("  no suggestion: [e]dit to type one", "dim")
    out = Text("")
    for k, s in enumerate(issue.suggestions[:MAX_PICK]):
        out.append(f"   {k + 1}) ", "bold")
        out.append(show_replacement(s), "green")
        out.append(f" ({scores[k]:.2f})" if k < len(scores) else "", "dim")
    return out


def review(
    path: str,
    text: str,
    issues: list[Issue],
    keys: Keys,
    console: Console,
    on_decision: DecisionHook = record_decision,
    context: int = 0,
) -> tuple[list[Edit], bool]:
    """Ask about each issue in turn; return the edits decided and whether the writer quit.

    An issue overlapping an edit already decided is passed over: both cannot apply.
    """
    edits: list[Edit] = []
    plain = is_plain(console)
    for n, issue in enumerate(issues, 1):
        console.print(Text(f"[{n}/{len(issues)}]", "bold"), end=" ")
        console.print(issue_block(path, text, issue, context, plain), soft_wrap=True, end="")
        if any(overlaps(issue, e.issue) for e in edits):
            console.print(Text("  overlaps a fix already chosen; passed over\n", "dim"))
            continue
        console.print(_choices(issue), soft_wrap=True)
        decision = None
        while decision is None:
            console.print(Text(PROMPT), end="")
            console.file.flush()
            key = keys.key()
            if key is None or key == "q":
                console.print(Text("quit"))
                return edits, True
            decision = _decide(key, issue, keys, console)
        shown, verdict, replacement = decision
        if replacement is not None:
            edits.append(Edit(issue, replacement))
            shown += f": {show_replacement(replacement)}"
        if verdict:
            on_decision(path, text, issue, verdict, replacement if verdict == "edited" else None)
        console.print(Text(shown + "\n"))
    return edits, False


def _decide(key: str, issue: Issue, keys: Keys, console: Console) -> tuple[str, str | None, str | None] | None:
    """What `key` stands for: (what to show, verdict for the hook or None, replacement to
    apply or None); None to ask again."""
    if key == "a" and issue.suggestions:
        return "accepted", "accepted", issue.suggestions[0]
    if len(key) == 1 and "1" <= key <= str(MAX_PICK) and int(key) <= len(issue.suggestions):
        k = int(key) - 1
        return ("accepted", "accepted", issue.suggestions[0]) if k == 0 else ("chose", "edited", issue.suggestions[k])
    if key == "r":
        return "rejected", "rejected", None
    if key == "s":
        return "skipped", None, None
    if key == "e":
        console.print(Text("edit\n  replacement (Enter alone to go back): "), end="")
        console.file.flush()
        typed = keys.line()
        return ("edited", "edited", typed) if typed else None
    console.print(Text(f"{key!r}: no such choice here" if key.isprintable() else "no such choice here"))
    return None
