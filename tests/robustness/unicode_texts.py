"""Hypothesis strategies for the texts a writer's file can hold, odd corners weighted up.

Shared by the property tests and `benchmarks/fuzz.py`: plain random code points rarely hit
the cases that break offset arithmetic (CRLF, a lone CR, a BOM, combining marks, astral
characters, zero-width joiners, NUL, very long words, runs of blank lines), so those are
drawn on purpose and mixed with prose the model has opinions about.
"""

from hypothesis import strategies as st

ODD_PIECES = (
    "\r\n", "\r", "\n", "\n" * 12, "\r\n\r\n\r\n", " \n \n", "\t", "  ", "\u00a0",
    "\ufeff", "\u0301", "e\u0301", "a\u0308\u0323", "\u200b", "\u200c\u200d", "\u2060", "\ufe0f",
    "\x00", "\x0b\x0c", "\x85", "\u2028", "\u2029", "\x1b[31m",
    "😀", "👩\u200d👩\u200d👧", "🇫🇷", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\U000e0041", "\U0010fffd",
    "Привет, мир. ", "東京は雨です。", "مرحبا بالعالم ", "שלום ", "ﬁne ", "İstanbul ", "Straße ", "ǅ",
    "…", "—", "\"", "'", "«", "»", " ,", " .", "!!", "(", ")", "i ", "I ",
)
PROSE_WORDS = (
    "the", "the", "a", "house", "walked", "into", "teh", "freinds", "Their", "there", "is",
    "was", "were", "they", "captain", "Margaret", "morning", "tide", "and", "of", "to", "it's",
    "its", "alot", "recieve", "She", "he", "quiet", "man", "few", "words", "sail", "noon",
)


def long_words() -> st.SearchStrategy[str]:
    """One character or a short run repeated: a word far longer than the model's window."""
    return st.builds(lambda unit, n: unit * n, st.text(min_size=1, max_size=3), st.integers(40, 200))


def pieces() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=12),  # any code points but surrogates, which no UTF-8 file can hold
        st.sampled_from(ODD_PIECES),
        st.sampled_from(PROSE_WORDS).map(lambda w: w + " "),
        long_words(),
    )


def texts(max_pieces: int = 30) -> st.SearchStrategy[str]:
    """Arbitrary Unicode text, weighted towards what breaks offsets."""
    return st.lists(pieces(), max_size=max_pieces).map("".join)
