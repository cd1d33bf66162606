"""One manuscript under review in the browser: its working text, its issues, the writer's verdicts.

The state lives here, not in the page, so the page can be thin and every verdict goes
through the same path as `check --fix -i`: recorded in the feedback store against the text
the issue's offsets index, then the text re-checked behind a freshly read personal filter
(a rejected flag, and flags of its kind, are gone at once). Each change bumps `revision`; a
request made against an older revision is refused rather than applied to the wrong offsets.
Nothing is written to disk until `save`, which writes like `check --fix`: `FILE.fixed.txt`
beside the file, or the file itself with the original kept as `FILE.bak`.

Two locks: `_work` lets one change (record, re-check, save) run at a time, and `_lock` guards
only the swap of the finished state, so a slow re-check never keeps the page from reading
the last consistent document.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from galleyproof.config import ConfigError, settings_for
from galleyproof.feedback.dictionary import dictionary_key
from galleyproof.feedback.filter import PersonalFilter
from galleyproof.feedback.store import FeedbackStore, StoreError, make_decisions, scope_of
from galleyproof.issues import Detector, Issue, detect_with
from galleyproof.review import fix
from galleyproof.text.io import FileStamp, changed_since, read_bytes, read_stamped
from galleyproof.views.html import highlighted
from galleyproof.views.terminal import category_counts

VERDICTS = ("accepted", "edited", "rejected")

#: Longest replacement a verdict may carry: a flag spans a word or a few; this leaves room
#: for a rewritten paragraph, not for a manuscript pasted into one flag.
MAX_REPLACEMENT = 20_000


def _utf8_writable(text: str) -> bool:
    """False for a string holding a lone surrogate, which JSON can carry ("\\ud800") but no
    file or store can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
        self.force = force
        self.original, self._stamp = read_stamped(self.path)
        if in_place:
            fix.ensure_backup_free(self.path, force)
        self.text = self.original
        self.saved_text = self.original
        self.revision = 0
        self.decisions = 0
        self.saved_to: Path | None = None
        self.set_aside: Path | None = None
        self._backed_up = False
        self._copy_stamp: FileStamp | None = None  # the FILE.fixed.txt this review last wrote
        self._lock = threading.Lock()
        self._work = threading.Lock()
        self.voiced: dict[str, int] = {}  # what the last check left out as the manuscript's voice
        self.version, self.issues, self.voiced = self._detect(self.text)
        self.recorded = self._recorded()

    def _detect(self, text: str) -> tuple[str, list[Issue], dict[str, int]]:
        """The version, the issues, and what the writer's filter left out as the manuscript's
        voice (`feedback.filter.Voice`), by pattern."""
        try:
            detector: Detector = PersonalFilter.from_store(self.model, scope=scope_of(self.path))
        except StoreError:  # the page still shows the flags; a verdict says what is wrong
            detector = self.model
        try:
            sensitivity = settings_for(self.path).sensitivity  # the manuscript's, as `check` reads it
        except ConfigError:
            sensitivity = None  # `check` names a broken config; the page still shows the flags
        issues = detect_with(detector, text, sensitivity=sensitivity)
        return detector.version, issues, dict(getattr(detector, "last_voiced", {}))

    def _recorded(self) -> list[dict]:
        """`_listed`, or none if the store cannot be read (a verdict then says what is wrong)."""
        try:
            return self._listed()
        except StoreError:
            return []

    def _listed(self) -> list[dict]:
        """The decisions that bear on this file, oldest first, as `feedback list` shows them:
        made in it, or speaking for its manuscript or for every one."""
        here, scope = str(self.path.resolve()), scope_of(self.path)
        with FeedbackStore() as store:
            rows = store.listed()
        return [{"id": r["id"], "date": time.strftime("%Y-%m-%d %H:%M", time.localtime(r["created"])),
                 "verdict": r["verdict"], "category": r["category"], "span": r["span"],
                 "replacement": r["replacement"], "file": r["document_path"], "scope": r["scope"]}
                for r in rows if r["document_path"] == here or r["scope"] in (None, scope)]

    def _commit(self, text: str, decided: int = 0) -> dict:
        """Re-check `text` (outside `_lock`), then make it the document in one step."""
        version, issues, voiced = self._detect(text)
        recorded = self._recorded()
        with self._lock:
            self.text, self.version, self.issues, self.recorded = text, version, issues, recorded
            self.voiced = voiced
            self.decisions += decided
            self.revision += 1
            return self.state()

    @property
    def unsaved(self) -> bool:
        """Whether the working text differs from what was read or last saved."""
        return self.text != self.saved_text

    def state(self) -> dict:
        """Everything the page shows: the text highlighted, the issues, what is unsaved."""
        counts = ", ".join(f"{c} {k}" for c, k in category_counts(self.issues))
        if self.voiced:  # why flags the writer saw before are gone
            counts += (f"; {sum(self.voiced.values())} not listed as this manuscript's own usage, each "
                       "construction flagged again and again after your rejections: "
                       + ", ".join(f"“{p}” ×{n}" for p, n in sorted(self.voiced.items(), key=lambda x: -x[1])[:5]))
        return {
            "path": str(self.path),
            "revision": self.revision,
            "text": self.text,
            "html": highlighted(self.text, self.issues, ids=True),
            "issues": [i.to_json() for i in self.issues],
            "counts": counts,
            "voiced": self.voiced,
            "model_version": self.version,
            "decisions": self.decisions,
            "recorded": self.recorded,
            "unsaved": self.unsaved,
            "saved_to": str(self.saved_to) if self.saved_to else None,
            "save_target": str(self._target()),
            "set_aside": str(self.set_aside) if self.set_aside else None,
        }

    def snapshot(self) -> dict:
        """The document as last committed; never waits for a re-check in progress."""
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
        if replacement is not None and len(replacement) > MAX_REPLACEMENT:
            raise ReviewError(f"a replacement is at most {MAX_REPLACEMENT:,} characters")
        if replacement is not None and not _utf8_writable(replacement):
            raise ReviewError("a replacement must be text UTF-8 can write, not a lone surrogate")
        with self._work:
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
            text = self.text if new is None else fix.apply_edits(self.text, [fix.Edit(issue, new)])
            return self._commit(text, decided=1)

    def undo(self, ids: list[int]) -> dict:
        """Forget recorded decisions (`feedback undo`), so their flags come back; then re-check.
        Only decisions that bear on this file (`recorded`) can be undone here."""
        with self._work:
            listed = {d["id"] for d in self._listed()}
            unknown = [i for i in ids if i not in listed]
            if unknown or not ids:
                raise ReviewError(f"no decision {', '.join(map(str, unknown))} bears on this file"
                                  if unknown else "name the decisions to undo")
            with FeedbackStore() as store:
                store.undo(ids)
            return self._commit(self.text)

    def add_word(self, revision: int, index: int) -> dict:
        """Put the one word issue `index` spans into the personal dictionary, then re-check."""
        with self._work:
            issue = self._issue(revision, index)
            word = dictionary_key(self.text[issue.start : issue.end])
            if word is None:
                raise ReviewError("only a single word can go into the dictionary")
            with FeedbackStore() as store:
                store.add_words([word])
            return self._commit(self.text)

    def _target(self) -> Path:
        return Path(os.path.realpath(self.path)) if self.in_place else fix.fixed_path(self.path)

    def save(self) -> dict:
        """Write the working text: beside the file as `FILE.fixed.txt` (an earlier one not
        written by this review set aside as `.~N~`), or over the file after backing the
        original up (once) as `FILE.bak`. An in-place save refuses to overwrite a file changed
        on disk since it was read or last saved (that change would be lost), and a `FILE.bak`
        that appeared since the review started (unless --force)."""
        with self._work:
            target = self._target()
            data = self.text.encode("utf-8")
            if self.in_place:
                why = changed_since(self.path, self._stamp)
                if why is not None:
                    raise ReviewError(f"{self.path} has changed on disk since it was opened ({why}); "
                                      "not overwriting it (save elsewhere, or restart the review)")
                if not self._backed_up:
                    fix.ensure_backup_free(self.path, self.force)
                    fix.atomic_write(fix.backup_path(self.path), self.original.encode("utf-8"), like=target)
                    self._backed_up = True
                fix.replace_file(target, data)
                self._stamp = read_bytes(self.path)[1]
            else:
                aside = fix.write_copy(target, data, like=self.path, ours=self._copy_stamp)
                self._copy_stamp = read_bytes(target)[1]
                self.set_aside = aside or self.set_aside
            with self._lock:
                self.saved_text = self.text
                self.saved_to = target
                return self.state()

    def write_leftover(self) -> tuple[Path, Path | None]:
        """Write unsaved edits to `FILE.fixed.txt` when the review stops (never over FILE);
        returns where, and where an earlier copy was set aside."""
        with self._work:
            target = fix.fixed_path(self.path)
            ours = None if self.in_place else self._copy_stamp
            return target, fix.write_copy(target, self.text.encode("utf-8"), like=self.path, ours=ours)
