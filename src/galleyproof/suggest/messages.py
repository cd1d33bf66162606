"""Messages that say what is wrong and where, for flags that came with none (the model's).

A category alone says little ("This may be ungrammatical"); the flag's top suggestion,
set against the flagged text, says whether a word is extra, missing or in the wrong form,
and the words around it say where: "Extra word “the” after “of”", "A word may be missing
between “to” and “the”: did you mean “to the”?", "“want” after “this dentist”: did you mean
“wants”?". Without a suggestion, the message still names the flagged words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from galleyproof.issues import Issue
from galleyproof.text.paragraphs import PARAGRAPH_BREAK
from galleyproof.text.words import WORD_RE

#: Characters each side of the span looked at for the words that say where.
CONTEXT_CHARS = 80
#: Words before a changed word that say where it is ("after “this dentist”").
WHERE_WORDS = 2
#: Longest quoted text before it is cut short with "…".
QUOTE_CHARS = 40

_TOKEN = re.compile(WORD_RE.pattern + r"|\d+|\S")
_SPACES = re.compile(r"\s+")
MARK_NAMES = {
    ",": "comma", ";": "semicolon", ":": "colon", ".": "full stop", "!": "exclamation mark",
    "?": "question mark", "—": "dash", "–": "dash", "-": "hyphen", "(": "bracket", ")": "bracket",
    '"': "quotation mark", "“": "quotation mark", "”": "quotation mark", "‘": "quotation mark",
    "'": "apostrophe", "’": "apostrophe",
}

Token = tuple[str, int, int]


def _tokens(s: str, offset: int = 0) -> list[Token]:
    """Words, numbers and single marks of `s`, with their places (plus `offset`)."""
    return [(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(s)]


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


def quoted(s: str) -> str:
    """`s` in curly quotes, its line breaks and runs of spaces as one space, cut short if long."""
    s = _SPACES.sub(" ", s).strip()
    if len(s) > QUOTE_CHARS:
        s = s[: QUOTE_CHARS - 1].rstrip() + "…"
    return f"“{s}”"


def _named(token: str) -> str:
    """A mark by its name ("a comma"), a word in quotes."""
    name = MARK_NAMES.get(token)
    if name is None:
        return quoted(token)
    return ("an " if name[0] in "aeiou" else "a ") + name


def _capitalised(s: str) -> str:
    return s[:1].upper() + s[1:]


def _paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Up to `CONTEXT_CHARS` each side of the span, within its paragraph."""
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    for m in PARAGRAPH_BREAK.finditer(text, lo, start):
        lo = m.end()
    m = PARAGRAPH_BREAK.search(text, end, hi)
    return lo, (m.start() if m else hi)


def _where_before(text: str, before: list[Token], pos: int) -> str:
    """Up to `WHERE_WORDS` words right before `pos` in its clause (spaces only between), as text."""
    words: list[Token] = []
    edge = pos
    for tok in reversed(before):
        if not _is_word(tok[0]) or text[tok[2] : edge].strip() or len(words) == WHERE_WORDS:
            break
        words.insert(0, tok)
        edge = tok[1]
    return text[words[0][1] : words[-1][2]] if words else ""


def _common_ends(old: list[Token], new: list[Token], key: Callable[[str], str] = str) -> tuple[int, int]:
    """How many tokens the two lists share at the start and (after those) at the end, by `key`."""
    p = 0
    while p < min(len(old), len(new)) and key(old[p][0]) == key(new[p][0]):
        p += 1
    s = 0
    while s < min(len(old), len(new)) - p and key(old[-1 - s][0]) == key(new[-1 - s][0]):
        s += 1
    return p, s


def describe(text: str, issue: Issue, is_known: Callable[[str], bool] = lambda w: True) -> str:
    """What is wrong at the issue and where, from its top suggestion (or its span alone).

    `is_known` says whether a word is a known word: a replaced word that is not reads as a
    misspelling, whatever category the flag was given.
    """
    span = text[issue.start : issue.end]
    lo, hi = _paragraph_bounds(text, issue.start, issue.end)
    before = _tokens(text[lo : issue.start], lo)
    after = _tokens(text[issue.end : hi], issue.end)
    old = _tokens(span, issue.start)
    if not issue.suggestions:
        return _unsuggested(issue.category, span, old, before[-1:] + after[:1])
    new = _tokens(issue.suggestions[0])
    # A mark changed with the case of a word beside it ("you; replied" -> "you. Replied") is
    # told by its mark, the case change added.
    p, s = _common_ends(old, new, str.lower)
    removed, added = old[p : len(old) - s], new[p : len(new) - s]
    recased = [n for (o, _, _), (n, _, _) in zip(old[:p] + old[len(old) - s :], new[:p] + new[len(new) - s :],
                                                    strict=True) if o != n]
    marks_only = not any(_is_word(t[0]) for t in removed + added)
    if not (recased and (removed or added) and (marks_only or not removed or not added)):
        p, s = _common_ends(old, new)
        removed, added = old[p : len(old) - s], new[p : len(new) - s]
        recased = []
    # A word dropped or put in at a sentence's start moves its capital: that goes without saying.
    case_note = "".join(f", and {quoted(n)} with a capital" if n[:1].isupper() else f", and {quoted(n)} in small letters"
                        for n in recased[:1] if marks_only)
    left = (before + old[:p])[-1:]  # the token before the change
    right = (old[len(old) - s :] + after)[:1]  # the token after it
    a = left[0][0] if left else ""
    b = right[0][0] if right else ""
    if not removed and not added:
        return _spacing(issue.start, span, issue.suggestions[0], before + old + after)
    if not removed:
        # The fix as the writer would read it, from the token before the gap to the one after,
        # taking them from the text where they lie outside the span.
        suggestion = issue.suggestions[0]
        prefix = text[left[0][1] : issue.start] if left and not p else ""
        suffix = text[issue.end : right[0][2]] if right and not s else ""
        reading = prefix + suggestion + suffix
        first = len(prefix) + new[p - 1][1] if p else 0
        last = len(prefix) + new[len(new) - s][2] if s else len(reading)
        return _missing(added, suggestion, reading[first:last], a, b) + case_note
    if not added:
        return _extra(text, removed, a, b) + case_note
    gap = removed[0][1]
    where = _where_before(text, before + old[:p], gap)
    old_text = text[removed[0][1] : removed[-1][2]]
    new_text = issue.suggestions[0][added[0][1] : added[-1][2]]
    if len(removed) == 1 and len(added) == 1:
        o, n = removed[0][0], added[0][0]
        if _is_word(o) and _is_word(n):
            if o.lower() == n.lower():
                how = "with a capital" if o[:1].isupper() else "in small letters"
                return f"{quoted(o)} {how}: did you mean {quoted(n)}?"
            if issue.category == "spelling" or not is_known(o):
                return f"Possible misspelling of {quoted(n)}"
        elif not _is_word(o) and not _is_word(n):
            place = f" after {quoted(a)}" if a and _is_word(a) else f" before {quoted(b)}" if b else ""
            return f"{_capitalised(_named(o))}{place}: did you mean {_named(n)}{case_note}?"
    place = f" after {quoted(where)}" if where else f" before {quoted(b)}" if b and _is_word(b) else ""
    return f"{quoted(old_text)}{place}: did you mean {quoted(new_text)}{case_note}?"


def _missing(added: list[Token], suggestion: str, fixed: str, a: str, b: str) -> str:
    """Something to put in between the tokens `a` and `b`; `fixed` is the text from `a` to `b`
    with it put in."""
    if all(_is_word(t) for t, _, _ in added):
        what = "A word" if len(added) == 1 else "Words"
        fix = quoted(fixed)
        if a and b:
            return f"{what} may be missing between {quoted(a)} and {quoted(b)}: did you mean {fix}?"
        if a or b:
            return f"{what} may be missing {'after' if a else 'before'} {quoted(a or b)}: did you mean {fix}?"
        return f"{what} may be missing: did you mean {fix}?"
    if len(added) == 1:
        mark = added[0]
        # A mark with a space (or nothing) after it closes on the word before; else it opens the next.
        closing = mark[2] >= len(suggestion) or suggestion[mark[2]].isspace() or not b
        place = f"after {quoted(a)}" if a and (closing or not b) else f"before {quoted(b)}" if b else ""
        return f"{_capitalised(_named(mark[0]))} may be missing" + (f" {place}" if place else "")
    what = quoted(suggestion[added[0][1] : added[-1][2]])
    return f"{what} may be missing" + (f" after {quoted(a)}" if a else f" before {quoted(b)}" if b else "")


def _extra(text: str, removed: list[Token], a: str, b: str) -> str:
    """Something to take out, between the tokens `a` and `b`."""
    place = f" after {quoted(a)}" if a and _is_word(a) else f" before {quoted(b)}" if b else ""
    if all(_is_word(t) for t, _, _ in removed):
        if len(removed) == 1 and removed[0][0].lower() in (a.lower(), b.lower()):
            return f"{quoted(removed[0][0])} is repeated"
        what = "word" if len(removed) == 1 else "words"
        return f"Extra {what} {quoted(text[removed[0][1] : removed[-1][2]])}{place}"
    if len(removed) == 1:
        return f"Extra {MARK_NAMES.get(removed[0][0], quoted(removed[0][0]))}{place}"
    return f"{quoted(text[removed[0][1] : removed[-1][2]])} may be extra{place}"


def _spacing(start: int, span: str, suggestion: str, tokens: list[Token]) -> str:
    """Only the spaces differ: which two tokens (of `tokens`, around and in the span) gain or lose one."""
    i = 0
    while i < min(len(span), len(suggestion)) and span[i] == suggestion[i]:
        i += 1
    pos = start + i  # the first difference, in the text
    a = next((t[0] for t in reversed(tokens) if t[2] <= pos), "")
    b = next((t[0] for t in tokens if t[1] >= pos), "")
    between = f" between {quoted(a)} and {quoted(b)}" if a and b else ""
    return f"Extra space{between}" if len(suggestion) < len(span) else f"A space may be missing{between}"


def _unsuggested(category: str, span: str, old: list[Token], beside: list[Token]) -> str:
    """No suggestion to go by: what the category suspects, of the words flagged (of the
    tokens `beside` the span where it holds only spaces)."""
    if not old and len(beside) == 2:
        what = "punctuation" if category == "punctuation" else "spacing"
        return f"Check the {what} between {quoted(beside[0][0])} and {quoted(beside[1][0])}"
    words = [t for t in old if _is_word(t[0])]
    what = quoted(span)
    if category == "spelling":
        return f"{what} may be misspelt"
    if category == "grammar":
        if len(words) == 2:
            return (f"A word may be missing between {quoted(words[0][0])} and {quoted(words[1][0])}, "
                    "or one of them be the wrong form")
        return f"{what} may be ungrammatical here: the wrong form, or an extra word"
    if category == "word_choice":
        return f"{what} may be the wrong word here"
    if category == "punctuation":
        return f"Check the punctuation of {what}"
    if category == "whitespace":
        return f"Check the spacing of {what}"
    return f"Check the capitals of {what}"
