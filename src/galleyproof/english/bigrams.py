"""Two words that English writes side by side often: "coffee table", "sheet metal", "this morning".

Where a word no list knows splits into two words, the split is the fix only if English puts
those two words together; "coffeetable" is "coffee table", while a novelist's "cloudbank" or
"thornbush" joins two words that seldom stand together and is a coinage. The pairs are the
bigram dictionary that ships with symspellpy (242,342 pairs, each seen at least 6.4 million
times in its source counts, built from Google Books n-grams; symspellpy is MIT-licensed), so
they bring no new download. Its 5 MB of "word word count" lines are parsed once and kept as a
sorted plain file of "word_word" keys in the user's cache (named by the list's size and time),
read only when a rule first asks and searched as it is (`tables.SortedWords`): building a set
of its 242,342 keys cost a check a fifth of a second.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources

from galleyproof.english.tables import SortedWords, cache_file_named_by, cached_sorted_words

BIGRAM_FILE = "frequency_bigramdictionary_en_243_342.txt"


def bigram_keys() -> Iterator[str]:
    """symspellpy's pairs, each as "first_second", lower case, a line of the list at a time:
    the list read whole, split into lines and then into keys held three copies of its 242,342
    pairs at once (peak memory, the first check that asks)."""
    with resources.files("symspellpy").joinpath(BIGRAM_FILE).open("r", encoding="utf-8") as fh:
        for piece in fh:
            for line in piece.splitlines():  # what `str.splitlines` ends a line at, as the whole text split
                parts = line.split(" ")
                if len(parts) == 3:
                    yield f"{parts[0]}_{parts[1]}".lower()


@cache
def _pairs() -> SortedWords:
    listed = resources.files("symspellpy").joinpath(BIGRAM_FILE)
    return cached_sorted_words(cache_file_named_by(listed, "symspell-bigrams"), bigram_keys)


def is_common_pair(first: str, second: str) -> bool:
    """Does English often write `first` then `second` ("coffee", "table"), in any case?"""
    return f"{first}_{second}".lower() in _pairs()
