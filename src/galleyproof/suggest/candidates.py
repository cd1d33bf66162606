"""What every candidate generator shares: the flagged site and the candidate edit."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from galleyproof.english.lexicon import Lexicon
from galleyproof.text.paragraphs import PARAGRAPH_BREAK
from galleyproof.text.words import WORD_RE

_SPACES = " \t"
_MARKS = ",;:.!?"
@dataclass(frozen=True, slots=True)
class Candidate:
    """Write `new` over ``text[start:end]``; `prior` is its log-plausibility before context
    (edit size, word frequency, fit to the flagged category).

    `sign`: the text shows this error by itself (a doubled mark, an unknown word), so the fix
    holds whatever category the flag was given.
    """

    start: int
    end: int
    new: str
    prior: float
    kind: str
    sign: bool = False


@dataclass(frozen=True)
class Site:
    """A flagged span ``text[start:end]`` and what generators look at around it.

    `lo`/`hi` widen the span over the spaces and tabs beside it, and a mark just beyond them:
    dropping a word must take one of its spaces with it, a missing mark goes between a word
    and its space, and a flag often lands on the word after a wrong mark ("snow. down").
    `words` are the words the span touches.
    """

    text: str
    start: int
    end: int
    lexicon: Lexicon
    lo: int = field(init=False)
    hi: int = field(init=False)
    words: tuple[re.Match[str], ...] = field(init=False)

    def __post_init__(self) -> None:
        text = self.text
        lo, hi = self.start, self.end
        while lo > 0 and text[lo - 1] in _SPACES:
            lo -= 1
        while lo > 0 and text[lo - 1] in _MARKS:
            lo -= 1
        while hi < len(text) and text[hi] in _SPACES:
            hi += 1
        while hi < len(text) and text[hi] in _MARKS:
            hi += 1
        object.__setattr__(self, "lo", lo)
        object.__setattr__(self, "hi", hi)
        # Words touching the span, whole even where the flag cut one ("teh" in "tehouse").
        near = list(WORD_RE.finditer(text, max(0, lo - 40), min(len(text), hi + 40)))
        inside = [i for i, m in enumerate(near) if m.start() <= self.end and m.end() >= self.start]
        if inside:
            first, last = inside[0], inside[-1]
            # A word broken by a hyphen is one word to fix ("circumst-ances"), even if the flag took half.
            while first > 0 and text[near[first - 1].end() : near[first].start()] == "-":
                first -= 1
            while last + 1 < len(near) and text[near[last].end() : near[last + 1].start()] == "-":
                last += 1
            inside = list(range(first, last + 1))
        object.__setattr__(self, "words", tuple(near[i] for i in inside))

    def word_before(self, pos: int) -> re.Match[str] | None:
        """The nearest word before `pos` in its paragraph."""
        lo = max(0, pos - 60)
        for b in PARAGRAPH_BREAK.finditer(self.text, lo, pos):
            lo = b.end()
        found = None
        for m in WORD_RE.finditer(self.text, lo, pos):
            found = m
        return found

    def word_after(self, pos: int) -> re.Match[str] | None:
        """The nearest word after `pos` in its paragraph."""
        hi = min(len(self.text), pos + 60)
        b = PARAGRAPH_BREAK.search(self.text, pos, hi)
        return next(WORD_RE.finditer(self.text, pos, b.start() if b else hi), None)

    def freq(self, word: str) -> float:
        """log(1 + corpus count): the frequency part of a prior."""
        return math.log1p(self.lexicon.count(word))


Generator = Callable[[Site], Iterable[Candidate]]
