"""Suggestions through the shipped model and every rule, on slips that no single edit repairs."""

import pytest

from galleyproof.model.versions import shipped_model_dir
from galleyproof.proofreader import Proofreader


@pytest.fixture(scope="module")
def proofreader():
    p = Proofreader.from_dir(shipped_model_dir())
    yield p
    p.close()


def repaired(proofreader, text, span):
    """The text with the first suggestion of the flag over `span` applied."""
    start = text.index(span)
    end = start + len(span)
    hits = [i for i in proofreader.check(text) if i.start < end and start < i.end and i.suggestions]
    assert hits, f"nothing suggested at {span!r} in {text!r}"
    i = hits[0]
    return text[: i.start] + i.suggestions[0] + text[i.end :]


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        ("The men set to wirk witbh a will, and the hay was in by night.", "wirk witbh",
         "The men set to work with a will, and the hay was in by night."),
        ("She had never seen him so pleased, and she said it was yesterday> Then she left.", ">",
         "She had never seen him so pleased, and she said it was yesterday. Then she left."),
    ],
)
def test_the_first_suggestion_repairs_the_whole_slip(proofreader, text, span, fixed):
    assert repaired(proofreader, text, span) == fixed
