"""The check, stage by stage: a text in, its issues out. Every front end (the CLI, the review
page, the Python API, evals) runs this one pipeline.

    document ─► model flags (passages, several at a time) ┐
             ─► rule flags (`rules/`)                     ┴► allowances (`allow/`) ─► merge
             ─► suggestions ranked by the model ─► one issue per problem ─► the writer's filter
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from functools import partial
from pathlib import Path

from galleyproof.allow.acronyms import drop_acronyms
from galleyproof.allow.common_nouns import drop_common_nouns
from galleyproof.allow.contractions import drop_contractions_as_written
from galleyproof.allow.fluent_words import drop_fluent_words
from galleyproof.allow.licences import drop_licensed
from galleyproof.allow.modern import drop_modern
from galleyproof.allow.names import drop_vouched
from galleyproof.allow.sentence_spacing import drop_conventional_spacing
from galleyproof.allow.written_forms import drop_written_forms
from galleyproof.feedback.filter import PersonalFilter
from galleyproof.issues import Issue, drop_overlapping_repeats
from galleyproof.model import versions
from galleyproof.model.detector import MESSAGES, ModelDetector, chunks
from galleyproof.model.files import ModelFilesError, diagnose
from galleyproof.model.passage_cache import PassageCache
from galleyproof.model.sensitivity import DEFAULT, thresholds_for
from galleyproof.model.tagging import Flag, merge_flags
from galleyproof.rules import RuleSet
from galleyproof.rules.memo import RuleMemo
from galleyproof.suggest import spelling, with_rule_fixes, with_suggestions
from galleyproof.suggest.memo import SuggestionMemo
from galleyproof.suggest.messages import describe
from galleyproof.suggest.readable import is_known_word, readable
from galleyproof.text.document import Document
from galleyproof.text.paragraphs import is_heading
from galleyproof.threads import Workers, call

#: Flag categories whose suggestions look words up in the spelling index, and a text long
#: enough to be sure of raising one.
_SPELLING_INDEX_CATEGORIES = ("spelling", "word_choice", "grammar")
SURELY_SPELLED_CHARS = 50_000


class Proofreader:
    """A model, the rules it runs with, and optionally a writer's filter: `check(text)`.

    `threads` share the model's passages and the suggestions (the issues are the same for any
    number); `cache` keeps passages scored before, and `rules_memo` the rules' flags by stretch
    of text (`rules.memo`), so a re-check runs only what changed.
    """

    def __init__(self, model: ModelDetector, personal: PersonalFilter | None = None, threads: int = 1,
                 cache: PassageCache | None = None) -> None:
        self.model = model
        self.rules = RuleSet(model.lexicon, model.rules)
        self.personal = personal
        self.workers = Workers(threads)
        self.model.cache = cache
        self.rules_memo: RuleMemo | None = None
        self.suggestion_memo: SuggestionMemo | None = None
        self.version = personal.version_of(model.version) if personal is not None else model.version
        #: Whether the filter leaves out the manuscript's voice (`feedback.filter.Voice`), and what
        #: the last check left out so, by pattern.
        self.hear_voice = True
        self.last_voiced: Counter[str] = Counter()

    def configure(self, threads: int | None = None, cache: PassageCache | None = None) -> None:
        """Threads to check with (the issues are the same for any number) and a passage cache."""
        if threads is not None and threads != self.workers.threads:
            self.workers.close()
            self.workers = Workers(threads)
        self.model.cache = cache

    @classmethod
    def from_dir(cls, model_dir: str | Path, **options) -> Proofreader:
        """The model folder's proofreader, with no writer's filter."""
        return cls(ModelDetector(model_dir), **options)

    def check(self, text: str, scope: str | None = None, sensitivity: str = DEFAULT) -> list[Issue]:
        """The issues in `text`, sorted by position, spans indexing `text` as given; `scope`
        (`feedback.store.scope_of`) names the manuscript, so only its decisions (and those
        made for every manuscript) filter the issues; without it, every decision does.
        `sensitivity` is how much the model flags (`model.sensitivity`)."""
        doc = Document(text) if self.rules_memo is None else self.rules_memo.document(text)
        thresholds = thresholds_for(self.model.thresholds, sensitivity)
        try:
            issues = self._issues(doc, thresholds)
        finally:
            spelling.close_files()  # nothing of the data folder stays open between checks
        if self.personal is None:
            return issues
        chosen = self.personal.scoped(scope) if scope is not None else self.personal
        standing = chosen.apply(doc, issues, voice=self.hear_voice)
        self.last_voiced = chosen.last_voiced
        return standing

    #: The `Detector` protocol's name for `check`: evals and the review take any detector.
    detect = check

    def _issues(self, doc: Document, thresholds: dict[str, float] | None = None) -> list[Issue]:
        """Every issue in the document, before the writer's filter."""
        index = None
        if self.workers.threads > 1 and len(doc.text) >= SURELY_SPELLED_CHARS:
            # A long text will want the spelling index: build it on one thread while the
            # others run the model, and once, not in several threads racing to build it.
            index = self.workers.submit(partial(spelling.index_for, self.model.lexicon))
        flags = self.flags(doc, thresholds)
        if index is not None:
            index.result()
        elif self.workers.threads > 1 and any(f.category in _SPELLING_INDEX_CATEGORIES for f in flags):
            spelling.index_for(self.model.lexicon)
        return drop_overlapping_repeats(list(self.workers.map(partial(self.suggested, doc), flags)))

    def flags(self, doc: Document, thresholds: dict[str, float] | None = None) -> list[Flag]:
        """What the model (at `thresholds`, its own by default) and the rules flag, less what
        the document or English allows, merged.

        Passages go through the model a chunk at a time (several chunks at once with threads),
        so memory stays bounded by the chunks in flight, not the file. Headings (chapter
        titles, numerals, bylines, all-capital lines) are left to the rules: training never
        showed them to the model. With threads, the rules start first, on a thread of their
        own: they are Python throughout, and run while the other threads' forward passes,
        which let go of the GIL, keep the other cores busy (started last, they ran alone at
        the end). Their flags still follow the model's, as the merge's ties want.
        """
        unknown = self.model.unknown_test(doc.counts)
        prose = (p for p in doc.passages() if not is_heading(p.text))
        rule_flags = self.workers.submit(partial(self.rule_flags, doc))
        tasks = (partial(self.model.passage_flags, c, doc.counts, unknown, thresholds) for c in chunks(prose))
        flags = [f for part in self.workers.map(call, tasks) for f in part] + rule_flags.result()
        flags = drop_vouched(doc, flags, self.model.lexicon)
        flags = drop_modern(doc, flags, self.model.lexicon)
        flags = drop_fluent_words(doc, flags)
        flags = drop_common_nouns(doc, flags, self.model.lexicon)
        flags = drop_acronyms(doc, flags)
        flags = drop_written_forms(doc, flags, self.model.lexicon)
        flags = drop_contractions_as_written(doc, flags)
        flags = drop_conventional_spacing(doc, flags)
        return merge_flags(drop_licensed(doc, flags), doc.text)

    def rule_flags(self, doc: Document) -> list[Flag]:
        return [Flag.of_issue(i) for i in self.rules.issues(doc, self.rules_memo)]

    def suggested(self, doc: Document, flag: Flag) -> Issue:
        """The flag as an issue, with suggestions the model ranks in context (a rule's own
        fixes first), made readable (`suggest.readable`); a flag with no message of its own
        (the model's) is told what is wrong and where by its top suggestion (`suggest.messages`)."""
        if self.suggestion_memo is not None:
            return self.suggestion_memo.suggested(doc.text, doc.counts, flag, self._suggested)
        return self._suggested(doc.text, doc.counts, flag)

    def _suggested(self, text: str, counts: Counter, flag: Flag) -> Issue:
        issue = Issue(flag.start, flag.end, flag.category, flag.message or MESSAGES[flag.category], (), flag.score,
                      rule=flag.rule)
        issue = with_suggestions(text, issue, self.model.lexicon, self.model, doc_counts=counts, fixes=flag.fixes)
        issue = with_rule_fixes(text, issue, flag) if flag.fixes else issue
        issue = readable(text, issue, self.model.lexicon)
        if flag.message and issue.message:  # a rule's own, unless the suggester's fix went before the rule's
            return issue
        lexicon = self.model.lexicon
        return dataclasses.replace(issue, message=describe(text, issue, lambda w: is_known_word(w, lexicon)))

    def remember_between_checks(self) -> None:
        """Keep the rules' flags and the suggestions from one check to the next (`rules.memo`,
        `suggest.memo`), so re-checking an edited text redoes only what the edit touched; the
        issues are the same. For a front end that checks one text again and again (`lsp`)."""
        self.rules_memo = RuleMemo()
        self.suggestion_memo = SuggestionMemo()

    def close(self) -> None:
        """Let the worker threads go and detach the cache (which its owner closes)."""
        self.workers.close()
        self.model.cache = None


def load_active_model(use_store: bool = True) -> ModelDetector:
    """The active version's model (the shipped one until `learn` or `model use` says
    otherwise; the shipped one when not `use_store`, the store that says which being
    unusable), unfiltered: what feedback is recorded against and `learn` starts from."""
    version = versions.active_version() if use_store else versions.DEFAULT
    folder = versions.model_dir(version)
    if not folder.is_dir():
        raise FileNotFoundError(
            f"model version {version!r} has no model at {folder}"
            + ("" if version == versions.DEFAULT else "; `galleyproof model rollback` goes back")
        )
    try:
        return ModelDetector(folder)
    except ModelFilesError:
        raise
    except Exception as err:
        # Damage the quick check cannot see (a flipped byte in the weights): find which file.
        found = diagnose(folder)
        if found is None:
            raise
        raise found from err


def load_default(threads: int = 1, cache: PassageCache | None = None, personal: bool = True,
                 use_store: bool = True) -> Proofreader:
    """What `galleyproof check` runs: the active model version, behind what the writer has put
    in the dictionary or rejected (unless not `personal`: the review page puts a fresh filter
    on for each check)."""
    return Proofreader(load_active_model(use_store), PersonalFilter.from_store() if personal else None, threads=threads,
                       cache=cache)


_default: Proofreader | None = None


def check(text: str, sensitivity: str = DEFAULT) -> list[Issue]:
    """The issues `galleyproof check` finds in `text` (the active model, the writer's filter),
    on one thread, with no passage cache, at `sensitivity` (`model.sensitivity`: "precise" or
    "thorough"). The proofreader is loaded on the first call."""
    global _default
    if _default is None:
        _default = load_default()
    return _default.check(text, sensitivity=sensitivity)
