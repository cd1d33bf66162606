"""Word counts from the training books: facts the detector looks up instead of memorising."""

from __future__ import annotations

import gzip
import hashlib
import io
import marshal
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Generic, TypeVar

from galleyproof.english.tables import write_through_temporary
from galleyproof.paths import data_home
from galleyproof.text.words import iter_words, normalise

DEFAULT_LEXICON = "lexicon.tsv.gz"
T = TypeVar("T")


@dataclass
class Lexicon:
    """Lower-cased word form -> count in the training corpus, and how often it was capitalised."""

    counts: dict[str, int] = field(default_factory=dict)
    capitalised: dict[str, int] = field(default_factory=dict)
    _total: int | None = field(default=None, init=False, repr=False, compare=False)
    #: A hash of the file it was loaded from (None when made otherwise): names what is worked
    #: out from it and saved for the next process (`english.verbs.saved_corpus_verbs`).
    stamp: bytes | None = field(default=None, init=False, repr=False, compare=False)

    def __contains__(self, word: str) -> bool:
        return normalise(word) in self.counts

    def count(self, word: str) -> int:
        # A key is its own `normalise`d form: a word found as it is needs no normalising.
        found = self.counts.get(word)
        return found if found is not None else self.counts.get(normalise(word), 0)

    def capitalised_share(self, word: str) -> float:
        """Share of the word's uses written with a capital: near 1 for names and "I"."""
        key = normalise(word)
        count = self.counts.get(key, 0)
        return self.capitalised.get(key, 0) / count if count else 0.0

    def __len__(self) -> int:
        return len(self.counts)

    @property
    def total(self) -> int:
        """Words counted in all (the sum of the counts), worked out once."""
        if self._total is None:
            self._total = sum(self.counts.values())
        return self._total

    @classmethod
    def from_texts(cls, texts: Iterable[str], min_count: int = 2) -> Lexicon:
        """Count words; forms seen fewer than `min_count` times are dropped as likely typos."""
        counter: Counter[str] = Counter()
        capitals: Counter[str] = Counter()
        for text in texts:
            for m in iter_words(text):
                word = m.group()
                key = normalise(word)
                counter[key] += 1
                if word[0].isupper():
                    capitals[key] += 1
        kept = {w: c for w, c in counter.items() if c >= min_count}
        return cls(kept, {w: capitals[w] for w in kept if capitals[w]})

    def save(self, path: str | Path) -> None:
        """Write a gzipped `word<TAB>count<TAB>capitalised` file, most frequent first."""
        rows = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        # mtime=0: the same counts give the same bytes, so a rebuilt lexicon diffs clean.
        with (
            open(path, "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz,
            io.TextIOWrapper(gz, encoding="utf-8") as fh,
        ):
            fh.writelines(f"{w}\t{c}\t{self.capitalised.get(w, 0)}\n" for w, c in rows)

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        with open(path, "rb") as fh:
            packed = fh.read()
        stamp = hashlib.blake2b(packed, digest_size=16).digest()
        saved = _saved_parse_file(stamp)
        lexicon = _read_saved_parse(saved)
        if lexicon is None:
            lexicon = cls._parse(gzip.decompress(packed).decode("utf-8"))
            _save_parse(saved, lexicon)
        lexicon.stamp = stamp
        return lexicon

    @classmethod
    def _parse(cls, data: str) -> Lexicon:
        # Split in C, a field list for the whole file (a fifth of the time of a line at a time:
        # start-up time), where every line is word<TAB>count<TAB>capitalised with digits for
        # numbers; any other file is read a line at a time, which names what is wrong with it.
        if "\r" not in data and data.endswith("\n"):
            fields = data.replace("\n", "\t").split("\t")
            fields.pop()
            words, counts, caps = fields[0::3], fields[1::3], fields[2::3]
            if len(fields) % 3 == 0 and all(map(str.isdigit, counts)) and all(map(str.isdigit, caps)):
                return cls(dict(zip(words, map(int, counts))),
                           {w: int(c) for w, c in zip(words, caps) if c != "0"})
        counts_: dict[str, int] = {}
        capitalised: dict[str, int] = {}
        for line in io.StringIO(data, newline=None):
            word, count, cap = line.rstrip("\n").split("\t")
            counts_[word] = int(count)
            if cap != "0":
                capitalised[word] = int(cap)
        return cls(counts_, capitalised)

    @classmethod
    def load_default(cls) -> Lexicon:
        """The lexicon shipped in the package, built from the training books."""
        ref = resources.files("galleyproof.data").joinpath(DEFAULT_LEXICON)
        with resources.as_file(ref) as path:
            return cls.load(path)


def _saved_parse_file(stamp: bytes) -> Path | None:
    """Where a lexicon file's parsed counts are kept for the next process, named by a hash of
    the file's bytes (so only that file's parse is ever read back) and the marshal format;
    None where the user data folder cannot be made."""
    try:
        return data_home() / "cache" / f"lexicon-{stamp.hex()}-m{marshal.version}.marshal"
    except OSError:
        return None


#: What a kept parse begins with, before the BLAKE2 checksum of the marshalled counts after it.
_SAVED_PARSE_MAGIC = b"galleyproof lexicon parse 1\n"


def _read_saved_parse(path: Path | None) -> Lexicon | None:
    """The counts `_save_parse` kept at `path`, or None where there are none or they are not
    whole (their checksum does not match, or they are not two dicts): marshal reads them in a
    third of the time parsing the file takes (start-up time)."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_SAVED_PARSE_MAGIC)
    digest, payload = data[head : head + 16], data[head + 16 :]
    if not data.startswith(_SAVED_PARSE_MAGIC) or hashlib.blake2b(payload, digest_size=16).digest() != digest:
        return None
    try:
        counts, capitalised = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not (type(counts) is dict and type(capitalised) is dict):
        return None
    return Lexicon(counts, capitalised)


def _save_parse(path: Path | None, lexicon: Lexicon) -> None:
    if path is not None:
        payload = marshal.dumps((lexicon.counts, lexicon.capitalised))
        data = _SAVED_PARSE_MAGIC + hashlib.blake2b(payload, digest_size=16).digest() + payload
        write_through_temporary(path, lambda tmp: tmp.write_bytes(data))


class PerLexicon(dict, Generic[T]):
    """What `make` works out from a lexicon, kept per lexicon by identity (a lexicon is not
    changed after loading) and dropped when the lexicon is: `of(lexicon)`. Threads that ask at
    once wait for one `make` rather than each making it. As a dict: `id(lexicon)` -> (a weak
    reference to the lexicon, the value)."""

    def __init__(self, make: Callable[[Lexicon], T]) -> None:
        super().__init__()
        self._make = make
        self._lock = threading.Lock()

    def of(self, lexicon: Lexicon) -> T:
        key = id(lexicon)
        with self._lock:
            entry = self.get(key)
            if entry is None or entry[0]() is not lexicon:
                entry = self[key] = (weakref.ref(lexicon, lambda _, key=key: self.pop(key, None)), self._make(lexicon))
            return entry[1]
