"""Lossless round trips and exact character offsets, on any string."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from galleyproof.model.tokenizer import (
    MASK,
    MIN_VOCAB_SIZE,
    PAD,
    Tokenizer,
    default_tokenizer_path,
    token_entries,
)

# Pieces that stress whitespace, typography and multi-byte characters.
PIECES = [
    " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "\u00a0", "\u200b", "\ufeff",
    "“", "”", "‘", "’", "—", "–", "…", '"', "'", "-",
    "é", "e\u0301", "a\u0308", "ß", "ø", "Ω", "日本", "😀", "👍🏽", "🇬🇧", "👨‍👩‍👧",
    "the", "The", "don", "x", "éx", "ĩx", "1813", PAD, MASK,
]
pieces_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
# Lone surrogates are excluded: they cannot come from a UTF-8 file.
non_ascii_text = st.text(st.characters(min_codepoint=0x80, exclude_categories=["Cs"]), max_size=30)
any_text = st.one_of(st.text(), pieces_text, non_ascii_text)


def _byte_level_table() -> dict[str, int]:
    """GPT-2's byte-to-character table, written out independently of the code under test."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1)]
    printable += range(ord("®"), ord("ÿ") + 1)
    chars, n = {}, 0
    for b in range(256):
        if b in printable:
            chars[chr(b)] = b
        else:
            chars[chr(256 + n)] = b
            n += 1
    return chars


BYTE_OF_CHAR = _byte_level_table()


def expected_offsets(tokenizer: Tokenizer, text: str, ids: list[int]) -> list[tuple[int, int]]:
    """Oracle: each token's byte span, widened to the characters those bytes belong to."""
    char_of_byte = [i for i, ch in enumerate(text) for _ in ch.encode("utf-8")]
    token_bytes = [bytes(BYTE_OF_CHAR[c] for c in tokenizer._hf.id_to_token(i)) for i in ids]
    assert b"".join(token_bytes) == text.encode("utf-8")
    spans, pos = [], 0
    for tb in token_bytes:
        spans.append((char_of_byte[pos], char_of_byte[pos + len(tb) - 1] + 1))
        pos += len(tb)
    return spans


@settings(max_examples=2000, deadline=None)
@given(st.text())
def test_decode_inverts_encode_on_any_text(tokenizer: Tokenizer, text: str) -> None:
    assert tokenizer.decode(tokenizer.encode(text).ids) == text


@settings(max_examples=2000, deadline=None)
@given(st.one_of(pieces_text, non_ascii_text))
def test_decode_inverts_encode_on_tricky_text(tokenizer: Tokenizer, text: str) -> None:
    assert tokenizer.decode(tokenizer.encode(text).ids) == text


@settings(max_examples=2000, deadline=None)
@given(any_text)
def test_offsets_are_exact_and_monotone(tokenizer: Tokenizer, text: str) -> None:
    enc = tokenizer.encode(text)
    assert len(enc.offsets) == len(enc.ids)
    assert enc.offsets == expected_offsets(tokenizer, text, enc.ids)
    for (s0, e0), (s1, e1) in pairwise(enc.offsets):
        assert s0 <= s1 and e0 <= e1 and s1 <= e0
    if text:
        assert enc.offsets[0][0] == 0 and enc.offsets[-1][1] == len(text)


@settings(max_examples=2000, deadline=None)
@given(any_text)
def test_entries_tile_the_text(tokenizer: Tokenizer, text: str) -> None:
    entries = token_entries(tokenizer, text)
    assert "".join(e.text for e in entries) == text
    pos = 0
    for e in entries:
        assert e.start == pos < e.end and text[e.start : e.end] == e.text and e.ids
        pos = e.end
    assert [i for e in entries for i in e.ids] == tokenizer.encode(text).ids


@settings(max_examples=300, deadline=None)
@given(st.lists(any_text, max_size=8))
def test_encode_many_is_encode_of_each_text(tokenizer: Tokenizer, texts: list[str]) -> None:
    many = tokenizer.encode_many(texts)
    assert len(many) == len(texts)
    for text, enc in zip(texts, many, strict=True):
        assert enc == tokenizer.encode(text)
        assert enc.offsets == expected_offsets(tokenizer, text, enc.ids)
        # The array the model's code reads holds the same spans as the tuples.
        assert enc.offsets.array.shape == (len(enc.ids), 2)
        assert [tuple(row) for row in enc.offsets.array.tolist()] == enc.offsets


def test_ascii_and_other_text_in_one_batch(tokenizer: Tokenizer) -> None:
    texts = ["plain words, no accents", "café “quoted” 😀 words", "", "x"]
    many = tokenizer.encode_many(texts)
    assert [e.offsets for e in many] == [expected_offsets(tokenizer, t, e.ids) for t, e in zip(texts, many)]
    assert many[2].ids == [] and many[2].offsets == []
    assert tokenizer.encode_many([]) == []


def test_offsets_read_as_a_list_of_spans(tokenizer: Tokenizer) -> None:
    import pickle

    offsets = tokenizer.encode("café au lait").offsets
    spans = list(offsets)
    assert offsets == spans and spans == offsets and offsets != spans[:-1] and offsets != "café"
    assert len(offsets) == len(spans) and offsets[-1] == spans[-1] and offsets[1:] == spans[1:]
    assert pickle.loads(pickle.dumps(offsets)) == offsets == tokenizer.encode("café au lait").offsets


def test_character_split_over_tokens_shares_its_span() -> None:
    # One merge only: bytes A9+"x", so "é" (C3 A9) is split with its second byte joined to "x".
    tok = Tokenizer.train(["éx ĩx ũx ɩx ʩx"] * 50, vocab_size=MIN_VOCAB_SIZE + 1)
    text = "aéxé😀"
    enc = tok.encode(text)
    assert enc.offsets == [(0, 1), (1, 2), (1, 3), (3, 4), (3, 4), (4, 5), (4, 5), (4, 5), (4, 5)]
    entries = token_entries(tok, text)
    assert [(e.text, len(e.ids)) for e in entries] == [("a", 1), ("éx", 2), ("é", 2), ("😀", 4)]


def test_special_tokens_are_reserved_and_never_produced(tokenizer: Tokenizer) -> None:
    assert (tokenizer.pad_id, tokenizer.mask_id) == (0, 1)
    enc = tokenizer.encode(f"a {MASK} b {PAD}")
    assert not {tokenizer.pad_id, tokenizer.mask_id} & set(enc.ids)
    assert tokenizer.decode([tokenizer.mask_id, *tokenizer.encode("hi").ids, tokenizer.pad_id]) == "hi"


def test_save_load_round_trip(tokenizer: Tokenizer, tmp_path: Path) -> None:
    path = tmp_path / "nested" / "tokenizer.json"
    tokenizer.save(path)
    loaded = Tokenizer.load(path)
    text = "“Naïve” <mask> café —\r\n😀"
    assert loaded.vocab_size == tokenizer.vocab_size == 320
    assert loaded.encode(text) == tokenizer.encode(text)
    assert MASK not in {loaded.decode([i]) for i in loaded.encode(text).ids}


def test_empty_text(tokenizer: Tokenizer) -> None:
    assert tokenizer.encode("").ids == [] and token_entries(tokenizer, "") == []


def test_vocab_size_below_bytes_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        Tokenizer.train(["abc"], vocab_size=100)


def test_default_path_is_the_shipped_model_or_says_how_to_train() -> None:
    try:
        path = default_tokenizer_path()
    except FileNotFoundError as err:
        assert "galleyproof tokenizer train" in str(err)
    else:
        assert path.parts[-3:] == ("models", "default", "tokenizer.json")
