"""How far a suggestion's span reaches: over a neighbour a fix needs, never into the next
paragraph, never onto a bare space the writer cannot see."""

import re

import pytest

from galleyproof.issues import Issue
from galleyproof.suggest import candidates, suggest, with_suggestions
from galleyproof.suggest.candidates import Candidate
from galleyproof.text.paragraphs import crosses_paragraph

TEXT = "It was cold;\n\nthe wind rose , and and she wept.\r\n\r\nbut i was glad. Her garb were rustic\n\nThe end."


def applied(text, issue):
    return [text[: issue.start] + s + text[issue.end :] for s in issue.suggestions]


def test_no_fix_reaches_into_the_next_paragraph(lexicon):
    start = TEXT.index(";")
    assert all(not crosses_paragraph(TEXT, min(c.start, start), max(c.end, start + 1))
               for c in candidates(TEXT, start, start + 1, "punctuation", lexicon))
    issue = with_suggestions(TEXT, Issue(start, start + 1, "punctuation", "m"), lexicon)
    assert issue.suggestions and "\n" not in TEXT[issue.start : issue.end]


@pytest.mark.parametrize("category", ["spelling", "grammar", "punctuation", "whitespace", "capitalization"])
def test_every_span_stays_in_its_paragraph_and_ends_on_what_the_flag_or_a_fix_touches(category, lexicon):
    for m in re.finditer(r"\w+|[^\w\s]", TEXT):
        issue = with_suggestions(TEXT, Issue(m.start(), m.end(), category, "m"), lexicon)
        assert not crosses_paragraph(TEXT, issue.start, issue.end), (m.group(), issue)
        if issue.start < m.start():
            assert not TEXT[issue.start].isspace(), (m.group(), issue)
        if issue.end > m.end():
            assert not TEXT[issue.end - 1].isspace(), (m.group(), issue)


def test_a_dropped_word_takes_its_neighbour_not_a_bare_space(lexicon):
    text = "He saw the the man."
    issue = with_suggestions(text, Issue(11, 14, "grammar", "m"), lexicon)
    assert text[issue.start : issue.end] == "the the"
    assert issue.suggestions[0] == "the"


def test_the_extra_word_beside_the_flagged_one_is_offered_too(lexicon):
    text = "She ran towards a her house."
    start = text.index("her")
    issue = with_suggestions(text, Issue(start, start + 3, "grammar", "m"), lexicon)
    assert "She ran towards her house." in applied(text, issue)[:3]


def _inside_a_word(text, pos):
    return 0 < pos < len(text) and text[pos - 1].isalnum() and text[pos].isalnum()


@pytest.mark.parametrize("category", ["grammar", "word_choice", "spelling"])
def test_no_span_starts_or_ends_inside_a_word(category, lexicon):
    # Every option keeping "of"'s first letter once cut the span to "f on", offering "f" and "n".
    text = "It was, in the form of on answer, what he had hoped for, of of course."
    for m in re.finditer(r"\w+", text):
        issue = with_suggestions(text, Issue(m.start(), m.end(), category, "m"), lexicon)
        assert not _inside_a_word(text, issue.start) and not _inside_a_word(text, issue.end), (m.group(), issue)


def test_a_runner_up_rewriting_the_rest_of_a_cut_word_widens_the_span_to_it(lexicon):
    # The flag took only "’s" of "other’s"; its best fix by prior puts a comma after it, and
    # dropping the apostrophe ("others") rewrites the whole word, so the span takes the word.
    text = "She knew each other’s of life."
    start = text.index("’s")
    issue = with_suggestions(text, Issue(start, start + 2, "punctuation", "m"), lexicon)
    assert (issue.start, issue.end) == (text.index("other’s"), start + 2)
    assert "She knew each others of life." in applied(text, issue)[:3]


def test_a_runner_up_beyond_the_flagged_words_does_not_widen_the_span(lexicon):
    # A word put in after the next word is no rewrite of the flagged word: the span stays.
    text = "It was the the cold night."
    start = text.index("the the") + 4
    issue = with_suggestions(text, Issue(start, start + 3, "grammar", "m"), lexicon)
    assert "cold" not in text[issue.start : issue.end]


def test_a_fix_reaching_into_the_next_word_takes_the_whole_word(lexicon):
    # The best fix drops "Its " and recases the "f" of "fine": the writer reads "Its fine" ->
    # "Fine", not "Its f" -> "F".
    text = "Its fine, I told her."
    reach = Candidate(0, 5, "F", prior=10.0, kind="drop_beside")
    found = suggest(text, Issue(0, 3, "grammar", "m"), lexicon, extra=[reach])
    assert (found.start, found.end) == (0, len("Its fine"))
    assert found.options[0][0] == "Fine"
    assert not _inside_a_word(text, found.end)


def test_a_hyphen_made_a_space_is_shown_with_its_words(lexicon):
    text = "They walked into the-house slowly."
    at = text.index("-")
    issue = with_suggestions(text, Issue(at, at + 1, "punctuation", "m"), lexicon)
    assert text[issue.start : issue.end] == "the-house"
    assert "the house" in issue.suggestions
    assert all(s.strip() for s in issue.suggestions)
