"""Markdown and LaTeX: prose read whole, markup never flagged, every copied offset exact."""

import re

import pytest
from chapters import LATEX, LATEX_PROSE, MARKDOWN, MARKDOWN_PROSE

from galleyproof.issues import Issue
from galleyproof.manuscripts import from_text
from galleyproof.model.versions import shipped_model_dir
from galleyproof.proofreader import Proofreader
from galleyproof.review.fix import apply_edits, auto_edits

CHAPTERS = {"markdown": MARKDOWN, "latex": LATEX}


def teh_issues(text):
    """Every "teh" in the text, as a detector that flags only it would."""
    return [Issue(m.start(), m.end(), "spelling", "Unknown.", ("the",), 0.99) for m in re.finditer("teh", text)]


@pytest.mark.parametrize("fmt", CHAPTERS)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_every_copied_character_is_the_files_own(fmt, newline):
    source = CHAPTERS[fmt].replace("\n", newline)
    m = from_text("x", source, fmt)
    for i, o in enumerate(m.origin):
        assert o < 0 or m.source[o] == m.prose[i], (i, o)


@pytest.mark.parametrize("fmt", CHAPTERS)
def test_markup_is_never_flagged_or_fixed(fmt):
    source = CHAPTERS[fmt]
    m = from_text("x", source, fmt)
    assert len(teh_issues(m.prose)) >= 3  # some markup is read, for context...
    assert m.to_source(teh_issues(m.prose)) == []  # ...but "teh" is only ever in markup here
    fixed = apply_edits(source, auto_edits(source, m.to_source(teh_issues(m.prose)), 0.5))
    assert fixed == source


@pytest.mark.parametrize(("fmt", "prose"), [("markdown", MARKDOWN_PROSE), ("latex", LATEX_PROSE)])
def test_the_prose_is_read_as_plain_text(fmt, prose):
    m = from_text("x", CHAPTERS[fmt], fmt)
    for sentence in prose:
        assert sentence in m.prose


def test_markdown_headings_items_and_quotes_are_prose():
    m = from_text("x.md", "## Notes to teh self ##\n\n> Quoted teh.\n\n- item teh\n\n| a | teh |\n|---|---|\n", "markdown")
    placed = m.to_source(teh_issues(m.prose))
    assert len(placed) == 4 and all(m.source[i.start : i.end] == "teh" for i in placed)


def test_latex_text_arguments_are_prose_and_printed_characters_are_read():
    m = from_text("x.tex", r"\section{A teh day} caf\'e \emph{teh} 50\% done~now", "latex")
    assert "café" in m.prose and "50% done now" in m.prose
    placed = m.to_source(teh_issues(m.prose))
    assert [m.source[i.start : i.end] for i in placed] == ["teh", "teh"]


@pytest.fixture(scope="module")
def proofreader():
    p = Proofreader.from_dir(shipped_model_dir())
    yield p
    p.close()


@pytest.mark.parametrize(("fmt", "prose"), [("markdown", MARKDOWN_PROSE), ("latex", LATEX_PROSE)])
def test_the_model_finds_in_markup_what_it_finds_in_the_same_prose(proofreader, fmt, prose):
    source = CHAPTERS[fmt]
    m = from_text("x", source, fmt)
    # At `precise`, the flags these sentences were written for (`thorough` widens "there" to "there manners").
    found = {(source[i.start : i.end], i.category) for i in m.to_source(proofreader.check(m.prose, sensitivity="precise"))}
    plain = "\n\n".join(prose)
    # The plain fragments stop where a citation or reference stood: their ends are no slips.
    expected = {(plain[i.start : i.end], i.category) for i in proofreader.check(plain, sensitivity="precise")
                if i.category != "punctuation"}
    assert {("there", "word_choice"), ("the the coldest", "grammar"), ("i", "capitalization")} <= found
    # The same find, though its extent may differ by a token: the markup's passages are not the
    # plain text's, and the int8 model's scores (one quantization scale per window) feel that.
    def first_words(flags):
        return {(text.split()[0], category) for text, category in flags}

    assert first_words(found) >= first_words(expected)
    for i in m.to_source(proofreader.check(m.prose)):
        assert "\\" not in source[i.start : i.end] and "](" not in source[i.start : i.end]
