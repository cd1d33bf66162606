"""One manuscript under review in the browser: its working text, its issues, the writer's verdicts.

The state lives here, not in the page, so the page can be thin and every verdict goes
through the same path as `check --fix -i`: recorded in the feedback store against the text
the issue's offsets index, then the text re-checked behind a freshly read personal filter
(a rejected flag, and flags of its kind, are gone at once). Each change bumps `revision`; a
request made against an older revision is refused rather than applied to the wrong offsets.
Nothing is written to disk until `save`, which writes like `check --fix`: `FILE.fixed.txt`
beside the file, or the file itself with the original kept as `FILE.bak`.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from galleyproof.feedback.dictionary import dictionary_key
from galleyproof.feedback.filter import PersonalFilter
from galleyproof.feedback.store import FeedbackStore, make_decisions
from galleyproof.issues import Detector, Issue
from galleyproof.review import fix
from galleyproof.text.io import InputError, read_text
from galleyproof.views.html import highlighted
from galleyproof.views.terminal import category_counts

VERDICTS = ("accepted", "edited", "rejected")


class ReviewError(ValueError):
    """A request the review cannot carry out (a bad index, a verdict without a replacement)."""


class StaleRevision(ReviewError):
    """The request was made against a text that has changed since."""


class Review:
    """The working copy of one file and the issues found in it, changed only under a lock.

    `model` is the detector under the writer's filter (the active model version); the filter
    is rebuilt from the store before every check, so decisions made here or elsewhere count.
    """

    def __init__(self, path: Path, model: Detector, *, in_place: bool = False, force: bool = False) -> None:
        self.path = Path(path)
        self.model = model
        self.in_place = in_place
        self.original = read_text(self.path)
        if in_place:
            fix.ensure_backup_free(self.path, force)
        self.text = self.original
        self.saved_text = self.original
        self.revision = 0
        self.decisions = 0
        self.saved_to: Path | None = None
        self._backed_up = False
        self.issues: list[Issue] = []
        self.version = ""
        self._lock = threading.Lock()
        self._check()

    def _check(self) -> None:
        detector = PersonalFilter.from_store(self.model)
        self.version = detector.version
        self.issues = detector.detect(self.text)

    @property
    def unsaved(self) -> bool:
        """Whether the working text differs from what was read or last saved."""
        return self.text != self.saved_text

    def state(self) -> dict:
        """Everything the page shows: the text highlighted, the issues, what is unsaved."""
        counts = ", ".join(f"{c} {k}" for c, k in category_counts(self.issues))
        return {
            "path": str(self.path),
            "revision": self.revision,
            "text": self.text,
            "html": highlighted(self.text, self.issues, ids=True),
            "issues": [i.to_json() for i in self.issues],
            "counts": counts,
            "model_version": self.version,
            "decisions": self.decisions,
            "unsaved": self.unsaved,
            "saved_to": str(self.saved_to) if self.saved_to else None,
            "save_target": str(self._target()),
        }

    def snapshot(self) -> dict:
        with self._lock:
            return self.state()

    def _issue(self, revision: int, index: int) -> Issue:
        if revision != self.revision:
            raise StaleRevision(f"the text has changed (revision {self.revision}, not {revision}); reload")
        if not 0 <= index < len(self.issues):
            raise ReviewError(f"no issue {index}: there are {len(self.issues)}")
        return self.issues[index]

    def decide(self, revision: int, index: int, verdict: str, replacement: str | None = None) -> dict:
        """Record the writer's verdict on issue `index`; "accepted" applies its top suggestion,
        "edited" applies `replacement`; then re-check."""
        if verdict not in VERDICTS:
            raise ReviewError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
        with self._lock:
            issue = self._issue(revision, index)
            if verdict == "accepted":
                if not issue.suggestions:
                    raise ReviewError("this issue has no suggestion to accept; edit it instead")
                replacement = None
                new = issue.suggestions[0]
            elif verdict == "edited":
                if replacement is None:
                    raise ReviewError("an edit needs its replacement text")
                new = replacement
            else:
                replacement = new = None
            (decision,) = make_decisions(self.path, self.text, [(issue, verdict, replacement)], self.version)
            with FeedbackStore() as store:
                store.add_decisions([decision])
            self.decisions += 1
            if new is not None:
                self.text = fix.apply_edits(self.text, [fix.Edit(issue, new)])
            self.revision += 1
            self._check()
            return self.state()

    def add_word(self, revision: int, index: int) -> dict:
        """Put the one word issue `index` spans into the personal dictionary, then re-check."""
        with self._lock:
            issue = self._issue(revision, index)
            word = dictionary_key(self.text[issue.start : issue.end])
            if word is None:
                raise ReviewError("only a single word can go into the dictionary")
            with FeedbackStore() as store:
                store.add_words([word])
            self.revision += 1
            self._check()
            return self.state()

    def _target(self) -> Path:
        return Path(os.path.realpath(self.path)) if self.in_place else fix.fixed_path(self.path)

    def save(self) -> dict:
        """Write the working text: beside the file as `FILE.fixed.txt`, or over the file after
        backing the original up (once) as `FILE.bak`. An in-place save refuses to overwrite a
        file changed on disk since it was read or last saved: that change would be lost."""
        with self._lock:
            target = self._target()
            if self.in_place:
                try:
                    on_disk = read_text(self.path)
                except InputError as err:
                    raise ReviewError(f"not overwriting {self.path}: {err}") from None
                if on_disk != self.saved_text:
                    raise ReviewError(f"{self.path} has changed on disk since it was opened; "
                                      "not overwriting it (save elsewhere, or restart the review)")
                if not self._backed_up:
                    fix.atomic_write(fix.backup_path(self.path), self.original.encode("utf-8"), like=target)
                    self._backed_up = True
            fix.atomic_write(target, self.text.encode("utf-8"), like=self.path)
            self.saved_text = self.text
            self.saved_to = target
            return self.state()
