from galleyproof.rules.straight_quotes import straight_quotes
from galleyproof.text.document import Document


def flags(text):
    return [(text[i.start : i.end], i.message, i.suggestions) for i in straight_quotes(Document(text), None)]


def test_a_quote_opened_at_the_very_end_of_a_paragraph_is_deleted():
    text = 'I cannot write," he explained. "'
    assert flags(text) == [(' "', "A quotation mark opens at the end of the paragraph with nothing after it", ("",))]


def test_the_unmatched_quote_of_an_odd_count_is_flagged_where_it_stands():
    unopened = 'Gamification" uses game thinking.'
    [(span, message, _)] = flags(unopened)
    assert span == '"' and "never opened" in message
    unclosed = 'Jay explained, "it is basically setting up your home.'
    [(span, message, _)] = flags(unclosed)
    assert span == '"' and "never closed" in message


def test_paired_quotes_inches_and_speech_running_on_are_left_alone():
    assert flags('"Come in," she said. "Sit down."') == []
    assert flags('Delivered with a 7" high figure.') == []
    # A long speech: the first paragraph's quote is closed by the next paragraph's.
    assert flags('"It was a long winter, and we had no fire.\n\n"Then spring came," she said.') == []
    # Curly quotes are `rules/quotes`' to read.
    assert flags('“Come in,” she said, "and sit.') == []
