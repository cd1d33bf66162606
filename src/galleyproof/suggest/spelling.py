"""Known words near a misspelling: a symmetric-delete (SymSpell) index over the lexicon.

The index costs about half a second to build for the shipped lexicon, so it is built on the first
spelling suggestion a lexicon is asked for, not when a detector loads, and kept per lexicon.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import threading
import weakref
from collections import defaultdict
from itertools import chain

from symspellpy import SymSpell, Verbosity

from galleyproof.english.lexicon import Lexicon
from galleyproof.paths import data_home
from galleyproof.text.words import normalise

#: Words seen fewer times than this are likelier typos in the corpus than words to offer.
MIN_COUNT = 3
MAX_DISTANCE = 2
# Deletes are indexed on this prefix of each word only: the same answers (any prefix longer
# than MAX_DISTANCE is exact), half the build time of the default 7.
PREFIX_LENGTH = 5
# One- and two-letter words a run-together pair may split into ("a", "I", "of"...).
_SHORT_WORDS = frozenset("a i o".split())
#: Bumped when what a saved index holds changes (2: JSON, not a pickle).
INDEX_FORMAT = 2

_INDEXES: dict[int, tuple[weakref.ref, SymSpell]] = {}
_BUILDING = threading.Lock()


def build_index(lexicon: Lexicon, max_distance: int = MAX_DISTANCE) -> SymSpell:
    """A SymSpell index of the lexicon's words seen at least `MIN_COUNT` times."""
    index = SymSpell(max_dictionary_edit_distance=max_distance, prefix_length=PREFIX_LENGTH, count_threshold=MIN_COUNT)
    for word, count in lexicon.counts.items():
        if count >= MIN_COUNT:
            index.create_dictionary_entry(word, count)
    return index


def index_for(lexicon: Lexicon) -> SymSpell:
    """The cached index of `lexicon` (by identity: a lexicon is not changed after loading).
    Threads that ask at once wait for one build rather than each building it; a build is
    saved in the user's data folder, so the next run loads it (a tenth of the time)."""
    key = id(lexicon)
    with _BUILDING:
        cached = _INDEXES.get(key)
        if cached is not None and cached[0]() is lexicon:
            return cached[1]
        index = _saved_index(lexicon)
        _INDEXES[key] = (weakref.ref(lexicon, lambda _, key=key: _INDEXES.pop(key, None)), index)
        return index


def _load_index(path: os.PathLike, key: str) -> SymSpell | None:
    """The index saved at `path` for `key`, or None if it is missing, damaged or for other
    words. JSON, checked field by field: a file planted in the cache folder is data, never code."""
    try:
        with open(path, encoding="utf-8") as fh:
            saved = json.load(fh)
        deletes, words, max_length = saved["deletes"], saved["words"], saved["max_length"]
        if saved.get("format") != INDEX_FORMAT or saved.get("key") != key or type(max_length) is not int:
            return None
        if not (isinstance(deletes, dict) and isinstance(words, dict)):
            return None
        # Checked a type set at a time (a third of the time of a word at a time): every count an
        # int, every delete's entry a list of strings, each a word of the index.
        if not set(map(type, words.values())) <= {int} or not set(map(type, deletes.values())) <= {list}:
            return None
        listed = set(chain.from_iterable(deletes.values()))  # a nested list or dict: TypeError
        if not set(map(type, listed)) <= {str} or not words.keys() >= listed:
            return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    index = SymSpell(max_dictionary_edit_distance=MAX_DISTANCE, prefix_length=PREFIX_LENGTH, count_threshold=MIN_COUNT)
    index._deletes = defaultdict(list, deletes)
    index._words = words
    index._max_length = max_length
    return index


def _saved_index(lexicon: Lexicon) -> SymSpell:
    """Load the index saved for exactly these words and counts, or build and save it. The
    folder is the user's own; a damaged or unwritable file only costs a rebuild."""
    h = hashlib.blake2b(digest_size=12)
    for word, count in lexicon.counts.items():
        if count >= MIN_COUNT:
            h.update(f"{word}\t{count}\n".encode())
    h.update(f"{MAX_DISTANCE} {PREFIX_LENGTH} {INDEX_FORMAT}".encode())
    key = h.hexdigest()
    path = data_home() / "cache" / f"spelling-{key}.json"
    index = _load_index(path, key)
    if index is not None:
        return index
    index = build_index(lexicon)
    saved = {"format": INDEX_FORMAT, "key": key, "max_length": index._max_length,
             "deletes": index._deletes, "words": index._words}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(saved, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass
    return index


def near_words(lexicon: Lexicon, word: str, max_distance: int = MAX_DISTANCE) -> list[tuple[str, int, int]]:
    """(word, edit distance, count) of known words within `max_distance` of `word`, lower-cased."""
    key = normalise(word)
    found = index_for(lexicon).lookup(key, Verbosity.ALL, max_edit_distance=max_distance)
    return [(s.term, s.distance, s.count) for s in found if s.term != key]


def splits(lexicon: Lexicon, word: str) -> list[tuple[str, str, float]]:
    """Ways to read a run-together word as two known words ("bythe" -> by, the), with the
    log count of the rarer half: a pair of common words is a likelier reading."""
    key = normalise(word)
    out = []
    for i in range(1, len(key)):
        left, right = key[:i], key[i:]
        if any(len(part) == 1 and part not in _SHORT_WORDS for part in (left, right)):
            continue
        counts = lexicon.count(left), lexicon.count(right)
        if min(counts) >= MIN_COUNT:
            out.append((word[:i], word[i:], math.log(min(counts))))
    return out
