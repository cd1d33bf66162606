"""Modern English words the training books never saw: "emoji", "selfie", "crypto", "Wi-Fi".

The unknown-word test asks here last. The list is wordfreq's small English list (the words of
Zipf frequency 3 and up, about 29,000: once in a million words of today's web, news,
subtitles and books), read straight from the package's data file on first use (no import of
wordfreq itself, which is slow), with a plural in -s known when its singular is, and words under four letters (mostly
abbreviations: "tv", "nfl") left out. Web text
also spells slips often enough to reach that frequency ("dont", "alot", "teh"): those are
never known here, so the rules and the spelling test still see them.

`is_used_word` asks a wider question for the spelling rules: has today's English any real use
for the word (Zipf 2 and up in wordfreq's large list: once in a hundred million words, about
110,000 words)? "funders", "terroir", "wakeup" have; "recommed" (Zipf 1.1), "opportunites"
(1.6) and "acclerating" (not listed) have not. The large list takes a third of a second to
read, so the words it adds are kept, the first time they are asked for, as a word file (`english.tables.WordArray`)
in the user's cache folder, named by the large list's size and time (a new wordfreq, a new file).

wordfreq (https://github.com/rspeer/wordfreq): code Apache-2.0; data CC BY-SA 4.0, built from
Wikipedia, SUBTLEX, Google Books, OpenSubtitles, Reddit, Twitter and other sources (see its
README). galleyproof reads the data at run time and ships none of it.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import cache
from pathlib import Path

from galleyproof.english.tables import WORD_FILE_SUFFIX, WordArray, cache_file_named_by, cached_words
from galleyproof.english.wordlist import is_english_word

#: Shorter words in the list are mostly abbreviations written in capitals ("tv", "nfl", "wk"),
#: whose lower-case spelling is a slip.
MIN_LENGTH = 4
#: The words of a text message ("omg", "u up?"), written so on purpose, whatever the books did
#: with them ("U" is an initial there): no other word's slip ("u" -> "us").
TEXT_SPEAK = frozenset("omg lol btw idk tbh ok u ur pls thx imo".split())
#: Short modern words that are not abbreviations written small ("tv", "nfl"), and text speak
#: but "u" and "ur", which prose spells out ("you", "your": a spelling flag says so).
SHORT_WORDS = frozenset("app gif emo bro vax dad mom mum doc pic vid".split()) | TEXT_SPEAK - {"u", "ur"}
#: Zipf frequency 3 and up: the small list's buckets are centibels below 1 (cB format), so
#: Zipf = 9 - bucket / 100.
MAX_BUCKET = 600
#: Zipf frequency 2 and up, for `is_used_word`.
USED_BUCKET = 700
#: Zipf 4 and up (ten times in a million words), for `zipf_today`.
COMMON_BUCKET = 500
#: Slips common on the web: contractions without their apostrophe (`rules/missing_apostrophes`),
#: words run together (`rules/run_together`), chat spellings.
NEVER_KNOWN = frozenset(
    set("dont doesnt didnt isnt arent wasnt werent hasnt havent hadnt couldnt wouldnt shouldnt mustnt neednt"
        " aint im ive youre youve youll theyre theyve theyll weve thats whats whos heres theres wheres hows"
        " shouldve couldve wouldve itll shes hes thatll whatre yall".split())
    | set("alot atleast infact aswell eachother inspite incase alittle everytime noone thankyou ofcourse atall upto".split())
    | set("teh ur u r ya thx pls plz dunno wanna gonna gotta kinda sorta cuz coz wont cant ill id hed shed wed".split())
)


def _list_file(name: str) -> Path | None:
    """wordfreq's English list `name` (small, large), found, not imported: importing wordfreq
    (langcodes, ftfy, regex) takes half a second. None without wordfreq."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / f"{name}_en.msgpack.gz"


def _buckets(name: str, first: int = 0, last: int | None = None) -> list[list[str]]:
    """A wordfreq list's words by bucket (bucket i: Zipf 9 - i/100), buckets `first` to
    `last` (all by default), the others skipped as the file is read, never unpacked: unpacking
    the large list whole for its Zipf 2-3 buckets raised the peak of the first check that asks
    (peak memory). Empty without wordfreq, or for a file of another kind."""
    try:
        import msgpack
    except ImportError:
        return []
    path = _list_file(name)
    if path is None:
        return []
    try:
        with path.open("rb") as raw, gzip.open(raw) as fh:
            unpacker = msgpack.Unpacker(fh, raw=False)
            size = unpacker.read_array_header()
            header = unpacker.unpack() if size else None
            if not (isinstance(header, dict) and header.get("format") == "cB"):
                return []
            found = []
            for i in range(size - 1):
                if i >= first and (last is None or i <= last):
                    found.append(unpacker.unpack())
                else:
                    unpacker.skip()
            return found
    except (OSError, EOFError, ValueError, msgpack.UnpackException):
        return []


def _wordlike(w: str) -> bool:
    return w.isalpha() or "-" in w or "'" in w


def _words_file(name: str, tag: str) -> Path | None:
    """Where the words taken from wordfreq's list `name` are kept in the user's cache."""
    return cache_file_named_by(_list_file(name), f"wordfreq-{name}", tag, WORD_FILE_SUFFIX)




@cache
def modern_words() -> WordArray:
    """wordfreq's small English list (Zipf >= 3), lower case; empty without wordfreq."""
    return cached_words(_words_file("small", "zipf3"), lambda: (
        w for bucket in _buckets("small", 0, MAX_BUCKET) for w in bucket if _wordlike(w)))


def _used_words_file() -> Path | None:
    return _words_file("large", "zipf2")


@cache
def _used_words() -> WordArray:
    """wordfreq's large-list words of Zipf 2 to 3 (below 3 is `modern_words`), from the cache
    file where one was written."""
    return cached_words(_used_words_file(), lambda: (
        w for bucket in _buckets("large", MAX_BUCKET + 1, USED_BUCKET) for w in bucket
        if _wordlike(w) and w.isascii()))


def is_used_word(word: str) -> bool:
    """Has today's English some real use for `word` (Zipf >= 2: "funders", "terroir"), which
    a slip of a common word ("recommed") has not? Slips in `NEVER_KNOWN` never have."""
    key = word.lower().replace("’", "'")
    if key in NEVER_KNOWN:
        return False
    return key in modern_words() or key in _used_words()


def used_words_among(words: set[str]) -> set[str]:
    """The words of `words`, each of lower-case ASCII letters only, that `is_used_word`
    takes: the same answers, searched many at once."""
    return (modern_words().among(words) | _used_words().among(words)) - NEVER_KNOWN


@cache
def _common_buckets() -> dict[str, int]:
    """The small list's words of Zipf 4 and up with their bucket, kept in the cache file as
    "word=bucket" entries (the list's words have no "=")."""
    entries = cached_words(_words_file("small", "zipf4-buckets"), lambda: (
        f"{w}={i}" for i, bucket in enumerate(_buckets("small", 0, COMMON_BUCKET)) for w in bucket
        if _wordlike(w)))
    return {word: int(bucket) for word, _, bucket in (e.rpartition("=") for e in entries)}


def zipf_today(word: str) -> float:
    """How common `word` (lower case) is in today's English on wordfreq's Zipf scale ("site"
    5.2, "dad" 4.95, "personnel" 4.6), where it is 4 or more (ten times in a million words);
    else 0."""
    bucket = _common_buckets().get(word)
    return 0.0 if bucket is None else 9 - bucket / 100


def is_modern_word(word: str) -> bool:
    """Is `word` (any case; curly apostrophes allowed) common in today's English?"""
    key = word.lower().replace("’", "'")
    if key in SHORT_WORDS:
        return True
    if key in NEVER_KNOWN or len(key) < MIN_LENGTH:
        return False
    words = modern_words()
    if key in words:
        return True
    if "-" in key:
        return key.replace("-", "") in words
    return len(key) > 4 and key.endswith("s") and not key.endswith("ss") and key[:-1] in words and key[:-1] not in NEVER_KNOWN


def is_listed_word(word: str) -> bool:
    """A word of the English word list or of today's English (`word` normalised), whatever
    the books wrote: "typo", "selfie"."""
    return is_english_word(word) or is_modern_word(word)
