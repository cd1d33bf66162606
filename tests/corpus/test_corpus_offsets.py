"""Property: however prose is wrapped, unwrapping gives back its words with exact offsets."""

from __future__ import annotations

from corpus_helpers import check_offsets
from hypothesis import given, settings
from hypothesis import strategies as st

from galleyproof.corpus import clean_text

# Lower-case words with punctuation: prose, never a heading, a contents line or a tag.
words = st.text(alphabet="abcdefghijkléü,.;:'’!?-", min_size=1, max_size=9).filter(
    lambda w: any(c.isalpha() for c in w)
)


@st.composite
def wrapped_books(draw):
    paragraphs = draw(st.lists(st.lists(words, min_size=1, max_size=25), min_size=1, max_size=6))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    raw = draw(st.sampled_from(["", "\ufeff"])) + "\n" * draw(st.integers(0, 2))
    for k, para in enumerate(paragraphs):
        if k:
            blank = draw(st.sampled_from(["", " ", "\t", "  "]))
            raw += (blank + newline) * draw(st.integers(1, 4))
        width = draw(st.integers(10, 80))
        line = " " * draw(st.integers(0, 3))
        for i, word in enumerate(para):
            if i and len(line) + len(word) > width:
                raw += line + " " * draw(st.integers(0, 2)) + newline
                line = " " * draw(st.integers(0, 3))
            elif i:
                line += " " * draw(st.integers(1, 3))
            line += word
        raw += line + newline
    return raw, [" ".join(p) for p in paragraphs]


@settings(max_examples=200, deadline=None)
@given(wrapped_books())
def test_unwrapped_text_and_offsets(book) -> None:
    raw, expected = book
    paragraphs = clean_text(raw)
    assert [p.text for p in paragraphs] == expected
    for p in paragraphs:
        check_offsets(raw, p)
        assert not p.is_heading
