"""A general English word list, beside the corpus lexicon, for one question: is this a word?

The lexicon counts what 52 novels happened to use, so "voting", "canteen" or "regimental"
are unknown to it, and calling every such word a likely misspelling makes false alarms.
The word list is the frequency dictionary that ships with symspellpy (82,765 words: the
SCOWL spell-checker word list intersected with Google Books counts), so it brings no new
download and holds real words only ("recieve", "untill", "icey" are not in it), and the
80,027 words pyspellchecker's English dictionary adds to it (`data/more_words.txt.gz`:
"cheeps", "behooves", "molt", "phew", which a novel uses and a spelling flag wrongly
questions). The added list is derived once by `galleyproof.training.tables`; what it changes
is in `docs/experiments/rules.md`.

It answers "is it a word?", never "is it the right word here?": that stays the model's.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources
from pathlib import Path

from galleyproof.english.tables import WORD_FILE_SUFFIX, WordArray, cache_file_named_by, cached_words

WORDLIST_FILE = "frequency_dictionary_en_82_765.txt"
MORE_WORDS_FILE = "more_words.txt.gz"


@lru_cache(maxsize=1)
def _symspell_words() -> WordArray:
    """symspellpy's words, from a word file in the user's cache where the first run wrote one:
    parsing the list's "word count" lines one at a time cost every start 40-70 ms (start-up
    time). Named by the list's size and time."""
    listed = resources.files("symspellpy").joinpath(WORDLIST_FILE)
    return cached_words(cache_file_named_by(listed, "symspell-words", suffix=WORD_FILE_SUFFIX), symspell_words)


def symspell_words() -> list[str]:
    """symspellpy's word list, in its order."""
    text = resources.files("symspellpy").joinpath(WORDLIST_FILE).read_text(encoding="utf-8")
    return [line.split(" ", 1)[0] for line in text.splitlines() if line]


def save_words(words: list[str], path: Path) -> None:
    """One word a line, gzipped reproducibly."""
    Path(path).write_bytes(gzip.compress(("\n".join(words) + "\n").encode("utf-8"), compresslevel=9, mtime=0))


def load_words(path: Path) -> list[str]:
    """The words `save_words` wrote."""
    return gzip.decompress(Path(path).read_bytes()).decode("utf-8").split()


@lru_cache(maxsize=1)
def _more_words() -> WordArray:
    """The added list (`data/more_words.txt.gz`), from a word file in the user's cache where
    the first run wrote one, named by the shipped file's size and time."""
    shipped = resources.files("galleyproof.data").joinpath(MORE_WORDS_FILE)
    return cached_words(cache_file_named_by(shipped, "more-words", suffix=WORD_FILE_SUFFIX),
                        lambda: load_words(Path(str(shipped))))


def english_words_among(words: set[str]) -> set[str]:
    """The words of `words`, each of lower-case letters only, that `is_english_word` takes:
    the same answers, searched many at once (a spelling rule's edits)."""
    return _symspell_words().among(words) | _more_words().among(words)


def is_english_word(word: str) -> bool:
    """True for a word of the list, in any case: "Voting", "voting", "VOTING". The added list
    is read (about 60 ms) only for a lower-case word the first list lacks: a capitalised
    unknown word is taken for a name, which a spelling flag spares anyway."""
    key = word.lower()
    if key in _symspell_words():
        return True
    return word[:1].islower() and key in _more_words()
