"""The text being checked and the facts about it that several stages read, each worked out
once per check, on first use: no rule or filter recounts the text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cached_property

from galleyproof.text.paragraphs import Passage, iter_passages, paragraph_spans
from galleyproof.text.verse import ChosenBreaks
from galleyproof.text.words import (
    Word,
    adjacent_words,
    document_counts,
    iter_words,
    keyed_words,
    mid_sentence_forms,
)

#: Texts up to this long keep their words (and pairs of adjacent words) once worked out, for
#: every rule to read: a novel's words take a few MB. A longer text is walked afresh by each
#: rule that asks, so memory stays bounded by the text, not a multiple of it.
HELD_WORDS_CHARS = 4_000_000


class Document:
    """One text as read (offsets index it exactly) and what is known of it as a whole.

    `counts`, where given, are the word counts to read the text by: a paragraph checked as a
    part of its book counts its words with the rest of the book.
    """

    def __init__(self, text: str, counts: Counter[str] | None = None) -> None:
        self.text = text
        if counts is not None:
            self.__dict__["counts"] = counts  # what the cached property would have stored

    @cached_property
    def counts(self) -> Counter[str]:
        """How often the text uses each word (`words.normalise` keys)."""
        return document_counts(self.text)

    @cached_property
    def total_words(self) -> int:
        return sum(self.counts.values())

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of each stretch between blank lines."""
        return list(paragraph_spans(self.text))

    @cached_property
    def breaks(self) -> ChosenBreaks:
        """The line breaks the writer chose (verse), as opposed to wrapping."""
        return ChosenBreaks(self.text)

    @cached_property
    def capitalised_forms(self) -> Counter[str]:
        """Capitalised word forms written where no sentence begins, with their counts."""
        return mid_sentence_forms(self.text, capitalised_only=True)

    @cached_property
    def small_forms(self) -> Counter[str]:
        """Words of two letters or more written all in small letters, with their counts."""
        return Counter(w for w in (m.group() for m in iter_words(self.text)) if len(w) > 1 and w.islower())

    @cached_property
    def forms(self) -> Counter[str]:
        """Every word form (case kept) written where no sentence begins, with their counts."""
        return mid_sentence_forms(self.text)

    def words(self) -> Iterable[Word]:
        """Every word as (`normalise` key, start, end), in order."""
        held = self._words
        return keyed_words(self.text) if held is None else held

    def adjacent_words(self) -> Iterable[tuple[Word, Word]]:
        """Every two words parted by nothing but spaces (one line break at most): `words.adjacent_words`."""
        held = self._adjacent
        return adjacent_words(self.text) if held is None else held

    @cached_property
    def _words(self) -> list[Word] | None:
        if len(self.text) > HELD_WORDS_CHARS:
            return None
        keys: dict[str, str] = {}  # one string per distinct key, not one per word
        return [(keys.setdefault(k, k), start, end) for k, start, end in keyed_words(self.text)]

    @cached_property
    def _adjacent(self) -> list[tuple[Word, Word]] | None:
        held = self._words
        return None if held is None else list(adjacent_words(self.text, held))

    def passages(self) -> Iterator[Passage]:
        """The paragraphs as the model reads them; streamed, so a huge file is never held twice."""
        return iter_passages(self.text)
