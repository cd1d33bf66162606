"""Byte-level BPE tokenizer: lossless on any string, with exact character offsets.

Every string encodes (there is no unknown token, since all 256 bytes are in the vocabulary)
and decodes back to itself, because there is no normalizer and the pre-tokenizer keeps
every byte. Two special tokens are reserved and never produced by `encode`, even for text
that spells them: `<pad>` (id 0) to pad batches, and `<mask>` (id 1) for masked-token
training and scoring. `decode` drops them.
"""

from __future__ import annotations

import importlib.resources
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer as HFTokenizer
from tokenizers import decoders, models, pre_tokenizers, trainers

PAD = "<pad>"
MASK = "<mask>"
SPECIAL_TOKENS = (PAD, MASK)

#: The 256 single-byte tokens plus the special tokens: the smallest vocabulary possible.
MIN_VOCAB_SIZE = 256 + len(SPECIAL_TOKENS)


class Offsets(Sequence[tuple[int, int]]):
    """Token spans, (start, end) tuples as a list reads them, held as an (n, 2) int64 array
    (`array`), which the model's numpy code reads as it is; the tuples are made only when
    something asks for them (most of a book's passages are never indexed so: building them
    for every passage took 0.1-0.2 s of a book's check). Equal to a list of the same tuples."""

    __slots__ = ("array", "_spans")

    def __init__(self, array: np.ndarray) -> None:
        self.array = array
        self._spans: list[tuple[int, int]] | None = None

    def _list(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = list(zip(self.array[:, 0].tolist(), self.array[:, 1].tolist()))
        return self._spans

    def __len__(self) -> int:
        return len(self.array)

    def __getitem__(self, index):
        return self._list()[index]

    def __iter__(self):
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Offsets):
            return np.array_equal(self.array, other.array)
        if isinstance(other, (list, tuple)):
            return self._list() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to lists, which have none

    def __repr__(self) -> str:
        return repr(self._list())


@dataclass(frozen=True)
class Encoding:
    """Token ids and, for each, the half-open span of characters of the text it covers.

    A token that holds only some of a character's UTF-8 bytes covers that whole character,
    so tokens that split one character share its span; starts and ends never decrease.
    """

    ids: list[int]
    offsets: Sequence[tuple[int, int]]  # an `Offsets`


@dataclass(frozen=True)
class TokenEntry:
    """One token, or the run of tokens that share characters, with the text they cover."""

    ids: list[int]
    text: str
    start: int
    end: int


class Tokenizer:
    """A trained byte-level BPE vocabulary; build it with `train` or `load`."""

    def __init__(self, hf: HFTokenizer) -> None:
        # Otherwise text that spells "<mask>" would encode as the special token and vanish.
        hf.encode_special_tokens = True
        self._hf = hf
        special = set(SPECIAL_TOKENS)
        byte_len = np.zeros(hf.get_vocab_size(with_added_tokens=True), dtype=np.int64)
        for token, token_id in hf.get_vocab(with_added_tokens=True).items():
            # Each character of a byte-level token stands for exactly one byte.
            byte_len[token_id] = 0 if token in special else len(token)
        self._byte_len = byte_len

    @classmethod
    def train(cls, texts: Iterable[str], vocab_size: int) -> Tokenizer:
        """Learn BPE merges from `texts` until the vocabulary (specials included) has
        `vocab_size` entries, or the texts run out of pairs to merge."""
        if vocab_size < MIN_VOCAB_SIZE:
            raise ValueError(f"vocab_size must be at least {MIN_VOCAB_SIZE} (256 bytes + specials)")
        hf = HFTokenizer(models.BPE())
        hf.pre_tokenizer = pre_tokenizers.ByteLevel(
            add_prefix_space=False, trim_offsets=False, use_regex=True
        )
        hf.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(
            vocab_size=vocab_size,
            special_tokens=list(SPECIAL_TOKENS),
            # All bytes, seen or not, so that any text encodes.
            initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
            show_progress=False,
        )
        hf.train_from_iterator(texts, trainer)
        return cls(hf)

    @classmethod
    def load(cls, path: str | os.PathLike) -> Tokenizer:
        """Read a `tokenizer.json` written by `save`; FileNotFoundError or ValueError if unusable."""
        if not Path(path).is_file():
            raise FileNotFoundError(f"{path}: no such tokenizer file")
        try:
            hf = HFTokenizer.from_file(str(path))
        except Exception as err:  # HF raises a bare Exception for any parse error
            raise ValueError(f"{path}: not a tokenizer.json: {err}") from None
        return cls(hf)

    def save(self, path: str | os.PathLike) -> None:
        """Write the whole tokenizer to one JSON file, creating its folder."""
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._hf.save(str(path))

    @property
    def vocab_size(self) -> int:
        """Number of ids, special tokens included."""
        return len(self._byte_len)

    @property
    def pad_id(self) -> int:
        return self._hf.token_to_id(PAD)

    @property
    def mask_id(self) -> int:
        return self._hf.token_to_id(MASK)

    def encode(self, text: str) -> Encoding:
        """Split `text` into tokens, with character offsets derived from the tokens' bytes."""
        return self._with_offsets(text, self._hf.encode(text, add_special_tokens=False).ids)

    def encode_many(self, texts: Sequence[str]) -> list[Encoding]:
        """`encode` of each text, in one call to the tokenizer's Rust side, which lets go of
        the GIL while it works: a check's other threads (the rules) run Python meanwhile,
        where one call a text held the GIL throughout (docs/experiments/inference_speed.md)."""
        if not texts:
            return []
        found = self._hf.encode_batch(list(texts), add_special_tokens=False)
        return [self._with_offsets(text, e.ids) for text, e in zip(texts, found, strict=True)]

    def _with_offsets(self, text: str, ids: list[int]) -> Encoding:
        """The encoding of `text` as `ids`, with character offsets derived from the tokens' bytes."""
        if not ids:
            return Encoding([], Offsets(np.zeros((0, 2), dtype=np.int64)))
        lengths = self._byte_len[ids]
        ends = np.cumsum(lengths)
        if text.isascii():  # one byte a character: the byte offsets are the character offsets
            if ends[-1] != len(text):
                raise RuntimeError("tokenizer is not byte-level lossless; was it trained by galleyproof?")
            return Encoding(ids, Offsets(np.column_stack((ends - lengths, ends))))
        data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
        # The character each byte belongs to: a new character starts at every non-continuation byte.
        char_of_byte = np.cumsum((data & 0xC0) != 0x80) - 1
        if ends[-1] != len(data):
            raise RuntimeError("tokenizer is not byte-level lossless; was it trained by galleyproof?")
        starts = ends - lengths
        return Encoding(ids, Offsets(np.column_stack((char_of_byte[starts], char_of_byte[ends - 1] + 1))))

    def decode(self, ids: Sequence[int]) -> str:
        """The text of `ids`; `decode(encode(text).ids) == text` for every string."""
        return self._hf.decode(list(ids), skip_special_tokens=True)


def token_entries(tokenizer: Tokenizer, text: str) -> list[TokenEntry]:
    """Tokens of `text` as contiguous, non-overlapping entries that concatenate to `text`.

    Tokens that share a character (a character split over several byte-level tokens) are
    grouped into one entry, so every entry's text is a real slice of the string.
    """
    groups: list[tuple[list[int], int, int]] = []
    encoding = tokenizer.encode(text)
    for token_id, (start, end) in zip(encoding.ids, encoding.offsets, strict=True):
        if groups and start < groups[-1][2]:
            ids, group_start, _ = groups[-1]
            groups[-1] = (ids + [token_id], group_start, end)
        else:
            groups.append(([token_id], start, end))
    return [TokenEntry(ids, text[start:end], start, end) for ids, start, end in groups]


def default_tokenizer_path() -> Path:
    """Path of the shipped model's `tokenizer.json`, or a FileNotFoundError saying how to make it."""
    path = Path(str(importlib.resources.files("galleyproof").joinpath("models/default/tokenizer.json")))
    if not path.is_file():
        raise FileNotFoundError(
            f"no shipped tokenizer at {path}; train one with `galleyproof tokenizer train "
            f"--corpus /work/shared/corpus/train --vocab-size 8192 --out {path}`"
        )
    return path
