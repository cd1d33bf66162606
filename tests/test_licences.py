from galleyproof.licences import drop_licensed, licensed
from galleyproof.tagging import Flag


def flag(text, span, category="grammar", nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(span, start + 1)
    return Flag(start, start + len(span), category, 0.9)


def test_a_subjunctive_were_and_an_before_h_are_allowed():
    text = "Unless it were on a public occasion, an hundred men would please him."
    for span in ("were", "an"):
        assert licensed(text, flag(text, span))


def test_the_same_words_elsewhere_and_other_categories_still_stand():
    text = "The men was sure they were there, an apple, and him."
    assert not licensed(text, flag(text, "were"))
    assert not licensed(text, flag(text, "an"))
    assert not licensed(text, flag(text, "him"))
    far = "If so, then the men of the town were there."
    assert not licensed(far, flag(far, "were"))  # "if" more than four words back


def test_drop_licensed_keeps_the_rest():
    text = "As if he were ill, they was there."
    flags = [flag(text, "were"), flag(text, "was")]
    assert drop_licensed(text, flags) == [flags[1]]


def test_a_capitalised_word_opening_a_paragraph_keeps_its_capital():
    text = "he\nstopped.\n\n“Told you what?”\n\nTold him so, and Then left.\nTold once more.\r\n\r\nA dog. THe end."
    assert licensed(text, flag(text, "Told", "capitalization"))  # after an opening quote
    assert licensed(text, flag(text, "Told", "capitalization", nth=1))
    assert licensed(text, flag(text, "A", "capitalization"))  # CRLF blank line before
    assert licensed("Told you.", flag("Told you.", "Told", "capitalization"))
    assert not licensed(text, flag(text, "Told", "capitalization", nth=2))  # a line start mid-paragraph
    assert not licensed(text, flag(text, "Then", "capitalization"))
    assert not licensed(text, flag(text, "THe", "capitalization"))
    assert not licensed(text, flag(text, "Told", "grammar"))  # only the capital is vouched for
