import codecs
import io
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from rich.console import Console

from galleyproof.feedback import FeedbackStore
from galleyproof.issues import Issue
from galleyproof.review import interactive
from galleyproof.review.fix import apply_edits

HERE = Path(__file__).parent
SAMPLE = (
    "The road was icey that monday morning, and teh  horses slipped.\n"
    "She had alot of work to do before there guests came.\n\nA zzyzx appeared.\n"
)


class ScriptedKeys:
    """Keys and typed lines from lists, as a person at the keyboard would give them."""

    def __init__(self, keys, lines=()):
        self.keys, self.lines = list(keys), list(lines)

    def key(self):
        return self.keys.pop(0) if self.keys else None

    def line(self):
        return self.lines.pop(0) if self.lines else None


def review(text, issues, keys, lines=()):
    decisions = []
    out = io.StringIO()
    edits, quit_ = interactive.review(
        "f.txt",
        text,
        issues,
        ScriptedKeys(keys, lines),
        Console(file=out, color_system=None),
        on_decision=lambda *args: decisions.append(args[2:]),
    )
    return apply_edits(text, edits), quit_, decisions, out.getvalue()


def test_each_key_gives_its_verdict_and_reaches_the_hook():
    text = "aa bb cc dd ee"
    issues = [Issue(k, k + 2, "spelling", "m", ("X", "Y")) for k in range(0, 14, 3)]
    fixed, quit_, decisions, out = review(text, issues, ["2", "a", "e", "r", "?", "s"], ["ZZ"])
    assert fixed == "Y X ZZ dd ee" and not quit_
    # skipping is no decision; accepting the top suggestion needs no replacement text
    assert [(d[1], d[2]) for d in decisions] == [
        ("edited", "Y"), ("accepted", None), ("edited", "ZZ"), ("rejected", None)
    ]
    assert decisions[0][0] is issues[0]
    assert "chose: Y" in out and "accepted: X" in out and "skipped" in out
    assert "'?': no such choice here" in out and "[5/5]" in out


def test_quit_keeps_what_was_decided_and_end_of_input_quits():
    text = "aa bb cc"
    issues = [Issue(k, k + 2, "spelling", "m", ("X",)) for k in (0, 3, 6)]
    fixed, quit_, decisions, _ = review(text, issues, ["a", "q"])
    assert (fixed, quit_, len(decisions)) == ("X bb cc", True, 1)
    assert review(text, issues, ["a"])[:2] == ("X bb cc", True)


def test_an_empty_edit_asks_again_and_an_issue_overlapping_a_chosen_fix_is_passed_over():
    text = "one two"
    issues = [Issue(0, 7, "grammar", "m", ()), Issue(4, 7, "spelling", "m", ("TWO",))]
    fixed, _, decisions, out = review(text, issues, ["a", "e", "e"], ["", "1 2"])
    assert fixed == "1 2" and len(decisions) == 1
    assert "no suggestion" in out and "passed over" in out


def test_the_default_hook_records_each_decision_in_the_feedback_store():
    from galleyproof.feedback.store import FeedbackStore

    issue = Issue(0, 3, "spelling", "m", ("the",))
    interactive.record_decision("f.txt", "teh", issue, "edited", "thee")
    with FeedbackStore() as store:
        assert [(d.span, d.verdict, d.replacement) for d in store.decisions()] == [("teh", "edited", "thee")]


class Terminal:
    """The far side of a pseudo-terminal: wait for text, type keys."""

    def __init__(self, fd):
        self.fd, self.seen, self.pos = fd, "", 0
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def expect(self, needle, timeout=10.0):
        deadline = time.monotonic() + timeout
        while (i := self.seen.find(needle, self.pos)) < 0:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError(f"no {needle!r} on the terminal; after the last match: {self.seen[self.pos:]!r}")
            self.seen += self.decoder.decode(os.read(self.fd, 4096))
        self.pos = i + len(needle)

    def type(self, keys):
        os.write(self.fd, keys.encode())


@pytest.fixture
def session(tmp_path):
    """`check --interactive` on SAMPLE in a child process on a pseudo-terminal."""
    draft = tmp_path / "draft.txt"
    draft.write_text(SAMPLE, encoding="utf-8")
    master, slave = pty.openpty()
    settings = termios.tcgetattr(slave)
    env = {**os.environ, "GALLEYPROOF_DETECTOR": "fake_detector:make", "PYTHONPATH": str(HERE)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "galleyproof", "check", "--interactive", "--no-color", str(draft)],
        stdin=slave, stdout=slave, stderr=slave, env=env, cwd=tmp_path,
        # A run started in the background by a shell without job control inherits SIGINT
        # ignored, and Python then installs no Ctrl-C handler: give the child the default.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    yield draft, Terminal(master), proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)
    assert termios.tcgetattr(slave) == settings  # the terminal is left as it was found
    os.close(master)
    os.close(slave)


def test_a_person_reviews_a_file_key_by_key_on_a_terminal(session):
    draft, term, proc = session
    prompt = "[q]uit › "
    term.expect("[1/7] ")
    term.expect("icey")
    term.expect("1) icy (0.80)")
    term.expect("2) ice (0.15)")
    term.expect(prompt)
    term.type("2")  # pick the second suggestion, no Enter needed
    term.expect("chose: ice")
    term.expect("monday")
    term.expect(prompt)
    term.type("a")
    term.expect("accepted: Monday")
    term.expect("teh")
    term.expect(prompt)
    term.type("e")
    term.expect("replacement")
    term.type("thee\n")
    term.expect("edited: thee")
    term.expect("Two spaces.")
    term.expect(prompt)
    term.type("r")
    term.expect("rejected")
    term.expect("alot")
    term.expect(prompt)
    term.type("s")
    term.expect("skipped")
    term.expect("there")
    term.expect(prompt)
    term.type("x")
    term.expect("'x': no such choice here")
    term.expect(prompt)
    term.type("1")
    term.expect("accepted: their")
    term.expect("[7/7] ")
    term.expect("no suggestion")
    term.expect(prompt)
    term.type("q")
    term.expect("quit")
    term.expect(f"4 of 7 issues fixed; wrote {draft.parent / 'draft.fixed.txt'}")
    assert proc.wait(timeout=10) == 1
    assert (draft.parent / "draft.fixed.txt").read_text(encoding="utf-8") == (
        SAMPLE.replace("icey", "ice").replace("monday", "Monday").replace("teh", "thee").replace("there", "their")
    )
    with FeedbackStore() as store:  # the child's decisions reached the store in this test's home
        recorded = [(d.span, d.verdict, d.replacement) for d in store.decisions()]
    assert sorted(recorded) == sorted(
        [("icey", "edited", "ice"), ("monday", "accepted", None), ("teh", "edited", "thee"),
         ("  ", "rejected", None), ("there", "accepted", None)]
    )


def test_interrupting_a_review_writes_nothing(session):
    draft, term, proc = session
    term.expect("[q]uit › ")
    term.type("a")
    term.expect("accepted: icy")
    term.expect("[q]uit › ")
    proc.send_signal(signal.SIGINT)
    term.expect("interrupted; nothing written")
    assert proc.wait(timeout=10) == 130
    assert sorted(os.listdir(draft.parent)) == ["draft.txt", "galleyproof-home"]
