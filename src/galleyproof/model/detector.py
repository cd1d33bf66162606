"""The language model: passages in, token label probabilities and flags out.

A model folder (`folder.py`) holds everything inference needs. The model's flags are one
stage of a check; `proofreader.py` runs it beside the rules and the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

import numpy as np

from galleyproof.english.modern import is_listed_word
from galleyproof.english.slips import looks_like_slip
from galleyproof.model.files import ModelFilesError, check_model_dir, remedy
from galleyproof.model.folder import (
    ONNX_FILE,
    PAIRS_FILE,
    SCORING_FILES,
    THRESHOLDS_FILE,
    WEIGHTS_FILE,
)
from galleyproof.model.numpy_tagger import NumpyTagger
from galleyproof.model.onnx_tagger import OnnxTagger
from galleyproof.model.pairs import PairTable
from galleyproof.model.passage_cache import PassageCache, passage_key
from galleyproof.model.tagging import (
    UNKNOWN_CAPITAL,
    UNKNOWN_LOWER,
    Flag,
    flags_from_probs,
    token_buckets,
    word_buckets,
)
from galleyproof.model.unpacked import content_stamp
from galleyproof.rules import resolve
from galleyproof.text.paragraphs import Passage
from galleyproof.text.words import normalise
from galleyproof.threads import in_background

#: A unit of parallel work: passages up to about this many characters (or this many passages),
#: small enough to share out evenly between threads, big enough to batch well.
CHUNK_CHARS = 16_000
PASSAGES_PER_CHUNK = 256
#: Windows are padded to a multiple of this many tokens and batched with others of that
#: padded length: little padding, few calls, and a window's scores depend on it alone.
LENGTH_STEP = 8
#: Tokens per forward call; bounds the memory one call takes (attention grows as length squared).
TOKENS_PER_BATCH = 2048
#: Word lookups remembered across passages; cleared beyond this (a huge file's rare words).
WORD_MEMO_SIZE = 200_000
#: Characters of passages whose tokens and flags are remembered across checks (a re-check
#: after an edit redoes only the paragraphs that changed): a long novel; cleared beyond this,
#: so a huge file costs no more memory than before (about 25 MB at most, for the tokens).
PASSAGE_MEMO_CHARS = 1_000_000

#: What a model flag says when no rule's message came with it.
MESSAGES = {
    "spelling": "Possible misspelling",
    "word_choice": "This word may be the wrong one here",
    "punctuation": "Check the punctuation here",
    "whitespace": "Check the spacing here",
    "capitalization": "Check the capitalisation here",
    "grammar": "This may be ungrammatical (a wrong form, or an extra or missing word)",
}


class ModelDetector:
    """The trained tagger with its tokenizer, lexicon, thresholds and pair table; its
    `rules` are the calibrated rules its thresholds switch on beside it."""

    def __init__(self, model_dir: str | Path, window: int | None = None) -> None:
        # `Tokenizer.encode_many` on the tokenizer's own thread pool (one thread a core) beside
        # the check's threads cost more CPU than one thread (its threads spin while they wait)
        # and saved no time: the check's threads already share the cores. A user's setting stands.
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        self.model_dir = Path(model_dir)
        # The forward pass loads on a thread of its own (onnxruntime's import and session: 50-70
        # ms, the session made outside the GIL) while this one checks and reads the other files
        # (start-up time); started first, so that the session overlaps the folder's check too.
        tagger = in_background(partial(load_tagger, self.model_dir))
        # A damaged folder is named here, not by a numpy traceback; the check loads the
        # tokenizer and lexicon, which the model keeps.
        checked = check_model_dir(model_dir)
        try:
            self.tokenizer = checked.tokenizer
            self.lexicon = checked.lexicon
            self._lexicon_total = sum(self.lexicon.counts.values())
            self.thresholds: dict[str, float] = json.loads(
                (self.model_dir / THRESHOLDS_FILE).read_text(encoding="utf-8")
            )
            # Lookup rules the calibration found to add precision-safe recall (thresholds.json "rules").
            self.rules: frozenset[str] = resolve(self.thresholds.pop("rules", ()))
            self.pairs = _load_pairs(self.model_dir)
        except BaseException:
            if tagger.exception() is not None:  # loaded first before: its damage is named first
                raise tagger.exception() from None
            raise
        self.tagger = tagger.result()
        self.window = window or self.tagger.cfg["max_len"]
        # What the lexicon buckets mean to this model (`ModelConfig.dictionary_bucket`; older
        # exports lack the key and were trained without the dictionary bucket).
        self.dictionary_bucket: bool = self.tagger.cfg.get("dictionary_bucket", False)
        self.version = self.tagger.cfg.get("version", self.model_dir.name)
        self.cache: PassageCache | None = None  # set by the proofreader that runs it
        self._word_memo: dict[str, tuple[str, int]] = {}
        self._encoded: dict[str, tuple[list, np.ndarray]] = {}
        # passage text -> its lexicon buckets, and the document counts they read (`_encode`)
        self._buckets: dict[str, tuple[np.ndarray, tuple[tuple[str, bool], ...]]] = {}
        self._encoded_chars = 0
        self._flags_chars = 0
        self._flags_memo: dict[tuple[str, bytes, tuple], tuple[tuple[tuple[str, bool], ...], list[Flag]]] = {}
        self._slips: dict[str, bool] = {}
        self._digest: bytes | None = None
        #: Whether passages' tokens, buckets and flags are kept for the next check (a front end
        #: that checks again: `lsp`, `serve`); a one-shot `check` of one file turns it off, which
        #: took 10 MiB off the book's peak memory.
        self.remember_passages = True

    def model_digest(self) -> bytes:
        """A hash of the files that decide the scores: what the passage cache is keyed by."""
        if self._digest is None:
            h = hashlib.blake2b(digest_size=16)
            for name in SCORING_FILES:
                # The weights by their zip directory (CRC-32s): reading and hashing 13 MB cost a start 20-100 ms.
                path = self.model_dir / name
                h.update(content_stamp(path) if name == WEIGHTS_FILE else path.read_bytes())
            if isinstance(self.tagger, OnnxTagger):  # its scores are the graph's, not weights.npz's
                h.update(b"onnx" + self.tagger.digest)
            h.update(str(self.window).encode())
            self._digest = h.digest()
        return self._digest

    def _encode(self, text: str, doc_counts: Counter, remember: bool = True) -> tuple[list, np.ndarray, np.ndarray]:
        """Token offsets, ids and lexicon buckets: all the model reads of a passage; remembered
        for the next check unless not `remember` (a one-off text: a suggestion's row)."""
        return self._encode_many([text], doc_counts, remember)[0]

    def _encode_many(self, texts: list[str], doc_counts: Counter,
                     remember: bool = True) -> list[tuple[list, np.ndarray, np.ndarray]]:
        """`_encode` of each text; the texts not remembered are tokenised in one call
        (`Tokenizer.encode_many`, which lets go of the GIL)."""
        if len(self._word_memo) > WORD_MEMO_SIZE:
            self._word_memo.clear()
        remember = remember and self.remember_passages
        held = [self._encoded.get(text) for text in texts]
        new = list(dict.fromkeys(text for text, tokens in zip(texts, held, strict=True) if tokens is None))
        fresh = {}
        for text, enc in zip(new, self.tokenizer.encode_many(new), strict=True):
            tokens = fresh[text] = (enc.offsets, np.asarray(enc.ids, dtype=np.int64))
            if remember and self._encoded_chars + len(text) > PASSAGE_MEMO_CHARS:
                self._encoded.clear()
                self._buckets.clear()
                self._encoded_chars = 0
            if remember and len(text) <= PASSAGE_MEMO_CHARS:
                self._encoded[text] = tokens
                self._encoded_chars += len(text)
        return [self._with_buckets(text, tokens if tokens is not None else fresh[text], doc_counts)
                for text, tokens in zip(texts, held, strict=True)]

    def _with_buckets(self, text: str, tokens: tuple[list, np.ndarray],
                      doc_counts: Counter) -> tuple[list, np.ndarray, np.ndarray]:
        """A passage's tokens with their lexicon buckets, remembered while they hold."""
        offsets, ids = tokens
        # The buckets read the document only through whether it uses a word the lexicon lacks
        # more than once (`word_buckets`): while those answers hold, the passage's buckets do.
        held = self._buckets.get(text)
        if held is not None and all((doc_counts.get(k, 0) > 1) is many for k, many in held[1]):
            return offsets, ids, held[0]
        asked = _AskedCounts(doc_counts)
        lex = token_buckets(offsets, word_buckets(text, self.lexicon, asked, self._word_memo, self.dictionary_bucket))
        if text in self._encoded:
            lex.setflags(write=False)  # shared by the checks that reuse it
            self._buckets[text] = (lex, tuple(asked.many.items()))
        return offsets, ids, lex

    def token_probs(self, passages_: list[Passage], doc_counts: Counter) -> list[tuple[list, np.ndarray]]:
        """Per passage: token offsets and label probabilities, long passages in overlapping windows.

        Passages the cache has seen (same model, text and lexicon buckets) are not re-run.
        """
        encoded = self._encode_many([p.text for p in passages_], doc_counts)
        out: list[np.ndarray | None] = [None] * len(encoded)
        keys: dict[int, bytes] = {}
        if self.cache is not None:
            digest = self.model_digest()
            keys = {i: passage_key(digest, p.text, e[2]) for i, (p, e) in enumerate(zip(passages_, encoded))
                    if len(e[1])}
            found = self.cache.get_many(keys.values())
            for i, key in keys.items():
                out[i] = found.get(key)
        todo = [i for i in range(len(encoded)) if out[i] is None]
        for i, probs in zip(todo, self._score([encoded[i][1:] for i in todo]), strict=True):
            out[i] = probs
        if self.cache is not None:
            self.cache.put_many({keys[i]: out[i] for i in todo if i in keys})
        return [(e[0], probs) for e, probs in zip(encoded, out, strict=True)]

    def scores_together(self, passages_: list[Passage], doc_counts: Counter) -> list[tuple[list, np.ndarray]]:
        """`token_probs` for passages read against each other (the text around a flag with
        each candidate fix in it, `suggest.ranking`): with the int8 graph, all in one forward
        call, padded to the longest, and not cached, since each one's scores then depend on
        the others (one quantization scale per call; the rows differ by a word or two, so
        the scale hardly moves). Passages longer than a window, or holding no token, and the
        numpy path (whose rows' scores are their own in any batch) go through `token_probs`."""
        if not isinstance(self.tagger, OnnxTagger) or not passages_:
            return self.token_probs(passages_, doc_counts)
        # The rows are one-off texts: not remembered (a book's flags' rows held about 10 MB).
        encoded = self._encode_many([p.text for p in passages_], doc_counts, remember=False)
        lengths = [len(e[1]) for e in encoded]
        if min(lengths) == 0 or max(lengths) > self.window:
            return self.token_probs(passages_, doc_counts)
        ids = np.zeros((len(encoded), max(lengths)), dtype=np.int64)
        lex = np.zeros_like(ids)
        mask = np.zeros(ids.shape, dtype=bool)
        for r, (_, row_ids, row_lex) in enumerate(encoded):
            ids[r, : len(row_ids)], lex[r, : len(row_ids)], mask[r, : len(row_ids)] = row_ids, row_lex, True
        probs = self.tagger.probs_together(ids, lex, mask)
        return [(e[0], probs[r, :n]) for r, (e, n) in enumerate(zip(encoded, lengths, strict=True))]

    def _score(self, items: list[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
        """Label probabilities for (ids, lexicon buckets) pairs, through the model in windows."""
        n_labels = self.tagger.cfg["n_labels"]
        out = [np.zeros((len(ids), n_labels), dtype=np.float32) for ids, _ in items]
        by_length: dict[int, list[tuple[int, int, int, int, int]]] = {}
        w = self.window
        stride = max(w * 3 // 4, 1)
        for pi, (ids, _) in enumerate(items):
            n = len(ids)
            if n == 0:
                continue  # nothing to score, and an all-padding row would softmax to NaN
            lo = 0
            while True:
                hi = min(lo + w, n)
                keep_lo = 0 if lo == 0 else lo + (w - stride) // 2
                keep_hi = n if hi == n else hi - (w - stride) // 2
                padded = min(-(-(hi - lo) // LENGTH_STEP) * LENGTH_STEP, w)
                by_length.setdefault(padded, []).append((pi, lo, hi, keep_lo, keep_hi))
                if hi == n:
                    break
                lo += stride
        for t, jobs in sorted(by_length.items()):
            rows = max(1, TOKENS_PER_BATCH // t)
            for b in range(0, len(jobs), rows):
                batch = jobs[b : b + rows]
                ids = np.zeros((len(batch), t), dtype=np.int64)
                lex = np.zeros((len(batch), t), dtype=np.int64)
                mask = np.zeros((len(batch), t), dtype=bool)
                for r, (pi, lo, hi, _, _) in enumerate(batch):
                    ids[r, : hi - lo] = items[pi][0][lo:hi]
                    lex[r, : hi - lo] = items[pi][1][lo:hi]
                    mask[r, : hi - lo] = True
                probs = self.tagger.probs(ids, lex, mask)
                for r, (pi, lo, hi, keep_lo, keep_hi) in enumerate(batch):
                    out[pi][keep_lo:keep_hi] = probs[r, keep_lo - lo : keep_hi - lo]
        return out

    def passage_flags(self, chunk: list[Passage], doc_counts: Counter, unknown: Callable[[str], int],
                      thresholds: dict[str, float] | None = None) -> list[Flag]:
        """The model's flags on a chunk of passages, in document offsets, at `thresholds`
        (its own unless given: `model.sensitivity`)."""
        found = []
        thresholds = self.thresholds if thresholds is None else thresholds
        for part, (offsets, probs) in zip(chunk, self.token_probs(chunk, doc_counts), strict=True):
            for f in self._text_flags(part.text, offsets, probs, doc_counts, unknown, thresholds):
                start, end = part.to_document(f.start, f.end)
                found.append(Flag(start, end, f.category, f.score, rule=f.rule))
        return found

    def _text_flags(self, text: str, offsets: list, probs: np.ndarray, doc_counts: Counter,
                    unknown: Callable[[str], int], thresholds: dict[str, float]) -> list[Flag]:
        """`flags_from_probs` on one passage, remembered: the same text with the same scores
        and thresholds, whose words the lexicon lacks the document uses as often
        as before (once, or more: all `unknown` reads of it), gives the same flags, so a
        re-check after an edit works out only the paragraphs that changed."""
        key = None
        if self.remember_passages:
            key = (text, hashlib.blake2b(probs.tobytes(), digest_size=16).digest(), tuple(sorted(thresholds.items())))
        memo = self._flags_memo.get(key) if key is not None else None
        if memo is not None and all((doc_counts.get(k, 0) > 1) is many for k, many in memo[0]):
            return memo[1]
        asked: dict[str, bool] = {}

        def recorded(word: str) -> int:
            key = unknown_key(word)
            if not self.lexicon.count(key):
                asked[key] = doc_counts.get(key, 0) > 1
            return unknown(word)

        flags = flags_from_probs(text, offsets, probs, thresholds, recorded, lambda: self.odd_spans(text), self.is_slip)
        if self._flags_chars + len(text) > PASSAGE_MEMO_CHARS:
            self._flags_memo.clear()
            self._flags_chars = 0
        if key is not None and len(text) <= PASSAGE_MEMO_CHARS:
            self._flags_memo[key] = (tuple(asked.items()), flags)
            self._flags_chars += len(text)
        return flags

    def unknown_test(self, doc_counts: Counter) -> Callable[[str], int]:
        """Is a word new to the corpus, to the English word list and to the rest of the
        document, and then a name (capitalised)? Spelling flags on such words have their own
        thresholds (`tagging.UNKNOWN_*`: 0 is known)."""
        seen: dict[str, int] = {}

        def unknown(word: str) -> int:
            answer = seen.get(word)
            if answer is None:
                key = unknown_key(word)
                if self.lexicon.count(key) or doc_counts.get(key, 0) > 1 or is_listed_word(key):
                    answer = 0
                elif word[:1].isupper():
                    answer = UNKNOWN_CAPITAL
                else:
                    answer = UNKNOWN_LOWER
                seen[word] = answer
            return answer

        return unknown

    def is_slip(self, word: str) -> bool:
        """Does an unknown word look like a slip of a common one (`slips.py`)? Remembered: the
        answer depends on the lexicon alone."""
        answer = self._slips.get(word)
        if answer is None:
            answer = self._slips[word] = looks_like_slip(self.lexicon, word)
        return answer

    def odd_spans(self, text: str) -> list[tuple[int, int]]:
        """Words of pairs the training books never wrote (none without a pair table, or
        without thresholds that use them)."""
        if self.pairs is None:
            return []
        return self.pairs.odd_spans(text)


def unknown_key(word: str) -> str:
    """What the unknown-word test looks a word up by: `normalise`d, a possessive as its noun."""
    key = normalise(word)
    return key[:-2] if key.endswith("'s") else key


class _AskedCounts:
    """A document's counts as `word_buckets` reads them (`.get(key, 0) > 1`), each answer kept."""

    def __init__(self, counts: Counter) -> None:
        self.counts = counts
        self.many: dict[str, bool] = {}

    def get(self, key: str, default: int = 0) -> int:
        found = self.counts.get(key, default)
        self.many[key] = found > 1
        return found


def load_tagger(model_dir: Path) -> NumpyTagger | OnnxTagger:
    """The folder's int8 ONNX graph in onnxruntime (the shipped model's, `onnx_export`), else the
    numpy forward pass on its weights (folders made before the graph, or by hand). A graph
    onnxruntime cannot load is named like any other damaged model file."""
    if not (model_dir / ONNX_FILE).exists():
        return NumpyTagger.load(model_dir)
    try:
        return OnnxTagger.load(model_dir)
    except ImportError as err:
        raise ModelFilesError(model_dir / ONNX_FILE, f"needs {err.name or 'onnxruntime'}, which is not installed",
                              "reinstall galleyproof (`pip install onnxruntime`), or remove the file to run the numpy forward pass"
                              ) from None
    except Exception as err:  # onnxruntime raises its own exception types for a bad graph
        raise ModelFilesError(model_dir / ONNX_FILE, f"is damaged ({type(err).__name__}: {err})",
                              remedy(model_dir)) from None


def _load_pairs(model_dir: Path) -> PairTable | None:
    """The model's pair table; optional (models trained before it lack one), but a damaged
    one is named like any other model file."""
    path = model_dir / PAIRS_FILE
    if not path.exists():
        return None
    try:
        return PairTable.load(path)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error) as err:
        raise ModelFilesError(path, f"is damaged ({err})", remedy(model_dir)) from None


def chunks(items: Iterable[Passage]) -> Iterator[list[Passage]]:
    """Consecutive passages grouped up to `CHUNK_CHARS` characters or `PASSAGES_PER_CHUNK` passages."""
    chunk: list[Passage] = []
    size = 0
    for passage in items:
        chunk.append(passage)
        size += len(passage.text)
        if size >= CHUNK_CHARS or len(chunk) >= PASSAGES_PER_CHUNK:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk
