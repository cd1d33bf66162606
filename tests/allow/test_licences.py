from galleyproof.allow.licences import drop_licensed, licensed
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document


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
    text = "The men was sure they were there, an pear, and him."
    assert not licensed(text, flag(text, "were"))
    assert not licensed(text, flag(text, "an"))
    assert not licensed(text, flag(text, "him"))
    far = "If so, then the men of the town were there."
    assert not licensed(far, flag(far, "were"))  # "if" more than four words back


def test_a_plural_verb_after_a_collective_noun_is_allowed_and_after_a_plain_noun_is_not():
    text = "The crew are good fellows, and the family were out; the dentist are here, the crew, are."
    assert licensed(text, flag(text, "are"))
    assert licensed(text, flag(text, "were"))
    assert not licensed(text, flag(text, "are", nth=1))  # "the dentist are"
    assert not licensed(text, flag(text, "are", nth=2))  # a comma between: not the noun's verb
    assert not licensed(text, flag(text, "are", category="punctuation"))


def test_drop_licensed_keeps_the_rest():
    text = "As if he were ill, they was there."
    flags = [flag(text, "were"), flag(text, "was")]
    assert drop_licensed(Document(text), flags) == [flags[1]]


def test_a_capitalised_word_opening_a_paragraph_keeps_its_capital():
    text = "he\nstopped.\n\n“Told you what?”\n\nTold him so, and Then left,\nTold once more.\r\n\r\nA dog. THe end."
    assert licensed(text, flag(text, "Told", "capitalization"))  # after an opening quote
    assert licensed(text, flag(text, "Told", "capitalization", nth=1))
    assert licensed(text, flag(text, "A", "capitalization"))  # CRLF blank line before
    assert licensed("Told you.", flag("Told you.", "Told", "capitalization"))
    assert not licensed(text, flag(text, "Told", "capitalization", nth=2))  # a line start mid-paragraph
    assert not licensed(text, flag(text, "Then", "capitalization"))
    assert not licensed(text, flag(text, "THe", "capitalization"))
    assert not licensed(text, flag(text, "Told", "grammar"))  # only the capital is vouched for


def test_a_capitalised_word_opening_a_sentence_after_a_full_stop_keeps_its_capital():
    text = ("He stretched out his arm again. Bathsheba had gone. “Yes.” Oak stayed. "
            "“Go!” Cried he. Then Mr. Boldwood came, and Later left. So THe end.")
    for word in ("Bathsheba", "Oak", "Then"):
        assert licensed(text, flag(text, word, "capitalization")), word
    assert not licensed(text, flag(text, "Cried", "capitalization"))  # after "!": may be a tag's slip
    assert not licensed(text, flag(text, "Boldwood", "capitalization"))  # "Mr." ends no sentence
    assert not licensed(text, flag(text, "Later", "capitalization"))  # mid-sentence
    assert not licensed(text, flag(text, "THe", "capitalization"))
    assert not licensed(text, flag(text, "Bathsheba", "grammar"))


def test_an_article_the_books_write_before_the_next_word_is_allowed():
    text = "There was an execution in the house, a excuse, an large dog and a envoy, an unbeliever."
    assert licensed(text, flag(text, "an"))  # "an execution"
    assert not licensed(text, flag(text, "an", nth=2))  # before u: not judged by the letter
    assert not licensed(text, flag(text, "a"))  # "a excuse"
    assert not licensed(text, flag(text, "an", nth=1))  # "an large"
    assert not licensed(text, flag(text, "a", nth=2))  # "a envoy"
    assert not licensed(text, flag(text, "an", "punctuation"))


def test_an_article_after_a_determiner_is_not_allowed():
    text = "They spoke about their an aged creature and my a dear friend."
    assert not licensed(text, flag(text, "an"))
    assert not licensed(text, flag(text, "a"))


def test_an_article_before_a_spelt_out_acronym_is_judged_by_its_letter_name():
    # "a SNP" is read "a ess-en-pee": the licence must not excuse it by the letter "s".
    import re

    text = "We identified a SNP, then an SNP, a BBC crew, then an BBC crew."
    articles = [Flag(m.start(), m.end(), "grammar", 0.9) for m in re.finditer(r"\ban?\b", text)]
    assert [licensed(text, f) for f in articles] == [False, True, True, False]
