"""Immediate learning: drop what the writer has already ruled on, before any retraining.

A rejection is remembered by its span's text, and also by what a writer means by it:
rejecting a misspelling on a word vouches for the word in every form, a spacing flag for
the spacing habit, a flag at a line end of a poem for that kind of flag at every verse
line end, a doubled word for the doubles no likelier to be errors, a flag in a heading for
that category in every heading (title case is their rule). A capitalisation flag
rejected on a capitalised word mid-sentence (a name, a title) vouches for that word so
capitalised; the same capitalisation flag rejected on the same word twice says the writer's
casing is deliberate and consistent, so a capitalisation flag on a word the manuscript itself
writes the same way twice or more mid-sentence is dropped too (document-level evidence). A
content word in `SHARED_WORD_FLAGS` or more rejected grammar or word-choice flags ("and herd",
"village herd", "other herd") is one the writer uses that way on purpose: no flag of that
category on a span holding it stands ("The herd").

The manuscript's voice (`Voice`): once the writer has rejected `VOICE_REJECTIONS` flags in
one manuscript, a construction the text checked flags `VOICE_REPEATS` times or more (the same
category and the same words, "off of" five times, or the frame of a flag rejected there, "a
noticed" rejected and "a heard", "a taken", "a wanted" flagged) is taken as the writer's
usage, not a slip, and none of its flags stands. Only constructions, spacing and casing
(`VOICE_CATEGORIES`), never a doubled word, and a grammar flag by its words only when it
spans two or more: a misspelling, a confused word (`four` for `for`), a word's form (`him`
for `he`) or "the the" is a slip writers do repeat. Accepting a flag in the manuscript
withdraws its words and frame from the voice; undoing the rejections turns the voice off.

A one-word form is open to slips, but not when the writer has said otherwise: once they have
rejected `FORM_KIND_REJECTIONS` one-word grammar flags of one kind of form in the manuscript
(`english.verbs.form_kinds`: verb agreement, "they was", "he don't"; past and participle, "he
begun", "I seen"; pronoun case, "me and Tom"), a grammar flag on one word of that kind, whose
fix (if it offers one) is another form of the word, is their usage there too, whatever the
word ("he come", "him and me"), unless the detector is surer of it than of any flag of the
kind they rejected (so "then him looked", flagged surer than the "me" they kept, still
shows). Accepting such a flag withdraws its kind. A grammar flag on several words counts too
when its fix changes one of them into another form of it ("had went" -> "had gone"). And once
the text checked flags a kept kind `VOICE_REPEATS` times or more, the manuscript writes that
kind again and again, so the kind's flags there are its usage however sure the detector is
("I hears", "you takes" beside the "they was" the writer rejected).

A rejected construction's frame carries into the longer constructions built on it: "a noticed"
rejected ("a _") and "went a-weaving", "stood a-listening", "eyes a-blazing" flagged three
times or more ("_ a _", which holds "a _") are the same usage with a word before it.

A manuscript's own words: once the writer has rejected `SPELLING_REJECTIONS` misspelling flags
on single words in a manuscript that is a folder (a project's), a misspelling flag on a word
the manuscript writes elsewhere too (in its other files, `feedback.vocabulary`), no surer than
the surest of those rejections, is its spelling, not a slip (`bekase`, `yuther`, used once in
this chapter and again in others), as written: not in another form, as a typo is often a
word's stem ("minut", "comming" beside "minute", "coming"). A word the checked text alone
uses is left to the flag: a typo is not in the other chapters. Accepting a misspelling flag
there turns this off.
`PersonalFilter.last_voiced` says what the last check left out this way, so a front end can
tell the writer why.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from galleyproof.english.gaps import INSERTABLE
from galleyproof.english.verbs import form_kinds, form_swaps
from galleyproof.feedback.dictionary import dictionary_key, word_stem
from galleyproof.feedback.store import FeedbackStore
from galleyproof.feedback.vocabulary import manuscript_vocabulary
from galleyproof.issues import Detector, Issue, detect_with
from galleyproof.text.document import Document
from galleyproof.text.words import OPENING_MARKS, is_sentence_start, iter_words, mid_sentence_forms, normalise

#: Function words, which a rejection says nothing about ("and" in "and herd").
INSERTABLE_WORDS = frozenset(INSERTABLE)

_WORD_BEFORE = re.compile(r"\w+\W*$")
_WORD_AFTER = re.compile(r"^\W*\w+")
_SPACES = re.compile(r"[ \t]{2,}")
_DOUBLED = re.compile(r"([^\W\d_]+)\s+(\1)", re.IGNORECASE)
#: What may stand before a verse line's first letter: indentation, quotes, italics, brackets.
_LINE_OPENING = re.compile(rf"[ \t{re.escape(OPENING_MARKS)}]*")
_HORIZONTAL = re.compile(r"[ \t]*")
#: How often the manuscript must write a word the same way mid-sentence for that to count as its style.
RECURRING_FORM = 2
#: A heading is a short line: at most this many words.
HEADING_WORDS = 8
#: Rejected grammar or word-choice flags a content word must stand in to be vouched for.
SHARED_WORD_FLAGS = 2
#: Categories whose flags a word shared by several rejections vouches for.
SHARED_WORD_CATEGORIES = frozenset({"grammar", "word_choice"})
#: How many times a text must flag a construction for it to count as the manuscript's voice.
VOICE_REPEATS = 3
#: Rejections in a manuscript after which its repeated constructions count as its voice.
VOICE_REJECTIONS = 3
#: Categories a voice is heard in: constructions, spacing, casing. Not misspellings, word
#: confusions or punctuation: the same slip there recurs in a writer's text (`four` for `for`).
VOICE_CATEGORIES = frozenset({"grammar", "whitespace", "capitalization"})
#: Rejected one-word grammar flags of one kind of form (agreement, participle, pronoun case)
#: after which that kind is the manuscript's voice.
FORM_KIND_REJECTIONS = 2
#: Rejected misspelling flags on single words after which the manuscript's own words are its spelling.
SPELLING_REJECTIONS = 2
#: What `last_voiced` calls the misspelling flags left out as words the manuscript writes elsewhere.
OWN_WORDS = "the manuscript's own words"


def match_key(text: str, start: int, end: int, category: str | None = None) -> str:
    """What a rejection is remembered by: the span's text, and for a span of marks (no
    letters, digits or only-spaces), the words on either side too.

    Rejecting "Mowgli" should silence every "Mowgli", and rejecting a spacing flag on two
    spaces (whatever words or marks the flag spans with them) says the writer spaces that
    way on purpose; but a comma that is right in one sentence says nothing about commas in
    others.
    """
    span = text[start:end]
    runs = _SPACES.findall(span) if category == "whitespace" else []
    if runs:
        return max(runs, key=len)
    if any(c.isalnum() for c in span) or span.isspace():
        return span
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.search(text[end : end + 40])
    return (before.group() if before else "") + span + (after.group() if after else "")


def _capital_line(text: str, line_start: int) -> bool:
    """Whether the line beginning at `line_start` starts, past indentation and quotes, with a capital."""
    i = _LINE_OPENING.match(text, line_start).end()
    return i < len(text) and text[i].isupper()


def _between_capital_lines(text: str, b: int) -> bool:
    """Whether the line break at `b` parts two lines that both begin with a capital (the
    line before must be seen whole)."""
    previous = text.rfind("\n", 0, b) + 1
    return previous > 0 and _capital_line(text, previous) and _capital_line(text, b + 1)


def at_verse_break(text: str, start: int, end: int) -> bool:
    """Whether [start, end) touches a line break inside a poem: a hard line break between two
    lines that both begin with a capital, as verse lines do and wrapped prose rarely does.

    Touching: the span holds the break, ends its line, or begins its line.
    """
    breaks = {i for i in range(start, end) if text[i] == "\n"}
    line_start = text.rfind("\n", 0, start) + 1
    if line_start > 0 and _LINE_OPENING.fullmatch(text, line_start, start):
        breaks.add(line_start - 1)
    after = _HORIZONTAL.match(text, end).end()
    if after < len(text) and text[after] == "\n":
        breaks.add(after)
    return any(_between_capital_lines(text, b) for b in breaks)


def _blank_or_edge(text: str, line_start: int, line_end: int) -> bool:
    return line_start < 0 or line_start >= len(text) or not text[line_start:line_end].strip()


def at_heading(text: str, start: int, end: int) -> bool:
    """Whether [start, end) lies inside a heading, where title case is the rule: a line of its
    own between blank lines (or the text's edges), of a few words, most of them capitalised,
    beginning with a capital and ending in no sentence or clause mark ("Kaa’s Hunting")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if end > line_end:
        return False
    prev_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1 if line_start else -1
    next_end = text.find("\n", line_end + 1)
    next_end = len(text) if next_end < 0 else next_end
    if not (_blank_or_edge(text, prev_start, line_start - 1) and _blank_or_edge(text, line_end + 1, next_end)):
        return False
    words = text[line_start:line_end].split()
    return (0 < len(words) <= HEADING_WORDS and words[0][0].isupper() and words[-1][-1] not in ".,;:!?”’\"'"
            and sum(w[0].isupper() for w in words) * 2 > len(words))


def mid_sentence_capitals(text: str, start: int, end: int) -> set[str]:
    """The capitalised words of [start, end) that do not begin a sentence ("Two Tails" -> both
    unless "Two" opens one), possessive and all, as written."""
    return {m.group() for m in iter_words(text[start:end])
            if m.group()[0].isupper() and not is_sentence_start(text, start + m.start())}


def doubled_word(span: str) -> bool:
    """Whether the span is one word said twice ("had had")."""
    return _DOUBLED.fullmatch(span.strip()) is not None


@dataclass
class Rejections:
    """What the writer's latest verdicts rule out, by kind."""

    keys: set[tuple[str, str]] = field(default_factory=set)  # (match key, category)
    stems: set[str] = field(default_factory=set)  # of words whose misspelling flag was rejected
    verse: set[str] = field(default_factory=set)  # categories rejected at verse line breaks
    headings: set[str] = field(default_factory=set)  # categories rejected in headings
    doubled: dict[str, float] = field(default_factory=dict)  # category -> surest doubled word rejected
    capitals: set[str] = field(default_factory=set)  # names and titles a capitalisation flag was rejected on
    recurring: bool = False  # the same capitalisation flag was rejected twice: the writer's casing is deliberate
    shared: set[tuple[str, str]] = field(default_factory=set)  # (content word, category) in several rejections

    def digest(self) -> str:
        return repr((sorted(self.keys), sorted(self.stems), sorted(self.verse), sorted(self.doubled.items()),
                     sorted(self.capitals), self.recurring, sorted(self.headings), sorted(self.shared)))


def content_words(span: str) -> set[str]:
    """The words of a span that are not function words, lower-cased ("and herd" -> {"herd"})."""
    return {w for w in (normalise(m.group()) for m in iter_words(span)) if w not in INSERTABLE_WORDS}


def _kinds(row) -> tuple[str | None, bool, bool, bool]:
    """A decided flag's kinds: the stem of its word if a misspelling flag on one word, whether
    it sits at a verse line break, whether it is a doubled word, whether it is in a heading."""
    before, span = row["context_before"], row["span"]
    text, start, end = before + span + row["context_after"], len(before), len(before) + len(span)
    word = dictionary_key(span)
    stem = word_stem(word) if word and row["category"] == "spelling" else None
    return stem, at_verse_break(text, start, end), doubled_word(span), at_heading(text, start, end)


def rejections(log: Iterable) -> Rejections:
    """What the latest verdict on each flag rules out; a writer who later accepts the same
    flag (same key, same category) has changed their mind about it, and one who accepts a
    flag of the same kind (a verse line end, a heading, a doubled word, a form of the word, a
    name's capital, the same casing flag twice in a row) says the kind alone does not make a
    flag wrong."""
    latest: dict[tuple[str, str], object] = {}
    streak: Counter[tuple[str, str]] = Counter()  # the same verdict on the same flag, in a row
    for row in log:  # oldest first
        before, span, category = row["context_before"], row["span"], row["category"]
        text, start, end = before + span + row["context_after"], len(before), len(before) + len(span)
        key = (match_key(text, start, end, category), category)
        same = key in latest and (latest[key]["verdict"] == "rejected") == (row["verdict"] == "rejected")
        streak[key] = streak[key] + 1 if same else 1
        latest[key] = row
    out, accepted = Rejections(), Rejections()
    words_in_rejected: Counter[tuple[str, str]] = Counter()  # (content word, category): flags
    words_in_accepted: set[tuple[str, str]] = set()
    for (key, category), row in latest.items():
        if category in SHARED_WORD_CATEGORIES:
            words = {(w, category) for w in content_words(row["span"])}
            if row["verdict"] == "rejected":
                words_in_rejected.update(words)
            else:
                words_in_accepted |= words
        stem, verse, doubled, heading = _kinds(row)
        kinds = out if row["verdict"] == "rejected" else accepted
        if row["verdict"] == "rejected":
            out.keys.add((key, category))
        if category == "capitalization":
            before, span = row["context_before"], row["span"]
            text = before + span + row["context_after"]
            kinds.capitals |= mid_sentence_capitals(text, len(before), len(before) + len(span))
            if dictionary_key(span) and streak[(key, category)] >= 2:
                kinds.recurring = True
        if stem:
            kinds.stems.add(stem)
        if verse:
            kinds.verse.add(category)
        if heading:
            kinds.headings.add(category)
        if doubled and (row["score"] is not None or kinds is accepted):  # older decisions kept no score
            kinds.doubled[category] = max(kinds.doubled.get(category, 0.0), row["score"] or 0.0)
    out.stems -= accepted.stems
    out.verse -= accepted.verse
    out.headings -= accepted.headings
    out.doubled = {c: s for c, s in out.doubled.items() if c not in accepted.doubled}
    out.capitals -= accepted.capitals
    out.recurring = out.recurring and not accepted.recurring
    out.shared = {k for k, n in words_in_rejected.items() if n >= SHARED_WORD_FLAGS and k not in words_in_accepted}
    return out


def voice_key(span: str, category: str) -> tuple[str, str] | None:
    """What a repeated construction is known by: its category and its words, lower-cased,
    marks and line breaks dropped ("Off of," -> "off of"); None for a span without words."""
    words = [normalise(m.group()) for m in iter_words(span)]
    return (category, " ".join(words)) if words else None


def voice_frame(span: str, category: str) -> tuple[str, str] | None:
    """A construction's frame: its function words kept, each other word a `_` ("a noticed" ->
    "a _"); None unless it has both kinds of word, as a frame of only `_` says nothing."""
    words = [normalise(m.group()) for m in iter_words(span)]
    if not any(w in INSERTABLE_WORDS for w in words) or all(w in INSERTABLE_WORDS for w in words):
        return None
    return (category, " ".join(w if w in INSERTABLE_WORDS else "_" for w in words))


def frame_holds(frame: tuple[str, str], core: tuple[str, str]) -> bool:
    """Whether `core`, a frame, is a run of the words of `frame` in the same category ("_ a _"
    holds "a _" and "_ a"; "a _ so" holds "a _"; "_ and _" does not hold "_ of")."""
    if frame[0] != core[0]:
        return False
    outer, inner = frame[1].split(), core[1].split()
    return any(outer[i : i + len(inner)] == inner for i in range(len(outer) - len(inner) + 1))


def changed_form(span: str, fix: str | None) -> str | None:
    """The word of a grammar flag's span that its fix makes another form of itself, lower-cased:
    the span's word when it is one and the fix is another form of it or there is no fix; the
    one word changed when the span has several and the fix changes that one alone ("had went"
    -> "had gone": "went"); else None."""
    words = [normalise(m.group()) for m in iter_words(span)]
    new = [normalise(m.group()) for m in iter_words(fix)] if fix is not None else None
    if len(words) == 1:
        return words[0] if new is None or (len(new) == 1 and new[0] in form_swaps().get(words[0], ())) else None
    if new is None or len(new) != len(words):
        return None
    changed = [(old, w) for old, w in zip(words, new, strict=True) if old != w]
    if len(changed) == 1 and changed[0][1] in form_swaps().get(changed[0][0], ()):
        return changed[0][0]
    return None


#: What `Voice.patterns` calls a kind of form the text flags `VOICE_REPEATS` times or more.
REPEATED_FORM = "form"


@dataclass
class Voice:
    """What one manuscript's verdicts say about its voice: how many flags the writer rejected
    in it, the frames of those (in `VOICE_CATEGORIES`), and the words and frames of the flags
    they accepted there, which are never taken as the voice."""

    rejections: int = 0
    frames: set[tuple[str, str]] = field(default_factory=set)
    accepted: set[tuple[str, str]] = field(default_factory=set)
    #: kind of form (`english.verbs.form_kinds`) -> the surest score of the writer's rejections of it
    forms: dict[str, float] = field(default_factory=dict)
    #: the surest score of the misspelling flags the writer rejected here, once there are
    #: `SPELLING_REJECTIONS` of them and none accepted; None: misspellings are left alone
    spelling: float | None = None
    #: how many of the manuscript's files write each word (`feedback.vocabulary`)
    vocabulary: Counter[str] = field(default_factory=Counter)

    @property
    def on(self) -> bool:
        return self.rejections >= VOICE_REJECTIONS

    def digest(self) -> str:
        return repr((self.on, sorted(self.frames), sorted(self.accepted), sorted(self.forms.items()),
                     self.spelling)) if self.on else ""

    @property
    def hears_spelling(self) -> bool:
        return self.on and self.spelling is not None and bool(self.vocabulary)

    def own_word(self, text: str, issue: Issue, text_counts: Counter[str]) -> bool:
        """Whether a misspelling flag is on a word the manuscript writes outside `text` too, no
        surer than the misspellings the writer rejected there: a word in two of its files, or in
        one when `text` (`text_counts`, its words; often one of those files) does not write it."""
        if not (self.hears_spelling and issue.category == "spelling" and issue.score <= self.spelling):
            return False
        word = _one_word(text[issue.start : issue.end])
        return word is not None and self.vocabulary[word] - (text_counts[word] > 0) >= 1

    def kept_kinds(self, text: str, issue: Issue) -> list[str]:
        """The kinds of form, of those the writer keeps in this manuscript, that a grammar flag
        changes (`changed_form`: one word made another form of itself, not a missing word: "her
        mother"), in order, however sure the detector is of it."""
        if not (self.on and self.forms and issue.category == "grammar"):
            return []
        fix = issue.suggestions[0].strip() if issue.suggestions else None
        word = changed_form(text[issue.start : issue.end], fix)
        return [k for k in sorted(form_kinds().get(word, ())) if k in self.forms] if word else []

    def form_kind(self, text: str, issue: Issue) -> str | None:
        """The kept kind of form a grammar flag changes (`kept_kinds`), the one the writer
        rejected at the lowest score where several are."""
        return min(self.kept_kinds(text, issue), key=lambda k: self.forms[k], default=None)

    def form_heard(self, text: str, issue: Issue, repeated: frozenset[str] = frozenset()) -> str | None:
        """The kind of form the writer keeps that a grammar flag is on (`kept_kinds`), when the
        detector is no surer of it than of the rejected ones of the kind, or at any score when
        the text flags the kind again and again (`repeated`, of `patterns`)."""
        return next((k for k in self.kept_kinds(text, issue) if issue.score <= self.forms[k] or k in repeated), None)

    def carries(self, frame: tuple[str, str]) -> bool:
        """Whether a frame is one the writer rejected here, or a longer one built on it."""
        return frame in self.frames or any(frame_holds(frame, core) for core in self.frames)

    def patterns(self, text: str, issues: Iterable[Issue]) -> set[tuple[str, str]]:
        """The words and frames that the issues of `text` repeat `VOICE_REPEATS` times or more,
        in `VOICE_CATEGORIES` and not on a doubled word ("the the" is a slip however often it
        recurs), less those the writer accepted: the manuscript's usage. A grammar flag counts
        by its words only if it spans two or more ("off of"): one word flagged for grammar is
        a form chosen (`him` for `he`), as open to slips as a confused word. Frames count when
        the writer rejected them or one they hold (`carries`); the kinds of form the writer
        keeps count as (`REPEATED_FORM`, kind), so `heard` takes their flags at any score."""
        if not self.on:
            return set()
        words: Counter[tuple[str, str]] = Counter()
        frames: Counter[tuple[str, str]] = Counter()
        forms: Counter[tuple[str, str]] = Counter()
        for issue in issues:
            if issue.category in VOICE_CATEGORIES and not doubled_word(text[issue.start : issue.end]):
                span = text[issue.start : issue.end]
                key = voice_key(span, issue.category)
                if key is not None and (issue.category != "grammar" or " " in key[1]):
                    words[key] += 1
                frame = voice_frame(span, issue.category)
                if frame is not None and self.carries(frame):
                    frames[frame] += 1
                kind = self.form_kind(text, issue)
                if kind is not None:
                    forms[REPEATED_FORM, kind] += 1
        return {k for c in (words, frames, forms) for k, n in c.items() if n >= VOICE_REPEATS} - self.accepted

    def heard(self, text: str, issue: Issue, patterns: set[tuple[str, str]]) -> str | None:
        """The pattern (words, or a frame) of `patterns` that the issue is an instance of, as the
        writer reads it, or the kind of form the writer keeps (`form_heard`), or None."""
        if issue.category not in VOICE_CATEGORIES:
            return None
        repeated = frozenset(kind for tag, kind in patterns if tag == REPEATED_FORM)
        if (kind := self.form_heard(text, issue, repeated)) is not None:
            return kind
        span = text[issue.start : issue.end]
        for k in (voice_key(span, issue.category), voice_frame(span, issue.category)):
            if k is not None and k in patterns:
                return k[1]
        return None


def voice_of(rows: Iterable) -> Voice:
    """The voice evidence in one manuscript's verdicts (the latest verdict on each flag counts;
    a flag rejected in two places, "was" twice, is two rejections of its kind of form)."""
    latest: dict[tuple[str, str], object] = {}
    times: Counter[tuple[str, str]] = Counter()  # the same verdict on the same flag, in a row
    for row in rows:  # oldest first
        before, span, category = row["context_before"], row["span"], row["category"]
        text, start, end = before + span + row["context_after"], len(before), len(before) + len(span)
        key = (match_key(text, start, end, category), category)
        same = key in latest and latest[key]["verdict"] == row["verdict"]
        times[key] = times[key] + 1 if same else 1
        latest[key] = row
    voice = Voice()
    spellings: list[float] = []
    spelling_accepted = False
    form_rejections: Counter[str] = Counter()
    surest: dict[str, float] = {}
    accepted_forms: set[str] = set()
    for key, row in latest.items():
        span, category = row["span"], row["category"]
        word = _one_word(span) if category == "grammar" else None
        kinds = form_kinds().get(word, frozenset()) if word else frozenset()
        if category == "spelling" and _one_word(span) is not None:
            if row["verdict"] != "rejected":
                spelling_accepted = True
            elif row["score"] is not None:
                spellings.append(row["score"])
        if row["verdict"] == "rejected":
            voice.rejections += 1
            frame = voice_frame(span, category)
            if frame is not None and category in VOICE_CATEGORIES:
                voice.frames.add(frame)
            if row["score"] is not None:  # older decisions kept no score: how sure is not known
                for kind in kinds:
                    form_rejections[kind] += times[key]
                    surest[kind] = max(surest.get(kind, 0.0), row["score"])
        else:
            voice.accepted |= {k for k in (voice_key(span, category), voice_frame(span, category)) if k is not None}
            accepted_forms |= kinds
    voice.frames -= voice.accepted
    if len(spellings) >= SPELLING_REJECTIONS and not spelling_accepted:
        voice.spelling = max(spellings)
    voice.forms = {k: surest[k] for k, n in form_rejections.items()
                   if n >= FORM_KIND_REJECTIONS and k not in accepted_forms}
    return voice


def _one_word(span: str) -> str | None:
    """The span's word, lower-cased, if it holds exactly one."""
    words = [normalise(m.group()) for m in iter_words(span)]
    return words[0] if len(words) == 1 else None


def _scope(row) -> str | None:
    """The manuscript a logged verdict speaks for; None: every manuscript."""
    try:
        return row["scope"]
    except (KeyError, IndexError):
        return None


class PersonalFilter:
    """A detector minus issues on dictionary words (in any form) and on flags the writer
    rejected before, or of a kind they rejected (see the module's docstring). Accepted
    decisions need nothing: the model already flags them.

    Its version names the model and, when the filter is not empty, a digest of what it
    drops, so runs logged or evaluated under different filters are never confused.
    """

    def __init__(self, inner: Detector | None, words: set[str], rejected: Rejections,
                 log: list | None = None, voice: Voice | None = None) -> None:
        self.inner = inner
        self.voice = voice or Voice()  # a manuscript's (`scoped`); none without one
        self.last_voiced: Counter[str] = Counter()  # what the last `apply` left out as the voice
        self.log = log  # the verdicts, kept so `scoped` can pick one manuscript's
        self._scoped: dict[str, PersonalFilter] = {}
        self.words = frozenset(words)
        self.stems = frozenset(word_stem(w) for w in words)
        self.rejected = rejected
        self.digest = None
        if self.words or self.rejected.keys:
            self.digest = hashlib.sha256(repr((sorted(self.words), self.rejected.digest(), self.voice.digest()))
                                         .encode()).hexdigest()[:8]
        self.version = self.version_of(inner.version) if inner is not None else ""

    def version_of(self, version: str) -> str:
        """A detector's version as seen through this filter."""
        return f"{version}+filter-{self.digest}" if self.digest else version

    @classmethod
    def from_store(cls, inner: Detector | None = None, store: FeedbackStore | None = None,
                   scope: str | None = None) -> PersonalFilter:
        """The filter as the store holds it now (the default store unless one is given), around
        `inner`, or alone (`apply`) for a proofreader that runs it as its last stage. With
        `scope` (`store.scope_of`), only the decisions made for that manuscript or for every
        one; without, every decision (the manuscript is not known; `scoped` narrows it)."""
        own = store is None
        store = store or FeedbackStore()
        try:
            log = store.verdict_log()
            words = store.word_keys()
        finally:
            if own:
                store.close()
        found = cls(inner, words, rejections(log), log)
        return found.scoped(scope) if scope is not None else found

    def scoped(self, scope: str) -> PersonalFilter:
        """This filter for one manuscript: the dictionary, and the decisions made for it or
        for every manuscript (`--everywhere`); its voice, from the decisions made for it alone."""
        if self.log is None:
            return self
        if scope not in self._scoped:
            mine = [row for row in self.log if _scope(row) in (None, scope)]
            voice = voice_of(row for row in self.log if _scope(row) == scope)
            if voice.on and voice.spelling is not None:
                voice.vocabulary = manuscript_vocabulary(scope)
            self._scoped[scope] = PersonalFilter(self.inner, set(self.words), rejections(mine), voice=voice)
        return self._scoped[scope]

    def keeps(self, text: str, issue: Issue, forms: Counter[str] | None = None) -> bool:
        """Whether the issue stands; `forms` (`mid_sentence_forms(text)`) saves recounting the text."""
        span, category, r = text[issue.start : issue.end], issue.category, self.rejected
        word = dictionary_key(span)
        if word is not None and (word in self.words or word_stem(word) in self.stems):
            return False
        if word is not None and category == "spelling" and word_stem(word) in r.stems:
            return False
        if (match_key(text, issue.start, issue.end, category), category) in r.keys:
            return False
        if category in r.doubled and doubled_word(span) and issue.score <= r.doubled[category]:
            return False
        if category == "capitalization" and self._vouched_casing(text, issue, forms):
            return False
        if r.shared and any((w, category) in r.shared for w in content_words(span)):
            return False
        if category in r.headings and at_heading(text, issue.start, issue.end):
            return False
        return not (category in r.verse and at_verse_break(text, issue.start, issue.end))

    def _vouched_casing(self, text: str, issue: Issue, forms: Counter[str] | None) -> bool:
        """A capitalisation flag on a name or title the writer vouched for, or (once their casing
        is known to be deliberate) on a word of more than one letter, not at a sentence start,
        that their text writes the same way mid-sentence `RECURRING_FORM` times or more."""
        r = self.rejected
        if r.capitals & mid_sentence_capitals(text, issue.start, issue.end):
            return True
        raw = text[issue.start : issue.end]
        span = raw.strip()
        if not (r.recurring and dictionary_key(span) and len(span) > 1):
            return False
        if is_sentence_start(text, issue.start + len(raw) - len(raw.lstrip())):
            return False  # a sentence start wants its capital whatever the word's usual casing
        forms = mid_sentence_forms(text) if forms is None else forms
        return forms[span] >= RECURRING_FORM

    def apply(self, doc: Document, issues: list[Issue], voice: bool = True) -> list[Issue]:
        """The issues of `doc` that stand; those left out as the manuscript's voice (unless not
        `voice`) are counted by pattern in `last_voiced`."""
        forms = doc.forms if self.rejected.recurring and issues else None
        standing = [i for i in issues if self.keeps(doc.text, i, forms)]
        self.last_voiced = Counter()
        patterns = self.voice.patterns(doc.text, issues) if voice else set()
        spelling = voice and self.voice.hears_spelling and any(i.category == "spelling" for i in standing)
        if not (patterns or spelling or (voice and self.voice.on and self.voice.forms)):
            return standing
        kept = []
        for issue in standing:
            heard = OWN_WORDS if spelling and self.voice.own_word(doc.text, issue, doc.counts) else \
                self.voice.heard(doc.text, issue, patterns)
            if heard is None:
                kept.append(issue)
            else:
                self.last_voiced[heard] += 1
        return kept

    def detect(self, text: str, scope: str | None = None, sensitivity: str | None = None) -> list[Issue]:
        """The inner detector's issues (at `sensitivity`, where it takes one) that stand; with
        `scope`, by that manuscript's decisions."""
        if self.inner is None:
            raise TypeError("a filter made without a detector only applies to issues (`apply`)")
        chosen = self.scoped(scope) if scope is not None else self
        found = chosen.apply(Document(text), detect_with(self.inner, text, sensitivity=sensitivity))
        self.last_voiced = chosen.last_voiced
        return found
