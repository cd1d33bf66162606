"""A `Document` works out each fact about its text once, on first use."""

from collections import Counter

from galleyproof.text import document
from galleyproof.text.document import Document
from galleyproof.text.paragraphs import iter_passages, paragraph_spans
from galleyproof.text.words import adjacent_words, document_counts, keyed_words, mid_sentence_forms

TEXT = "Oak walked. He saw Oak and Oak.\r\n\r\nThe wind,\nthe rain,\nthe Dog.\n"


def test_facts_match_the_helpers_they_come_from():
    doc = Document(TEXT)
    assert doc.counts == document_counts(TEXT) and doc.total_words == sum(document_counts(TEXT).values())
    assert doc.paragraphs == list(paragraph_spans(TEXT))
    assert doc.forms == mid_sentence_forms(TEXT)
    assert doc.capitalised_forms == mid_sentence_forms(TEXT, capitalised_only=True)
    assert [(p.text, p.origin) for p in doc.passages()] == [(p.text, p.origin) for p in iter_passages(TEXT)]


def test_each_fact_is_worked_out_once():
    doc = Document(TEXT)
    assert doc.counts is doc.counts and doc.breaks is doc.breaks and doc.capitalised_forms is doc.capitalised_forms


def test_a_paragraph_can_be_read_with_its_books_counts():
    book = Counter({"oak": 40})
    doc = Document("Oak walked.", counts=book)
    assert doc.counts is book and doc.total_words == 40


def test_words_and_adjacent_pairs_are_walked_once_and_match_the_streamed_ones():
    doc = Document(TEXT)
    assert list(doc.words()) == list(keyed_words(TEXT))
    assert list(doc.adjacent_words()) == list(adjacent_words(TEXT))
    assert doc.words() is doc.words() and doc.adjacent_words() is doc.adjacent_words()
    # One string per distinct key: "oak" is written three times.
    oaks = [k for k, _, _ in doc.words() if k == "oak"]
    assert len(oaks) == 3 and len({id(k) for k in oaks}) == 1


def test_a_text_beyond_the_bound_is_walked_afresh_not_held(monkeypatch):
    monkeypatch.setattr(document, "HELD_WORDS_CHARS", 10)
    doc = Document(TEXT)
    assert not isinstance(doc.words(), list) and not isinstance(doc.adjacent_words(), list)
    assert list(doc.words()) == list(keyed_words(TEXT))
    assert list(doc.adjacent_words()) == list(adjacent_words(TEXT))
