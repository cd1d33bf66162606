"""Suggestions: "did you mean ...?" for a flagged span.

Generators propose edits near the span, each with a prior; the ranker orders them, by the
prior alone or with the model judging each repaired text. Generators for the flagged
category come first; the others still run at a cost, because a flag's category can be wrong.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.modern import is_listed_word
from galleyproof.issues import Issue
from galleyproof.model.tagging import Flag
from galleyproof.suggest import marks, spelling, words
from galleyproof.suggest.candidates import Candidate, Generator, Site
from galleyproof.suggest.ranking import TokenScorer, rank
from galleyproof.text.paragraphs import crosses_paragraph
from galleyproof.text.words import WORD_RE, document_counts, normalise, shared_ends

__all__ = ["Suggestions", "candidates", "suggest", "with_suggestions"]

LIMIT = 5
#: Candidates ranked, the best by prior; the rest are too unlikely to pay for (of these, the
#: model reads those `ranking.worth_scoring` picks).
MAX_CANDIDATES = 16
#: Words put in that are scored even when their priors fall below the cap.
RESERVED_INSERTS = 3
#: The first candidates among which dropping the word beside the flag widens the span to it.
WIDEN_FOR = 3
#: How many times the score of a rule's best fix the suggester's own best must have to come first.
RULE_MARGIN = 2.0
#: Prior of a rule's own fix ranked beside the generators' candidates: a sign, as a rule saw one.
RULE_PRIOR = 1.0
#: Categories of rule flags whose fix the suggester's clearly better one may go before: a
#: misspelling ("hadits": "had its" over "habits"), a capital, a word put in or a form. A
#: confusion or a missing apostrophe names its word ("you're", "that's"), and the model's
#: liking for another reading ("yours", "that") is no reason to contradict the rule.
MAY_LEAD_RULES = frozenset({"spelling", "capitalization", "grammar"})
#: Rules whose fixes are the known words near a misspelling, commonest first: ranked as the
#: suggester ranks them ("witneses" -> "witnesses" before the commoner "witness").
COMMONEST_FIRST_RULES = frozenset({"misspellings"})
#: Prior cost of a generator that belongs to another category than the flag's.
OTHER_CATEGORY_COST = 1.0

PRIMARY: dict[str, tuple[Generator, ...]] = {
    "spelling": (words.respellings, words.respelled_together, words.splits),
    "word_choice": (words.swaps, words.forms, words.respellings),
    "grammar": (words.swaps, words.forms, words.articles, words.drops, words.inserts),
    "punctuation": (marks.punctuation, marks.spacing),
    "whitespace": (marks.spacing, words.splits, words.joins),
    "capitalization": (marks.capitals, marks.stops_before_capitals),
}
# The lexicon index behind these is built on first use: run them only for the word-level
# categories, or where a word is unknown, so a flag on a comma never pays for building it.
_NEEDS_INDEX = (words.respellings, words.respelled_together)
_WORD_LEVEL = ("spelling", "word_choice", "grammar")
# A word put in anywhere near any flag would crowd out the fixes of its own category.
# Nor a full stop before a capital near a flag on anything but capitals ("exemplifies. The").
_PRIMARY_ONLY = (words.inserts, marks.stops_before_capitals)
#: Kinds of runner-up that widen the span to the word beside the flag (see `suggest`).
_REACHES_BESIDE = frozenset({"drop_beside", "stop_before"})
#: Kinds of fix that write a misspelt word as a known one.
_RESPELLS = frozenset({"respell", "split"})
_ALL: tuple[Generator, ...] = tuple(dict.fromkeys(g for gens in PRIMARY.values() for g in gens))


@dataclass(frozen=True, slots=True)
class Suggestions:
    """Replacements for ``text[start:end]``, best first, with their scores.

    The span is the flag's, widened only as far as the best fix reaches (a fix may reach the
    word beside the flag; a dropped word takes its neighbour, not a bare space), and never
    into another paragraph.
    """

    start: int
    end: int
    options: tuple[tuple[str, float], ...]


def candidates(text: str, start: int, end: int, category: str, lexicon: Lexicon) -> list[Candidate]:
    """Every distinct edit the generators propose for the span, best prior first, capped."""
    site = Site(text, start, end, lexicon)
    primary = PRIMARY[category]
    unknown = any(lexicon.count(m.group()) < spelling.MIN_COUNT for m in site.words)
    best: dict[tuple[int, int, str], Candidate] = {}
    own_break = crosses_paragraph(text, start, end)
    for gen in _ALL:
        if gen in _NEEDS_INDEX and category not in _WORD_LEVEL and not unknown:
            continue
        if gen in _PRIMARY_ONLY and gen not in primary:
            continue
        cost = 0.0 if gen in primary else OTHER_CATEGORY_COST
        for c in gen(site):
            if text[c.start : c.end] == c.new:
                continue
            if not own_break and crosses_paragraph(text, min(c.start, start), max(c.end, end)):
                continue  # a fix of this paragraph never reaches into the next
            if not c.sign:
                c = dataclasses.replace(c, prior=c.prior - cost)
            key = _normal_form(text, c)
            if key not in best or best[key].prior < c.prior:
                best[key] = c
    ranked = sorted(best.values(), key=lambda c: -c.prior)
    kept = ranked[:MAX_CANDIDATES]
    if words.inserts in primary:
        # A word put in starts from a weak prior and wins when the model hears a gap there
        # (see `ranking.GAP_WEIGHT`), so the best few are always scored.
        kept += [c for c in ranked[MAX_CANDIDATES:] if c.kind == "insert"][:RESERVED_INSERTS]
    return kept


def _normal_form(text: str, c: Candidate) -> tuple[int, int, str]:
    """The edit trimmed of what it leaves as it was, so two spellings of one fix are one."""
    new = c.new
    p, s = shared_ends(text[c.start : c.end], new)
    return c.start + p, c.end - s, new[p : len(new) - s]


def suggest(
    text: str,
    issue: Issue,
    lexicon: Lexicon,
    model: TokenScorer | None = None,
    *,
    doc_counts: Counter | None = None,
    limit: int = LIMIT,
    extra: Sequence[Candidate] = (),
) -> Suggestions:
    """The best fixes for `issue` in `text`, at most `limit`, scored in [0, 1].

    `model` (a `ModelDetector`) ranks them in context; without one the lexicon prior does.
    `doc_counts` (normalised word -> count in `text`) saves recounting for every issue.
    `extra`: candidates from elsewhere (a rule's own fixes) ranked with the generators'.
    """
    found = candidates(text, issue.start, issue.end, issue.category, lexicon)
    if extra:
        known = {_normal_form(text, c) for c in found}
        found += [c for c in extra if _normal_form(text, c) not in known]
    if model is not None and doc_counts is None:
        doc_counts = document_counts(text)
    ranked = _respelt_before_dropped(text, rank(text, found, model, doc_counts), lexicon)
    if not ranked:
        return Suggestions(issue.start, issue.end, ())
    # The span reaches as far as the best fix does, and as a close runner-up dropping the
    # word beside the flag that pairs with it does ("a her": the flag may sit on the wrong one
    # of the two); then it loses what every option leaves as it was.
    # So does a runner-up that rewrites the rest of a word the flag cut ("’s" of "truth’s"
    # -> "truths"): the whole word is what the writer sees flagged.
    cut_words = _words_touched(text, issue.start, issue.end)
    # So does a full stop put in before a flagged capital ("torment That" -> "torment. That").
    reach = [ranked[0][0], *(c for c, _ in ranked[1:WIDEN_FOR]
                             if c.kind in _REACHES_BESIDE or cut_words[0] <= c.start <= c.end <= cut_words[1])]
    start = min(issue.start, *(c.start for c in reach))
    end = max(issue.end, *(c.end for c in reach))
    # A fix that reaches into the word beside the flag ("Its fine" -> "Fine" recases its "f")
    # takes the whole word: the writer reads "Its fine" -> "Fine", not "Its f" -> "F".
    while start < issue.start and _inside_word(text, start):
        start -= 1
    while end > issue.end and _inside_word(text, end):
        end += 1
    options: dict[str, float] = {}
    for c, score in ranked:
        if c.start < start or c.end > end:
            continue
        options.setdefault(text[start : c.start] + c.new + text[c.end : end], score)
        if len(options) == limit:
            break
    found = _trimmed(text, issue, Suggestions(start, end, tuple(options.items())))
    return _spaces_shown(text, _whole_words(text, issue, found))


def _spaces_shown(text: str, found: Suggestions) -> Suggestions:
    """`found` widened to the words either side where an option is only a space (a hyphen made
    one: "-" -> " "), which the writer cannot see: "I-felt" -> "I felt"."""
    if not any(s and s.isspace() for s, _ in found.options):
        return found
    start, end = found.start, found.end
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    head, tail = text[start : found.start], text[found.end : end]
    return Suggestions(start, end, tuple((head + s + tail, p) for s, p in found.options))


def _respelt_before_dropped(text: str, ranked: list[tuple[Candidate, float]],
                            lexicon: Lexicon) -> list[tuple[Candidate, float]]:
    """`ranked` with the best respelling of a misspelt word first where the best fix drops that
    word: the model and the word-pair counts find a text with an unknown word taken out
    clean ("a noisome dunjeonn" -> "a noisome", "It's definetly hard" -> "It's hard"), but a
    writer who misspelt a word meant a word there. A false start ("hurr hurry") or a word
    repeated is a sign of its own and keeps its place."""
    if not ranked:
        return ranked
    best = ranked[0][0]
    if best.sign or not best.kind.startswith("drop") or best.kind == "drop_mark":
        return ranked
    gone = [m for m in WORD_RE.finditer(text, best.start, best.end)
            if lexicon.count(m.group()) < spelling.MIN_COUNT and not is_listed_word(normalise(m.group()))]
    if not gone:
        return ranked
    word = gone[0]
    for i, (c, _) in enumerate(ranked):
        if c.kind in _RESPELLS and c.start <= word.start() and word.end() <= c.end:
            return [ranked[i], *ranked[:i], *ranked[i + 1 :]]
    return ranked


def _words_touched(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to the whole of every word it overlaps (in its paragraph)."""
    lo, hi = start, end
    for m in WORD_RE.finditer(text, max(0, start - 40), min(len(text), end + 40)):
        if m.start() < end and m.end() > start:
            lo, hi = min(lo, m.start()), max(hi, m.end())
    return lo, hi


def _trimmed(text: str, issue: Issue, found: Suggestions) -> Suggestions:
    """`found` with the widened edges that no option changes cut off again (a space a dropped
    word took, a word only the lower-ranked fixes needed), never inside the issue's own span,
    and never inside a word: where every option keeps a word's first letters ("of on" -> "of"
    or "on"), the span keeps the whole word, not "f on" -> "f" or "n"."""
    start, end, options = found.start, found.end, found.options
    new = [s for s, _ in options]
    cut = 0
    while start + cut < issue.start and all(s[cut : cut + 1] == text[start + cut] for s in new):
        cut += 1
    while cut and _inside_word(text, start + cut):
        cut -= 1
    new, start = [s[cut:] for s in new], start + cut
    cut = 0
    while end - cut > issue.end and all(len(s) > cut and s[len(s) - cut - 1] == text[end - cut - 1] for s in new):
        cut += 1
    while cut and _inside_word(text, end - cut):
        cut -= 1
    new, end = [s[: len(s) - cut] for s in new], end - cut
    return Suggestions(start, end, tuple(zip(new, (p for _, p in options), strict=True)))


def _inside_word(text: str, pos: int) -> bool:
    """Whether `pos` falls between two letters or digits of one word."""
    return 0 < pos < len(text) and text[pos - 1].isalnum() and text[pos].isalnum()


def _whole_words(text: str, issue: Issue, found: Suggestions) -> Suggestions:
    """`found` with a span widened onto a bare space (a dropped word's) widened on to the word
    beyond it, so no fix starts or ends in a space the writer cannot see: "the the" -> "the",
    not "the " -> ""."""
    start, end = found.start, found.end
    if start < issue.start and text[start].isspace():
        s = start
        while s > 0 and text[s - 1].isspace():
            s -= 1
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        start = start if crosses_paragraph(text, s, start + 1) else s
    if end > issue.end and text[end - 1].isspace():
        e = end
        while e < len(text) and text[e].isspace():
            e += 1
        while e < len(text) and not text[e].isspace():
            e += 1
        end = end if crosses_paragraph(text, end - 1, e) else e
    head, tail = text[start : found.start], text[found.end : end]
    return Suggestions(start, end, tuple((head + s + tail, p) for s, p in found.options))


def with_suggestions(
    text: str,
    issue: Issue,
    lexicon: Lexicon,
    model: TokenScorer | None = None,
    *,
    doc_counts: Counter | None = None,
    fixes: Sequence[str] = (),
) -> Issue:
    """`issue` with its suggestions and their scores filled in (its span widened if the fix needs it);
    `fixes` (a rule's, for the issue's own span) are ranked with the rest."""
    extra = [Candidate(issue.start, issue.end, fix, RULE_PRIOR, "rule", sign=True) for fix in fixes]
    found = suggest(text, issue, lexicon, model, doc_counts=doc_counts, extra=extra)
    return dataclasses.replace(
        issue,
        start=found.start,
        end=found.end,
        suggestions=tuple(s for s, _ in found.options),
        suggestion_scores=tuple(p for _, p in found.options),
    )


def with_rule_fixes(text: str, issue: Issue, flag: Flag) -> Issue:
    """`issue` (suggested for `flag`'s span, perhaps widened) with the rule's own fixes first,
    each scored as the suggester scored the same text, or at the flag's score if it did not;
    but, for a flag on a word's letters (`MAY_LEAD_RULES`), second where the suggester's best
    scored over `RULE_MARGIN` times as high and reads the slip as the rule does
    (`_best_may_lead`): then the issue's message is left empty, since the rule's names the
    rule's fix, and the caller tells the new first option (`suggest.messages.describe`). A rule
    that lists the known words near a misspelling commonest first (`COMMONEST_FIRST_RULES`) has
    them in the suggester's order instead."""
    if issue.start > flag.start or issue.end < flag.end:
        return issue
    head, tail = text[issue.start : flag.start], text[flag.end : issue.end]
    scored = dict(zip(issue.suggestions, issue.suggestion_scores or (flag.score,) * len(issue.suggestions),
                      strict=True))
    options = {head + fix + tail: None for fix in flag.fixes}
    message = issue.message
    if flag.rule in COMMONEST_FIRST_RULES:
        # The rule lists the known words near a misspelling commonest first, which says
        # nothing of which one the sentence wants: the model's order does.
        # (Its message names its first fix: where that changes, the caller tells the new one.)
        rank_of = {s: i for i, s in enumerate(issue.suggestions)}
        reordered = dict.fromkeys(sorted(options, key=lambda s: rank_of.get(s, len(rank_of))))
        if next(iter(reordered)) != next(iter(options)):
            message = ""
        options = reordered
    # The model ranked the rule's fixes with its own (`with_suggestions`); a fix it ranked
    # below its first few counts as scored nothing. Of a rule's several fixes ("sleeps" or
    # "slept"), one the model scores `RULE_MARGIN` times the first's goes first, if its letters
    # differ (the marks and spaces of "sheet metal", "sheet-metal" are the rule's to order).
    first = next(iter(options))
    own_best = max(options, key=lambda s: scored.get(s, 0.0))
    rule_best = scored.get(own_best, 0.0)
    if (flag.category in MAY_LEAD_RULES and rule_best > RULE_MARGIN * scored.get(first, 0.0)
            and _letters(own_best) != _letters(first)):
        options = {own_best: None, **options}
        if own_best.strip() not in message:
            message = ""  # the rule's message names its first fix; the caller tells the new one
    if (flag.category in MAY_LEAD_RULES and issue.suggestions and issue.suggestion_scores
            and issue.suggestion_scores[0] > RULE_MARGIN * rule_best
            and _best_may_lead(text[issue.start : issue.end], issue.suggestions[0], list(options))
            and issue.suggestions[0] not in options):
        options = {issue.suggestions[0]: None, **options}
        message = ""  # the rule's message names its own fix; the caller tells the new first one
    options.update(dict.fromkeys(issue.suggestions))
    best = list(options)[:LIMIT]
    return dataclasses.replace(issue, message=message, suggestions=tuple(best),
                               suggestion_scores=tuple(scored.get(s, flag.score) for s in best))


def _best_may_lead(span: str, best: str, rule_fixes: list[str]) -> bool:
    """Whether the suggester's best, scored well over the rule's fixes, may come before them.

    Where the rule puts a word in and the best drops one, the two read one slip both ways (a
    word missing, or one extra), and the model decides. Where the rule puts no word in, the
    best may lead unless it drops one: a respelling, recasing or split the model prefers
    ("hadits" -> "had its" over "habits", "mr elliot" -> "Mr Elliot" over "mr Elliot"). But
    the model finds a text with a word dropped clean too readily ("identical construtor" ->
    "identical"), so a drop never goes before a rule's fix of the same length; nor anything but
    a drop before a rule's word put in ("was to be a"), which the dev sets bear out.
    """
    words = _word_count(span)
    drops = _word_count(best) < words
    inserts = min(_word_count(s) for s in rule_fixes) > words
    return drops == inserts


def _letters(s: str) -> str:
    return "".join(c for c in s.lower() if c.isalnum())


def _word_count(s: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(s))

