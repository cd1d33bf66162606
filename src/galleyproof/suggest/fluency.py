"""How English a fix reads word by word: a bigram language model, for the ranker.

The tagger judges a repaired text by how sure it is that no token is wrong, and it finds a
text with a word dropped about as clean as one with the missing word put back ("had droning"
-> "had" or "had been droning"). Word-pair counts tell them apart: "had been" and "been
droning" are written far oftener than "had droning". The counts are the two lists that ship
with symspellpy (Google Books n-grams: 82,765 words and the 242,342 pairs seen at least 6.4
million times), so they bring no new download; they are read once, on first use, from arrays
saved in the user's cache folder by the first run (which parses the lists, 0.5 s).

The pair counts run about `PAIR_SCALE` times the word counts (the two lists were counted
apart), so a pair's count is read against its first word's count so scaled. A pair the list
lacks was seen fewer times than its least pair, so its probability is at most that count over
the first word's: the model takes the smaller of that and the second word's own share, backed
off (`BACKOFF`). Case and marks are not read: the score speaks to which words stand side by
side, and leaves marks to the tagger. Contractions are read as the words they stand for
("don't": do not), which the lists hold. Shorter texts read likelier to any such model, so
each word a fix adds earns `WORD_BONUS` (chosen on dev data, with the weight the ranker gives
the whole: `ranking.FLUENCY_WEIGHT`).
"""

from __future__ import annotations

import re
import threading
import zipfile
import zlib
from array import array
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import numpy as np

from galleyproof.english.bigrams import BIGRAM_FILE
from galleyproof.english.tables import cache_file_named_by, write_through_temporary
from galleyproof.english.wordlist import WORDLIST_FILE

#: How many times the pair counts outscale the word counts (the lists come from different
#: counts; the commonest words' pairs in the list add up to 40-50 times their own count).
PAIR_SCALE = 50.0
#: What a pair the list lacks keeps of its bound (stupid backoff's 0.4).
BACKOFF = 0.4
#: The count taken for a word the list lacks (its least words were seen about 12,700 times).
UNKNOWN_COUNT = 1000
#: Log-probability each word a fix puts in earns back (each one it drops gives up).
WORD_BONUS = 5.5
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def key_of(*words: str) -> int:
    """A hash of one word or a pair that is the same in every process (so the counts can be
    saved by it): CRC-32 and Adler-32 of the UTF-8 text side by side, 64 bits."""
    raw = "\0".join(words).encode("utf-8")
    return ((zlib.crc32(raw) << 32) | zlib.adler32(raw)) - (1 << 63)


class WordPairs:
    """Word and word-pair counts, and the log-probability of runs of words under them.

    The counts are kept as sorted arrays of the keys' hashes (`key_of`), not as dicts: 242,342
    pairs held as Python tuples and ints took about 80 MB, as arrays 4 MB."""

    def __init__(self, words: dict[str, int], pairs: dict[tuple[str, str], int]) -> None:
        self._set(_Counts((key_of(w), n) for w, n in words.items()),
                  _Counts((key_of(*k), n) for k, n in pairs.items()))

    @classmethod
    def hashed(cls, words: _Counts, pairs: _Counts) -> WordPairs:
        out = cls.__new__(cls)
        out._set(words, pairs)
        return out

    def _set(self, words: _Counts, pairs: _Counts) -> None:
        self._words, self._pairs = words, pairs
        self.total = float(self._words.counts.sum()) or 1.0
        self.least_pair = float(self._pairs.counts.min()) if len(self._pairs.counts) else 1.0

    def pair_logp(self, first: str, second: str) -> float:
        """log P(second | first)."""
        return float(self._logps([first], [second])[0])

    def logp(self, runs: list[list[str]]) -> float:
        """The log-probability of each run of words after its first word (lower case)."""
        return self.logps([runs])[0]

    def logps(self, texts: list[list[list[str]]]) -> list[float]:
        """`logp` of each text's runs, in one look-up."""
        firsts, seconds, owner = [], [], []
        for t, runs in enumerate(texts):
            for words in runs:
                firsts += words[:-1]
                seconds += words[1:]
                owner += [t] * max(0, len(words) - 1)
        if not firsts:
            return [0.0] * len(texts)
        sums = np.bincount(np.asarray(owner), weights=self._logps(firsts, seconds), minlength=len(texts))
        return [float(x) for x in sums]

    def _logps(self, firsts: list[str], seconds: list[str]) -> np.ndarray:
        seen = self._pairs.look_up([key_of(a, b) for a, b in zip(firsts, seconds, strict=True)])
        first_known = self._words.look_up([key_of(w) for w in firsts])
        second_known = self._words.look_up([key_of(w) for w in seconds])
        first_count = np.where(first_known > 0, first_known, UNKNOWN_COUNT) * PAIR_SCALE
        share = np.where(second_known > 0, second_known, UNKNOWN_COUNT) / self.total
        bound = np.where(first_known > 0, self.least_pair / first_count, 1.0)
        unseen = np.log(BACKOFF * np.minimum(share, bound))
        with np.errstate(divide="ignore"):
            known = np.log(np.where(seen > 0, seen, 1.0) / np.maximum(first_count, seen))
        return np.where(seen > 0, known, unseen)


class _Counts:
    """Counts by key hash: sorted hashes and their counts (a hash seen twice, summed)."""

    def __init__(self, items: Iterable[tuple[int, int]]) -> None:
        keys, counts = array("q"), array("d")
        for k, n in items:
            keys.append(k)
            counts.append(n)
        keys, counts = np.frombuffer(keys, dtype=np.int64), np.frombuffer(counts, dtype=np.float64)
        self.keys, where = np.unique(keys, return_inverse=True)
        self.counts = np.bincount(where, weights=counts, minlength=len(self.keys)) if len(keys) else counts

    @classmethod
    def of_arrays(cls, keys: np.ndarray, counts: np.ndarray) -> _Counts:
        out = cls(())
        out.keys, out.counts = keys, counts
        return out

    def look_up(self, hashes: list[int]) -> np.ndarray:
        """The count of each hash, 0 where none."""
        wanted = np.asarray(hashes, dtype=np.int64)
        if not len(self.keys):
            return np.zeros(len(wanted))
        at = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        return np.where(self.keys[at] == wanted, self.counts[at], 0.0)


#: Contractions as the counts hold them: as the words they stand for (the lists hold the
#: contracted forms only at a nominal count, in no pair).
_IRREGULAR = {"won't": ["will", "not"], "can't": ["can", "not"], "shan't": ["shall", "not"],
              "ain't": ["am", "not"]}
_ENDINGS = (("n't", ["not"]), ("'re", ["are"]), ("'ve", ["have"]), ("'ll", ["will"]), ("'d", ["would"]),
            ("'m", ["am"]), ("'s", []))


def _as_counted(word: str) -> list[str]:
    word = word.lower().replace("’", "'")
    if "'" not in word:
        return [word]
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for ending, instead in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            return [word[: -len(ending)], *instead]
    return [word.replace("'", "")]


def runs_of(text: str) -> list[list[str]]:
    """The words of `text` as the counts write them (lower case, contractions spelt out), as
    one run (the ranker's window lies within a paragraph). A mark between two words does not
    part them: parting them there ranked worse on the dev sets (docs/experiments/suggestions.md,
    "Seventh round")."""
    return [[w for m in _WORD.finditer(text) for w in _as_counted(m.group())]]


def gain(pairs: WordPairs, before: str, after: str) -> float:
    """How much likelier the words of `after` read than those of `before` (log odds), each
    word added earning `WORD_BONUS`: 0 where only marks or case differ."""
    return gains(pairs, before, [after])[0]


def gains(pairs: WordPairs, before: str, afters: list[str]) -> list[float]:
    """`gain` of each of `afters` over `before`, reading `before` once and looking every
    pair up at once."""
    old = runs_of(before)
    old_count = len(_WORD.findall(before))
    news = [runs_of(after) for after in afters]
    changed = [i for i, new in enumerate(news) if new != old]
    out = [0.0] * len(afters)
    if not changed:
        return out
    old_logp, *new_logps = pairs.logps([old, *(news[i] for i in changed)])
    for i, new_logp in zip(changed, new_logps, strict=True):
        added = len(_WORD.findall(afters[i])) - old_count  # as written: "they're" is one word
        out[i] = new_logp - old_logp + WORD_BONUS * added
    return out


def _read_words() -> _Counts:
    """symspellpy's word counts, by `key_of`, read a line at a time."""
    with resources.files("symspellpy").joinpath(WORDLIST_FILE).open(encoding="utf-8") as lines:
        return _Counts((key_of(word.lower()), int(count)) for word, _, count in (line.rstrip("\n").partition(" ")
                                                                                for line in lines) if count.isdigit())


def _read_pairs() -> _Counts:
    """symspellpy's pair counts, by `key_of` the two words in lower case."""
    with resources.files("symspellpy").joinpath(BIGRAM_FILE).open(encoding="utf-8") as lines:
        return _Counts((key_of(parts[0], parts[1]), int(parts[2])) for parts in (line.rstrip("\n").lower().split(" ")
                                                                                  for line in lines)
                       if len(parts) == 3 and parts[2].isdigit())


def _saved_at() -> Path | None:
    """Where the counts are saved as arrays, in the user's cache folder, named by the pair
    list's size and time (a new symspellpy names a new file)."""
    return cache_file_named_by(resources.files("symspellpy").joinpath(BIGRAM_FILE), "symspell-pair-counts",
                               suffix=".npz")


def _load(path: Path | None) -> WordPairs:
    """The counts from the arrays saved at `path`, or parsed from symspellpy's lists (0.5 s)
    and saved there for the next start (a read of 4 MB); a file that cannot be read is written
    afresh, and where none can be written the lists are parsed again next time."""
    if path is not None:
        try:
            with np.load(path) as saved:
                return WordPairs.hashed(_Counts.of_arrays(saved["word_keys"], saved["word_counts"]),
                                        _Counts.of_arrays(saved["pair_keys"], saved["pair_counts"]))
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError):
            pass
    words, pairs = _read_words(), _read_pairs()
    if path is not None:
        write_through_temporary(path, lambda tmp: np.savez(tmp, word_keys=words.keys, word_counts=words.counts,
                                                           pair_keys=pairs.keys, pair_counts=pairs.counts),
                                suffix=".tmp.npz")
    return WordPairs.hashed(words, pairs)


_lock = threading.Lock()
_shipped: WordPairs | None = None


def shipped_pairs() -> WordPairs:
    """symspellpy's counts, read on first use (once, whichever thread asks first)."""
    global _shipped
    with _lock:
        if _shipped is None:
            _shipped = _load(_saved_at())
        return _shipped
