"""Between text and tensors: token labels from gold edits, lexicon features, spans from scores.

Shared by training (labels) and inference (features, decoding), and free of torch so the
check path stays light.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.wordlist import is_english_word
from galleyproof.issues import CATEGORIES, Issue
from galleyproof.text.words import document_counts, iter_words, normalise, shared_ends

#: Token labels: fine, one per category, and "a word is missing just before this token".
LABELS: tuple[str, ...] = ("ok", *CATEGORIES, "missing")
MISSING = LABELS.index("missing")
#: 0 not in a word; 1 unknown word; 2 unknown but repeated in the document;
#: 3.. known words by log2 of their corpus count; 23 a lower-case word that the corpus
#: nearly always capitalises (a name written small); 24 (models trained with
#: `ModelConfig.dictionary_bucket`) a word the corpus lacks but the English word list has,
#: so that bucket 1 means "no word at all", the mark of a misspelling.
N_LEXICON_BUCKETS = 25
_FIRST_COUNT_BUCKET = 3
_LOWERED_NAME_BUCKET = 23
DICTIONARY_BUCKET = 24
_WORDISH = re.compile(r"\w+")
#: The words of `words.WORD_RE` that hold an apostrophe ("doesn’t"), and only those.
_APOSTROPHE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)+")


def offset_array(offsets: Sequence[tuple[int, int]]) -> np.ndarray:
    """Token spans as an (n, 2) int64 array: a `tokenizer.Offsets`' own, or built from the tuples."""
    found = getattr(offsets, "array", None)
    return found if found is not None else np.asarray(offsets, dtype=np.int64).reshape(-1, 2)


def _count_bucket(count: int) -> int:
    return min(_FIRST_COUNT_BUCKET + int(math.log2(count)), _LOWERED_NAME_BUCKET - 1)


def word_buckets(
    text: str,
    lexicon: Lexicon,
    doc_counts: Counter | None = None,
    memo: dict[str, tuple[str, int]] | None = None,
    dictionary: bool = False,
) -> list[tuple[int, int, int]]:
    """(start, end, bucket) for every word of `text`.

    `memo` (word -> lexicon key and bucket, 0 for "ask the document") saves looking the
    same word up again: a novel uses each of its words many times. `dictionary`: a word the
    corpus lacks, used once in the document, goes to DICTIONARY_BUCKET if the English word
    list has it (only for a model trained so; a memo must not mix the two settings).
    """
    if doc_counts is None:
        doc_counts = document_counts(text)
    out = []
    for m in iter_words(text):
        word = m.group()
        known = memo.get(word) if memo is not None else None
        if known is None:
            key = normalise(word)
            count = lexicon.count(key)
            if count == 0:
                known = (key, DICTIONARY_BUCKET if dictionary and is_english_word(word.replace("’", "'")) else 0)
            elif word[0].islower() and lexicon.capitalised_share(key) > 0.95:
                known = (key, _LOWERED_NAME_BUCKET)
            else:
                known = (key, _count_bucket(count))
            if memo is not None:
                memo[word] = known
        key, bucket = known
        if bucket in (0, DICTIONARY_BUCKET) and doc_counts.get(key, 0) > 1:
            bucket = 2
        elif bucket == 0:
            bucket = 1
        out.append((m.start(), m.end(), bucket))
    return out


def token_buckets(
    offsets: Sequence[tuple[int, int]], words: Sequence[tuple[int, int, int]]
) -> np.ndarray:
    """The lexicon bucket of the word each token ends in (0 for spaces and marks)."""
    out = np.zeros(len(offsets), dtype=np.int64)
    if not len(offsets) or not words:
        return out
    w = np.asarray(words, dtype=np.int64)
    tok = offset_array(offsets)
    last = tok[:, 1] - 1
    j = np.searchsorted(w[:, 0], last, side="right") - 1
    probe = np.maximum(tok[:, 0], last)
    jj = np.maximum(j, 0)
    inside = (j >= 0) & (w[jj, 1] > probe) & (probe >= w[jj, 0])
    out[inside] = w[jj[inside], 2]
    return out


def _changed_region(start: int, wrong: str, correct: str) -> tuple[int, int]:
    """The part of `wrong` that differs from `correct`, trimmed of their common ends."""
    p, s = shared_ends(wrong, correct)
    return start + p, start + len(wrong) - s


def _expand_to_word(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Grow [lo, hi) to whole words where it cuts through one (a slip in "icey" flags "icey")."""
    while 0 < lo < len(text) and text[lo - 1].isalnum() and text[lo].isalnum():
        lo -= 1
    while 0 < hi < len(text) and text[hi - 1].isalnum() and text[hi].isalnum():
        hi += 1
    return lo, hi


@dataclass(frozen=True)
class Edit:
    """A gold edit as training needs it: span in the noisy text, category, repair."""

    start: int
    end: int
    category: str
    wrong: str
    correct: str


def token_labels(text: str, offsets: Sequence[tuple[int, int]], edits: Sequence[Edit]) -> np.ndarray:
    """One label per token: the category of the edit it overlaps, or MISSING at a gap."""
    labels = np.zeros(len(offsets), dtype=np.int64)
    starts = [s for s, _ in offsets]
    for edit in edits:
        lo, hi = _changed_region(edit.start, edit.wrong, edit.correct)
        if lo == hi:  # pure insertion needed: the token right after the gap is tagged
            i = max(bisect_right(starts, lo) - 1, 0)
            if i < len(offsets) and offsets[i][1] <= lo:
                i += 1
            if i < len(offsets):
                labels[i] = MISSING
            continue
        lo, hi = _expand_to_word(text, lo, hi)
        label = LABELS.index(edit.category)
        for i in range(max(bisect_right(starts, lo) - 1, 0), len(offsets)):
            s, e = offsets[i]
            if s >= hi:
                break
            if e > lo:
                labels[i] = label
    return labels


def _word_span_at(text: str, pos: int, backwards: bool) -> tuple[int, int] | None:
    """The word before (or at/after) `pos`, skipping spaces and marks."""
    if backwards:
        found = None
        for m in _WORDISH.finditer(text, max(0, pos - 60), pos):
            found = m.span()
        return found
    m = _WORDISH.search(text, pos)
    return m.span() if m else None


@dataclass(frozen=True)
class Flag:
    """A span the model or a rule flags, before it becomes an `Issue` (message, suggestions).
    A rule's flag keeps the rule's own message and fixes, which know more than the general
    suggester does ("door. and" -> "door, and"); `rule` names who raised it (`Issue.rule`)."""

    start: int
    end: int
    category: str
    score: float
    message: str = ""
    fixes: tuple[str, ...] = ()
    rule: str = ""

    @classmethod
    def of_issue(cls, issue: Issue) -> Flag:
        """A rule's issue as a flag, its message and fixes kept."""
        return cls(issue.start, issue.end, issue.category, issue.score, issue.message, issue.suggestions, issue.rule)


#: The `rule` of the model's own flags is this and their category: "model.grammar".
MODEL_RULE = "model."

#: What an unknown-word test says of a word: known (0), unknown, unknown and capitalised
#: (most often a name), or unknown and looking like a slip of a common word (`slips.py`).
UNKNOWN_LOWER, UNKNOWN_CAPITAL, UNKNOWN_SLIP = 1, 2, 3


def pool_by_word(
    text: str,
    offsets: Sequence[tuple[int, int]],
    err: np.ndarray,
    unknown: Callable[[str], int] | None = None,
    slip: Callable[[str], bool] | None = None,
    slip_floor: float = 0.0,
    ask_floor: float = 0.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-token category probabilities and error scores, pooled over the tokens of each word,
    and what `unknown` says of the word each token lies in (0: known, or UNKNOWN_LOWER,
    UNKNOWN_CAPITAL), an unknown lower-case word scoring at least `slip_floor` being
    UNKNOWN_SLIP if `slip` says so (asked only there: the test can be slow to set up).
    `unknown` is asked only of words scoring at least `ask_floor` (the others read 0): below
    every threshold, what it says of them cannot change a flag, and most words of a book
    score there.

    A misspelt word split into several pieces spreads its evidence over them; the word's
    score is the chance that any piece is wrong (noisy-OR), its category the summed vote.
    """
    total = np.clip(err.sum(axis=1), 0.0, 1.0 - 1e-7)
    in_unknown = np.zeros(len(offsets), dtype=np.int8)
    if len(offsets) == 0:
        return err, total, in_unknown
    words = [m.span() for m in _WORDISH.finditer(text)]
    if not words:
        return err, total, in_unknown
    # The word each token's last character lies in, if any (one search for all tokens).
    bounds = np.array(words, dtype=np.int64)
    last = offset_array(offsets)[:, 1] - 1
    j = np.searchsorted(bounds[:, 0], last, side="right") - 1
    jj = np.maximum(j, 0)
    word_of = np.where((j >= 0) & (bounds[jj, 0] <= last) & (last < bounds[jj, 1]), j, -1)
    inside = word_of >= 0
    if not inside.any():
        return err, total, in_unknown
    ids = word_of[inside]
    # bincount adds in token order, as np.add.at did (the same sums to the bit), at a fraction of its cost.
    log_keep = np.bincount(ids, weights=np.log1p(-total[inside]), minlength=len(words))
    inside_err = err[inside].astype(np.float64)
    votes = np.stack([np.bincount(ids, weights=inside_err[:, c], minlength=len(words))
                      for c in range(err.shape[1])], axis=1)
    pooled_total, pooled_err = total.copy(), err.copy()
    word_total = 1.0 - np.exp(log_keep)
    pooled_total[inside] = word_total[ids]
    pooled_err[inside] = votes[ids]
    if unknown is not None:
        asked = np.flatnonzero(word_total >= ask_floor).tolist()
        unknown_word = np.zeros(len(words), dtype=np.int8)
        whole: dict[int, str] = {}
        if asked:
            # Asked of the whole word with its apostrophes ("doesn’t", not "doesn" and "t").
            for m in _APOSTROPHE_WORD.finditer(text):
                for part in _WORDISH.finditer(m.group()):
                    whole[m.start() + part.start()] = m.group()
            for k in asked:
                a, b = words[k]
                unknown_word[k] = unknown(whole.get(a) or text[a:b])
        in_unknown[inside] = unknown_word[word_of[inside]]
        if slip is not None:
            for k in np.flatnonzero((unknown_word == UNKNOWN_LOWER) & (word_total >= slip_floor)).tolist():
                a, b = words[k]
                if slip(whole.get(a) or text[a:b]):
                    in_unknown[word_of == k] = UNKNOWN_SLIP
    return pooled_err, pooled_total, in_unknown


def flags_from_probs(
    text: str,
    offsets: Sequence[tuple[int, int]],
    probs: np.ndarray,
    thresholds: dict[str, float],
    unknown: Callable[[str], int] | None = None,
    odd: Sequence[tuple[int, int]] | Callable[[], Sequence[tuple[int, int]]] = (),
    slip: Callable[[str], bool] | None = None,
) -> list[Flag]:
    """Turn per-token label probabilities into word-level spans above each category's threshold.

    A token's error score is the probability of any error; its category is the likeliest one,
    and the threshold is that category's, or "unknown_word" for a spelling flag on a word
    neither the lexicon nor the document knows ("unknown_name" if it is capitalised: a
    manuscript's names are rare words too, and checked one paragraph at a time they look
    new), or "unknown_slip" for any flag on an unknown lower-case word that `slip` says is a
    likely slip (a spelling flag, whatever category the model leaned to). Tokens in the `odd`
    spans (words of a pair the training books never wrote, `pairs.py`) may pass a grammar or
    word-choice flag at "odd_pair" and a missing word before them at "odd_missing", where
    those are lower. Adjacent flagged tokens form one span. `odd` may be a function that
    finds the spans: it is called only where some token scores at the thresholds they lower
    (most passages have none, and the pair lookups cost a walk of the words).
    """
    slip_floor = thresholds.get("unknown_slip")
    # No token scoring under every threshold is flagged, whatever its word is (a category the
    # thresholds leave out stands at 0.5).
    lowest = min([0.5, *thresholds.values()])
    err, err_total, in_unknown = pool_by_word(text, offsets, probs[:, 1 : 1 + len(CATEGORIES)], unknown,
                                              slip if slip_floor is not None else None, slip_floor or 0.0,
                                              ask_floor=lowest)
    best = err.argmax(axis=1)
    spelling_index = CATEGORIES.index("spelling")
    if "unknown_slip" in thresholds:
        best[in_unknown == UNKNOWN_SLIP] = spelling_index
    cat_thresholds = np.array([thresholds.get(c, 0.5) for c in CATEGORIES])
    token_thresholds = cat_thresholds[best]
    if "unknown_word" in thresholds:
        spelling = best == spelling_index
        token_thresholds[spelling & (in_unknown == UNKNOWN_LOWER)] = thresholds["unknown_word"]
        token_thresholds[spelling & (in_unknown == UNKNOWN_CAPITAL)] = thresholds.get(
            "unknown_name", thresholds["unknown_word"]
        )
        token_thresholds[spelling & (in_unknown == UNKNOWN_SLIP)] = thresholds.get(
            "unknown_slip", thresholds["unknown_word"]
        )
    if callable(odd):
        lowered_by_odd = ("odd_pair" in thresholds and bool((err_total >= thresholds["odd_pair"]).any())) or (
            "odd_missing" in thresholds and bool((probs[:, MISSING] >= thresholds["odd_missing"]).any()))
        odd = odd() if lowered_by_odd else ()
    in_odd = _inside(offsets, odd) if odd else None
    if in_odd is not None and "odd_pair" in thresholds:
        grammar_like = np.isin(best, [CATEGORIES.index("grammar"), CATEGORIES.index("word_choice")])
        lowered = in_odd & grammar_like
        token_thresholds[lowered] = np.minimum(token_thresholds[lowered], thresholds["odd_pair"])
    flagged = np.flatnonzero(err_total >= token_thresholds)
    flags: list[Flag] = []
    runs: list[list[int]] = []
    for i in flagged.tolist():
        if runs and runs[-1][-1] == i - 1 and offsets[i - 1][1] >= offsets[i][0]:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        lo, hi = offsets[run[0]][0], offsets[run[-1]][1]
        category = Counter(CATEGORIES[best[i]] for i in run).most_common(1)[0][0]
        segment = text[lo:hi]
        if segment.strip():  # trim the leading space byte-level tokens carry
            lo += len(segment) - len(segment.lstrip())
            hi -= len(segment) - len(segment.rstrip())
        lo, hi = _expand_to_word(text, lo, hi)
        if hi > lo:
            flags.append(Flag(lo, hi, category, float(err_total[run].max()), rule=MODEL_RULE + category))
    missing_thresholds = np.full(len(offsets), thresholds.get("missing", 0.5))
    if in_odd is not None and "odd_missing" in thresholds:
        missing_thresholds[in_odd] = np.minimum(missing_thresholds[in_odd], thresholds["odd_missing"])
    for i in np.flatnonzero(probs[:, MISSING] >= missing_thresholds).tolist():
        gap = offsets[i][0]
        before = _word_span_at(text, gap, backwards=True)
        after = _word_span_at(text, gap, backwards=False)
        lo = before[0] if before else gap
        hi = after[1] if after else offsets[i][1]
        if hi > lo:
            flags.append(Flag(lo, hi, "grammar", float(probs[i, MISSING]), rule=MODEL_RULE + "grammar"))
    return merge_flags(flags)


def _inside(offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Whether each token's last character lies in one of `spans` (a token carries the
    space before its word)."""
    out = np.zeros(len(offsets), dtype=bool)
    if not len(offsets):
        return out
    ends = offset_array(offsets)[:, 1] - 1
    for a, b in spans:
        out |= (ends >= a) & (ends < b)
    return out


def merge_flags(flags: list[Flag], text: str | None = None) -> list[Flag]:
    """Sort, and fold flags that overlap into one (keeping the stronger one's category, or a
    lookup rule's with a fix over the model's), with
    a rule's fixes where its span is the folded one's (and its message, if its category won).
    Given the `text`, a rule's fixes of the winning category inside a wider folded span are
    kept too, widened with the text around them ("could of" -> "have" in "of called": "have
    called")."""
    out: list[Flag] = []
    for f in sorted(flags, key=lambda f: (f.start, f.end)):
        if out and f.start < out[-1].end:
            prev = out[-1]
            keep = prev if prev.score >= f.score else f
            # Given the text (to widen its fix), a lookup rule's diagnosis with its fix outranks
            # the model's guess at a category ("could of called": of_for_have's "have", not
            # the model's word choice "or").
            ruled = [g for g in (prev, f) if g.fixes and not g.rule.startswith("model.")]
            if text is not None and ruled and keep.rule.startswith("model."):
                keep = ruled[0]
            end = max(prev.end, f.end)
            # A rule's fixes survive where its span is the folded one's, whichever flag is stronger;
            # the winning category's first, then (given the text) that category's widened, then
            # another category's ("up. ive": missing_apostrophes' "I've" over sentence_starts' "Ive").
            same_span = [g for g in (keep, prev, f) if g.fixes and (g.start, g.end) == (prev.start, end)]
            fixer = next((g for g in same_span if g.category == keep.category), None)
            fixes = fixer.fixes if fixer else ()
            if fixer is None and text is not None:
                fixer = next((g for g in (keep, prev, f) if g.fixes and g.category == keep.category), None)
                if fixer is not None:
                    head, tail = text[prev.start : fixer.start], text[fixer.end : end]
                    fixes = tuple(head + fix + tail for fix in fixer.fixes)
            if fixer is None and same_span:
                fixer = same_span[0]
                fixes = fixer.fixes
            message = fixer.message if fixer and fixer.category == keep.category else ""
            out[-1] = Flag(prev.start, end, keep.category, max(prev.score, f.score),
                           message, fixes, fixer.rule if message else keep.rule)
        else:
            out.append(f)
    return out
