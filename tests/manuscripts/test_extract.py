import pytest

from galleyproof.issues import Issue
from galleyproof.manuscripts.extract import Manuscript, ProseBuilder


def built(source, steps):
    out = ProseBuilder(source)
    for step, *args in steps:
        getattr(out, step)(*args)
    return out.build("x", "test")


def test_copied_text_maps_back_and_added_text_never_does():
    m = built("ab *cd* ef", [("copy", 0, 3), ("copy", 4, 6), ("add", "!"), ("copy", 7, 10)])
    assert m.prose == "ab cd! ef"
    assert m.source_span(3, 5) == (4, 6)
    assert m.source_span(2, 4) is None  # " c" is not one stretch of the file
    assert m.source_span(5, 6) is None  # "!" is the reader's
    issues = [Issue(3, 5, "spelling", "x"), Issue(4, 7, "spelling", "y"), Issue(7, 9, "grammar", "z")]
    assert [(i.start, i.end, i.message) for i in m.to_source(issues)] == [(4, 6, "x"), (8, 10, "z")]


def test_paragraph_breaks_come_once_and_are_the_readers():
    m = built("one two", [("copy", 0, 3), ("paragraph_break",), ("paragraph_break",), ("copy", 4, 7)])
    assert m.prose == "one\n\ntwo"
    assert m.source_span(3, 5) is None


def test_an_ignored_paragraph_is_read_but_never_flagged():
    source = "Intro.\n\nSkip teh this.\n\nKeep teh."
    m = built(source, [("copy", 0, 8), ("ignore_next",), ("copy", 8, len(source))])
    assert m.prose == source
    skipped = source.index("teh")
    kept = source.rindex("teh")
    assert m.source_span(skipped, skipped + 3) is None
    assert m.source_span(kept, kept + 3) == (kept, kept + 3)


def test_plain_text_is_its_own_prose():
    m = Manuscript.plain("x.txt", "some text")
    issues = [Issue(0, 4, "spelling", "x")]
    assert m.to_source(issues) == issues


def test_paragraph_numbers_need_a_paragraph_format():
    with pytest.raises(ValueError):
        Manuscript.plain("x.txt", "a").paragraph_of(0)
