"""How English a fix reads word by word: a bigram language model, for the ranker.

The tagger judges a repaired text by how sure it is that no token is wrong, and it finds a
text with a word dropped about as clean as one with the missing word put back ("had droning"
-> "had" or "had been droning"). Word-pair counts tell them apart: "had been" and "been
droning" are written far oftener than "had droning". The counts are the two lists that ship
with symspellpy (Google Books n-grams: 82,765 words and the 242,342 pairs seen at least 6.4
million times), so they bring no new download; they are read once, on first use (about 0.3 s).

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

import math
import re
import threading
from importlib import resources

from galleyproof.english.bigrams import BIGRAM_FILE
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


class WordPairs:
    """Word and word-pair counts, and the log-probability of a run of words under them."""

    def __init__(self, words: dict[str, int], pairs: dict[tuple[str, str], int]) -> None:
        self.words = words
        self.pairs = pairs
        self.total = sum(words.values()) or 1
        self.least_pair = min(pairs.values(), default=1)

    def pair_logp(self, first: str, second: str) -> float:
        """log P(second | first)."""
        seen = self.pairs.get((first, second))
        first_count = self.words.get(first, UNKNOWN_COUNT) * PAIR_SCALE
        if seen is not None:
            return math.log(seen / max(first_count, seen))
        share = self.words.get(second, UNKNOWN_COUNT) / self.total
        bound = self.least_pair / first_count if first in self.words else 1.0
        return math.log(BACKOFF * min(share, bound))

    def logp(self, runs: list[list[str]]) -> float:
        """The log-probability of each run of words after its first word (lower case)."""
        return sum(self.pair_logp(a, b) for words in runs for a, b in zip(words, words[1:], strict=False))


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
    """`gain` of each of `afters` over `before`, reading `before` once."""
    old = runs_of(before)
    old_logp = None
    old_count = len(_WORD.findall(before))
    out = []
    for after in afters:
        new = runs_of(after)
        if new == old:
            out.append(0.0)
            continue
        if old_logp is None:
            old_logp = pairs.logp(old)
        added = len(_WORD.findall(after)) - old_count  # as written: "they're" is one word
        out.append(pairs.logp(new) - old_logp + WORD_BONUS * added)
    return out


def _read_words() -> dict[str, int]:
    text = resources.files("symspellpy").joinpath(WORDLIST_FILE).read_text(encoding="utf-8")
    words: dict[str, int] = {}
    for line in text.splitlines():
        word, _, count = line.partition(" ")
        if count.isdigit():
            words[word.lower()] = words.get(word.lower(), 0) + int(count)
    return words


def _read_pairs() -> dict[tuple[str, str], int]:
    text = resources.files("symspellpy").joinpath(BIGRAM_FILE).read_text(encoding="utf-8")
    pairs: dict[tuple[str, str], int] = {}
    for line in text.splitlines():
        parts = line.lower().split(" ")
        if len(parts) == 3 and parts[2].isdigit():
            key = (parts[0], parts[1])
            pairs[key] = pairs.get(key, 0) + int(parts[2])
    return pairs


_lock = threading.Lock()
_shipped: WordPairs | None = None


def shipped_pairs() -> WordPairs:
    """symspellpy's counts, read on first use (once, whichever thread asks first)."""
    global _shipped
    with _lock:
        if _shipped is None:
            _shipped = WordPairs(_read_words(), _read_pairs())
        return _shipped
