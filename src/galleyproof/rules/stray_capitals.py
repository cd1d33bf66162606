"""A common word given a capital inside a sentence: "the Dog ran", "we Walked home".

The mirror of `lowered_names.py`. A word the training books use at least `MIN_COUNT` times
and capitalise on at most `MAX_SHARE` of them (sentence starts included) is a common word;
capitalised where no sentence starts, it is most likely a slip. What else puts a capital
there is left alone:
- a name or title of several words ("Stone Court", "Houses of Parliament"): a capitalised
  word beside it, small joining words allowed between;
- a table of contents or a chapter's summary: 40% of the paragraph's words capitalised;
- a pronoun a reverent writer capitalises ("thanked Him");
- the first word of quoted speech or of a verse line (`verse.py`), or after a colon or dash;
- the writer's own capital, personification or a name ("Nature", "Oak"), written so
  mid-sentence `DOCUMENT_USES` times or more.

The model leaves many of these to its capitalisation threshold. Measurements are in
`docs/experiments/rules.md`.
"""

from __future__ import annotations

import bisect
import re

from galleyproof.allow.licences import opens_paragraph_capitalised
from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import (
    OPENING_MARKS,
    WORD_RE,
    is_sentence_start,
    iter_words,
)

MIN_COUNT = 50
MAX_SHARE = 0.02
DOCUMENT_USES = 2
SCORE = 0.9
#: A capital may follow these (spaces between): quoted speech, a bracket, a colon, a dash.
_OPENS_PHRASE = frozenset(OPENING_MARKS + "’—–-:;`")
#: Small words inside a name or title ("Rose of Summer"), at most `JOINED` of them in a row.
JOINING_WORDS = frozenset("of the a an in on and o’ o' my to for at by de la le du von van".split())
JOINED = 2
_BETWEEN_NAME_PARTS = " \t\r\n’'"
#: Share of capitalised words that makes a paragraph a list of titles.
TITLE_SHARE = 0.4
#: Pronouns a reverent writer capitalises ("thanked Him").
REVERENT = frozenset("he him his himself thee thou thy thine".split())


def _titlecase(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower() and word.lower() not in REVERENT


def _neighbour_capitalised(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word stands beside this one, small joining words allowed between
    ("Houses of Parliament", "Hop o' my Thumb"), one before it not opening a sentence; or a
    hyphen joins it to another word ("Heat-Ray")."""
    if text[end : end + 1] == "-" or text[start - 1 : start] == "-":
        return True
    if _first_capital(_nearest_words(text, end, forward=True)) is not None:
        return True
    before = _first_capital(_nearest_words(text, start, forward=False))
    return before is not None and not is_sentence_start(text, before.start())


def _nearest_words(text: str, pos: int, forward: bool) -> list[re.Match[str]]:
    """Up to `JOINED` + 1 words on one side of `pos`, nearest first, while only spaces and
    apostrophes part them."""
    if forward:
        candidates = WORD_RE.finditer(text, pos, pos + 60)
    else:
        candidates = reversed(list(WORD_RE.finditer(text, max(0, pos - 60), pos)))
    out = []
    for m in candidates:
        if (text[pos : m.start()] if forward else text[m.end() : pos]).strip(_BETWEEN_NAME_PARTS):
            break
        out.append(m)
        pos = m.end() if forward else m.start()
        if len(out) > JOINED:
            break
    return out


def _first_capital(words: list[re.Match[str]]) -> re.Match[str] | None:
    """The first capitalised word of `words`, if only joining words come before it."""
    for m in words:
        if m.group()[0].isupper():
            return m
        if m.group().lower() not in JOINING_WORDS:
            return None
    return None


class _TitleParagraphs:
    """Which paragraphs read as titles (a table of contents, a chapter's summary): at least
    `TITLE_SHARE` of their words (two or more) capitalised. Each paragraph is counted once."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans
        self.starts = [s for s, _ in self.spans]
        self.known: dict[int, bool] = {}

    def __call__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i not in self.known:
            words = [m.group() for m in WORD_RE.finditer(self.text, *self.spans[i])]
            self.known[i] = len(words) >= 2 and sum(w[0].isupper() for w in words) >= TITLE_SHARE * len(words)
        return self.known[i]


def stray_capital_issues(text: str, lexicon: Lexicon, doc: Document | None = None) -> list[Issue]:
    """Common words capitalised where no sentence, quote, verse line or name begins; `doc`
    (of `text`) lends what the check already knows of the text."""
    found = [m for m in iter_words(text) if _titlecase(m.group())]
    if not found:
        return []
    doc = Document(text) if doc is None else doc
    forms = doc.capitalised_forms
    titles = _TitleParagraphs(text, doc.paragraphs)
    issues = []
    for m in found:
        word, start = m.group(), m.start()
        key = word.lower()
        # The document's forms last: a re-check looks them up for common words only (`rules.memo`).
        if lexicon.count(key) < MIN_COUNT or lexicon.capitalised_share(key) > MAX_SHARE or forms[word] >= DOCUMENT_USES:
            continue
        i = start
        while i > 0 and text[i - 1] in " \t":
            i -= 1
        if i == 0 or text[i - 1] in _OPENS_PHRASE or opens_paragraph_capitalised(text, start, m.end()):
            continue
        if is_sentence_start(text, start) or _neighbour_capitalised(text, start, m.end()) or titles(start):
            continue
        if doc.breaks.opens_line(start):
            continue
        issues.append(Issue(start, m.end(), "capitalization", f"The books write “{key}” in small letters",
                            (key,), SCORE))
    return issues


@rule("stray_capitals", "capitalization", "A common word capitalised where no sentence, quote, verse line or name begins",
      flagged="In the morning we Walked home.", clean="In the morning we walked home.")
def stray_capitals(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return stray_capital_issues(doc.text, lexicon, doc)
