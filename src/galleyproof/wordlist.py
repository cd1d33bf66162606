"""A general English word list, beside the corpus lexicon, for one question: is this a word?

The lexicon counts what 52 novels happened to use, so "voting", "canteen" or "regimental"
are unknown to it, and calling every such word a likely misspelling makes false alarms.
The word list is the frequency dictionary that ships with symspellpy (82,765 words: the
SCOWL spell-checker word list intersected with Google Books counts), so it brings no new
download and holds real words only ("recieve", "untill", "icey" are not in it).
It answers "is it a word?", never "is it the right word here?": that stays the model's.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

WORDLIST_FILE = "frequency_dictionary_en_82_765.txt"


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The lower-case words of the list (loaded once, on the first question: about 50 ms)."""
    text = resources.files("symspellpy").joinpath(WORDLIST_FILE).read_text(encoding="utf-8")
    return frozenset(line.split(" ", 1)[0] for line in text.splitlines() if line)


def is_english_word(word: str) -> bool:
    """True for a word of the list, in any case: "Voting", "voting", "VOTING"."""
    return word.lower() in english_words()
