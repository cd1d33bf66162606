"""Messages for the model's flags: what is wrong and where, from the top suggestion."""

from __future__ import annotations

import pytest

from galleyproof.issues import Issue
from galleyproof.model.detector import MESSAGES
from galleyproof.suggest.messages import describe


def _issue(text: str, flagged: str, category: str, *suggestions: str, nth: int = 0) -> Issue:
    start = -1
    for _ in range(nth + 1):
        start = text.index(flagged, start + 1)
    return Issue(start, start + len(flagged), category, MESSAGES[category], suggestions)


def _known(word: str) -> bool:
    return word.lower() not in {"teh", "felow"}


@pytest.mark.parametrize(
    ("text", "flagged", "category", "suggestions", "message"),
    [
        # A word taken out: which one, and after what.
        ("He went to the the shop.", "the the", "grammar", ("the",), "“the” is repeated"),
        ("She gave it to me the book.", "me the", "grammar", ("the",), "Extra word “me” after “to”"),
        # A word put in: between which two.
        ("I want to the shop.", "to the", "grammar", ("to go the",),
         "A word may be missing between “to” and “the”: did you mean “to go the”?"),
        ("Some one appeared in middle prominence.", "in middle", "grammar", ("in the middle",),
         "A word may be missing between “in” and “middle”: did you mean “in the middle”?"),
        # The gap just before a one-word flag: its neighbour comes from the text.
        ("It must remembered that", "remembered", "grammar", ("be remembered",),
         "A word may be missing between “must” and “remembered”: did you mean “must be remembered”?"),
        ("the accusation, made in", "made", "grammar", ("and made",),
         "A word may be missing between “,” and “made”: did you mean “, and made”?"),
        # A word changed: the words before it say where.
        ("I think this dentist want to see me.", "want", "grammar", ("wants",),
         "“want” after “this dentist”: did you mean “wants”?"),
        ("Know the way?", "Know", "word_choice", ("No",), "“Know” before “the”: did you mean “No”?"),
        # A word no one knows, changed to one they do, is a misspelling whatever the category.
        ("a fine dashing felow, only", "felow", "grammar", ("fellow",), "Possible misspelling of “fellow”"),
        ("He read teh book.", "teh", "spelling", ("the",), "Possible misspelling of “the”"),
        # Only the case changes.
        ("the answer to the Question. During", "Question", "capitalization", ("question",),
         "“Question” with a capital: did you mean “question”?"),
        ("and the he went on", "he", "capitalization", ("He",), "“he” in small letters: did you mean “He”?"),
        # Marks: put in, taken out, changed (with the capital that goes with a full stop).
        ("in a conciliating voice “I don’t", "voice", "punctuation", ("voice,",),
         "A comma may be missing after “voice”"),
        ("it probably would, turn out", ",", "punctuation", ("",), "Extra comma after “would”"),
        ("No, no; Henrietta might", "no; Henrietta", "punctuation", ("no. Henrietta",),
         "A semicolon after “no”: did you mean a full stop?"),
        ("I assure you; replied the Captain", "; replied", "punctuation", (". Replied",),
         "A semicolon after “you”: did you mean a full stop, and “Replied” with a capital?"),
        # Spaces only.
        ("There  been thunder", "There  been", "whitespace", ("There been",),
         "Extra space between “There” and “been”"),
        ("He saw it.Then he ran", "it.Then", "whitespace", ("it. Then",),
         "A space may be missing between “.” and “Then”"),
    ],
)
def test_message_from_the_top_suggestion(text, flagged, category, suggestions, message):
    assert describe(text, _issue(text, flagged, category, *suggestions), _known) == message


@pytest.mark.parametrize(
    ("category", "flagged", "message"),
    [
        ("grammar", "who up", "A word may be missing between “who” and “up”, or one of them be the wrong form"),
        ("grammar", "up", "“up” may be ungrammatical here: the wrong form, or an extra word"),
        ("spelling", "lieve", "“lieve” may be misspelt"),
        ("word_choice", "lieve", "“lieve” may be the wrong word here"),
    ],
)
def test_without_a_suggestion_the_message_names_the_flagged_words(category, flagged, message):
    text = "A man who up to this time would as lieve be tossed out."
    assert describe(text, _issue(text, flagged, category)) == message


def test_a_span_of_spaces_alone_is_placed_by_its_neighbours():
    text = "It was a dark  night."
    start = text.index("  ")
    assert describe(text, Issue(start, start + 2, "whitespace", "", ())) == "Check the spacing between “dark” and “night”"
    assert describe(text, Issue(start, start + 2, "whitespace", "", (" ",))) == "Extra space between “dark” and “night”"


def test_a_long_or_wrapped_span_is_quoted_on_one_line_and_cut_short():
    text = "He said\nthat " + "very " * 20 + "much."
    issue = Issue(3, len(text) - 1, "grammar", "", ())
    message = describe(text, issue)
    assert "\n" in text[3:] and "\n" not in message
    assert message.startswith("“said that very") and "…”" in message


def test_the_where_stays_in_its_paragraph():
    text = "The end of one.\n\nAnd the start was slow."
    issue = _issue(text, "And the", "grammar", "The")
    # The extra word is the first of its paragraph: nothing before it to name, and the
    # capital it hands on goes without saying.
    assert describe(text, issue) == "Extra word “And” before “the”"
