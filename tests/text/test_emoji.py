"""Emoji are not read by the model (the training books have none): the space before one read
as a missing comma. The text keeps them, and every offset still maps back exactly."""

import pytest

from galleyproof.suggest.ranking import _unwrap
from galleyproof.text.paragraphs import EMOJI, emoji_free, iter_passages


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("The Wi-Fi was down 😊, so she left.", "The Wi-Fi was down, so she left."),
        ("I love it 😂😂 honestly.", "I love it honestly."),
        ("I love it 😂 😂 honestly.", "I love it honestly."),
        ("Great news 🎉! We won.", "Great news! We won."),
        ("😊 Hi there.", "Hi there."),
        ("Hi😊there, I said.", "Hi there, I said."),
        ("A thumb 👍🏽 and a family 👨‍👩‍👧 and a key 1️⃣ here.", "A thumb and a family and a key 1 here."),
        ("It was 30° in the shade, and £5 a night.", "It was 30° in the shade, and £5 a night."),
    ],
)
def test_the_model_reads_prose_without_its_emoji(written, read):
    (passage,) = iter_passages(written)
    assert passage.text == read
    assert emoji_free(written) == read
    for ch, i in zip(passage.text, passage.origin, strict=True):
        assert ch == written[i] or (ch == " " and EMOJI.match(written, i))


def test_a_paragraph_of_emoji_alone_is_no_passage():
    text = "She waved.\n\n🎉🎉\n\nThen she left."
    assert [p.text for p in iter_passages(text)] == ["She waved.", "Then she left."]


def test_the_suggestions_context_is_read_without_emoji_too():
    assert _unwrap("went too 🌞\nthe beach") == "went too the beach"
