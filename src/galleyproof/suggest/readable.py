"""Suggestions a writer can read: in the text's own quote style, real words only, and no
padding with variants that differ from a better option only by a mark.

The ranker offers what scores well, and "Their," or "Their;" beside "There" scores well
enough to fill a list of five; a writer reads them as noise, and `--fix` must never put a
non-word or a straight apostrophe into a curly-quoted book.
"""

from __future__ import annotations

import dataclasses
import re

from galleyproof.allow.names import follows_title
from galleyproof.english.lexicon import Lexicon
from galleyproof.english.modern import is_listed_word
from galleyproof.issues import Issue
from galleyproof.suggest.spelling import MIN_COUNT
from galleyproof.text.words import WORD_RE, apostrophe_of, is_sentence_start, normalise

#: Categories where a mark is the fix, so options that differ only by marks are real choices.
MARK_CATEGORIES = frozenset({"punctuation", "whitespace"})
#: Categories about the words themselves, where an unknown word recased is no fix.
WORD_CATEGORIES = frozenset({"spelling", "word_choice", "grammar"})
#: Corpus uses that make a word the lexicon alone vouches for (old spellings: "shew", "connexion").
LEXICON_KNOWN = 20
#: Characters each side of the span whose quotes decide the style of the suggestions.
STYLE_WINDOW = 2000
#: A runner-up scored below this share of the first option's score is dropped: beside a sure
#: fix ("the the" -> "the", 0.49) the ranker's leftovers ("he the", 0.001) read as noise. At 5%
#: real second choices went too ("in the my" -> "in my" after "at all"): on the dev sets 1%
#: cost one right fix in the top three of 1,212, 5% five.
RUNNER_UP_SHARE = 0.01
_MARKS_OR_SPACES = re.compile(r"[^\w]+|_+")
_STOP_BEFORE_CAPITAL = re.compile(r"(?<=\w)[.!?](\s+[A-Z])")
_WORD_EDGE_BEFORE = re.compile(r"[^\W\d_]+$")
_WORD_EDGE_AFTER = re.compile(r"[^\W\d_]*")


def is_known_word(word: str, lexicon: Lexicon) -> bool:
    """A word of the lexicon (seen often), the general word list or today's English; a
    possessive or contraction of one ("captain’s") too."""
    key = normalise(word)
    if is_listed_word(key) or lexicon.count(key) >= LEXICON_KNOWN:
        return True
    return key.endswith("'s") and len(key) > 2 and is_known_word(key[:-2], lexicon)


def words_of(s: str) -> tuple[str, ...]:
    """The words of a string as written (their case and apostrophes kept)."""
    return tuple(m.group() for m in WORD_RE.finditer(s))


def curly_style(text: str, start: int, end: int) -> bool:
    """Whether the text around the span types curly quotes and apostrophes."""
    return apostrophe_of(text[max(0, start - STYLE_WINDOW) : end + STYLE_WINDOW]) == "’"


def in_style(suggestion: str, curly: bool, before: str = "") -> str:
    """`suggestion` with its straight quotes made curly where the text's are (an apostrophe
    inside or after a word as ’; a double quote opening after a space or at the start as “,
    closing otherwise as ”); `before` is the character before the span."""
    if not curly or not any(c in suggestion for c in "'\""):
        return suggestion
    out = []
    for i, c in enumerate(suggestion):
        prev = suggestion[i - 1] if i else before
        opening = not prev or prev.isspace() or prev in "([—–-"
        if c == "'":
            out.append("‘" if opening else "’")
        elif c == '"':
            out.append("“" if opening else "”")
        else:
            out.append(c)
    return "".join(out)


def _marks_only(a: str, b: str) -> bool:
    """Whether two strings have the same words, in the same case, and differ only in marks
    and spaces around them ("Their," and "Their")."""
    return words_of(a) == words_of(b) and _MARKS_OR_SPACES.sub("", a) == _MARKS_OR_SPACES.sub("", b)


def _written_elsewhere(text: str, word: str) -> bool:
    """Whether the text has `word` as a whole word, in this very case (a book's text is
    searched with a pattern only where the word is in it at all: a plain search is 10x faster)."""
    return word in text and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _edge_marks(s: str, span: str) -> bool:
    """Whether `s` is `span` with marks or spaces put before or after it, and nothing else
    ("lets," or "lets'" for "lets")."""
    if s == span or not span.strip() or not (s.startswith(span) or s.endswith(span)):
        return False
    rest = s[len(span) :] if s.startswith(span) else s[: len(s) - len(span)]
    return not any(c.isalnum() for c in rest)


def _marks_added(better: str, s: str) -> bool:
    """Whether `s` is `better` with only marks or spaces put in (", ," after ",")."""
    if not better:
        return False  # a deletion is no option the others add to
    i = 0
    for c in s:
        if i < len(better) and c == better[i]:
            i += 1
        elif c.isalnum():
            return False
    return i == len(better)


_SENTENCE_END = re.compile(r"[.?!]")


def _miscased(text: str, start: int, span: str, s: str, lexicon: Lexicon) -> bool:
    """Whether `s` only recases `span`, and some word it recases takes a capital mid-sentence
    that the books know it without, or loses a sentence's first capital ("they’re" ->
    "They’re", "to later" -> "to Later")."""
    if s == span or s.lower() != span.lower() or len(s) != len(span):
        return False
    for m in WORD_RE.finditer(s):
        word, was = m.group(), span[m.start() : m.end()]
        if word[0] == was[0] or word == "I":
            continue
        opens = is_sentence_start(text, start + m.start())
        if word[0].isupper():  # a word the books hardly know may be a name ("clerval" -> "Clerval")
            if not opens and lexicon.count(word) >= MIN_COUNT and lexicon.capitalised_share(word) < 0.5:
                return True
        elif opens:
            return True
    return False


def _stop_before_capital(s: str, span: str) -> bool:
    """Whether `s` is `span` with a full stop (or "?", "!") put in before a capital, which
    makes the capital a sentence's start: for a flag on that capital, a fix, not padding
    ("torment That" -> "torment. That")."""
    return s != span and _STOP_BEFORE_CAPITAL.sub(r"\1", s) == span


def _ends_apart(kept: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The options with each one that differs from a better one only in which mark ends a
    sentence (". He", "? He", "! He") moved after the rest: one of them is a choice, three
    crowd out the other fixes ("," or no mark)."""
    seen: set[str] = set()
    first, later = [], []
    for s, p in kept:
        key = _SENTENCE_END.sub(".", s)
        (later if key in seen else first).append((s, p))
        seen.add(key)
    return first + later


def readable(text: str, issue: Issue, lexicon: Lexicon) -> Issue:
    """`issue` with suggestions a writer can act on.

    Each suggestion is put in the text's quote style; one that brings in a word that is not
    a known word (`is_known_word`) is dropped; and, except for the top option, or where the
    flag is about marks and spaces or its span holds a mark (the mark may be the fix), an option that has the same words
    as the text or as a better option, differing only in marks, is dropped as padding; so is
    one that only puts marks into a better option; and options that differ from a better one
    only in which mark ends a sentence go last (`_ends_apart`); a runner-up scored far below
    the first option (`RUNNER_UP_SHARE`) is dropped.
    """
    if not issue.suggestions:
        return issue
    span = text[issue.start : issue.end]
    # A suggestion may replace part of a word ("Eith er" -> "Either" by way of "h er" -> "her"):
    # words are judged whole, with the letters either side of the span.
    left = _WORD_EDGE_BEFORE.search(text, max(0, issue.start - 40), issue.start)
    left = left.group() if left else ""
    right = _WORD_EDGE_AFTER.match(text, issue.end).group()
    # An unknown word of the text may stay; recased, it is no fix for a flag on words
    # ("Imagniation" for "imagniation"), though a mark's fix may recase the word after it.
    # A word the corpus has seen, or that the text itself writes so, may be recased all the
    # same ("cadwallader", "clerval": a name written small).
    # So may a word after a title ("M. waldman"): a name, whatever the lexicon says.
    exact = issue.category in WORD_CATEGORIES
    written = set(words_of(left + span + right))
    own = {w.lower() for w in written}
    titled = {m.group().lower() for m in WORD_RE.finditer(span) if follows_title(text, issue.start + m.start())}

    def allowed(w: str) -> bool:
        if w in written or is_known_word(w, lexicon):
            return True
        return w.lower() in own and (not exact or lexicon.count(w) >= MIN_COUNT or _written_elsewhere(text, w)
                                     or (w.lower() in titled and w[:1].isupper()))

    misspelt = any(lexicon.count(w) < MIN_COUNT for w in words_of(span))
    on_marks = _MARKS_OR_SPACES.sub("", span) != span.replace(" ", "")
    curly = curly_style(text, issue.start, issue.end)
    before = text[issue.start - 1] if issue.start else ""
    scores = issue.suggestion_scores or (issue.score,) * len(issue.suggestions)
    kept: list[tuple[str, float]] = []
    for rank, (raw, score) in enumerate(zip(issue.suggestions, scores, strict=True)):
        s = in_style(raw, curly, before)
        if s == span or any(s == k for k, _ in kept):
            continue
        if not all(allowed(w) for w in words_of(left + s + right)):
            continue
        if any(_marks_added(k, s) for k, _ in kept):
            continue
        if rank > 0 and kept and _edge_marks(s, span) and not _edge_marks(kept[0][0], span):
            continue  # the best fix is no mark beside the span: "lets," and "lets'" beside "let's"
        if issue.category in WORD_CATEGORIES and _miscased(text, issue.start, span, s, lexicon):
            continue  # "they’re" -> "They’re" mid-sentence is no word's fix
        stop_fix = issue.category == "capitalization" and _stop_before_capital(s, span)
        if issue.category not in MARK_CATEGORIES and not on_marks and not stop_fix:
            # A mark put in leaves a misspelt word as it was: no fix of a flag on words ("ma, be").
            if _marks_only(s, span) and (rank > 0 or issue.category in WORD_CATEGORIES and misspelt):
                continue
            if rank > 0 and any(_marks_only(s, k) for k, _ in kept):
                continue
        kept.append((s, score))
    if issue.suggestion_scores and kept:
        floor = RUNNER_UP_SHARE * kept[0][1]
        kept = kept[:1] + [(s, p) for s, p in kept[1:] if p >= floor]
    kept = _ends_apart(kept)
    return dataclasses.replace(
        issue,
        suggestions=tuple(s for s, _ in kept),
        suggestion_scores=tuple(p for _, p in kept) if issue.suggestion_scores else (),
    )
