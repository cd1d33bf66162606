from galleyproof.rules.paragraph_starts import paragraph_start_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in paragraph_start_issues(text)]


def test_a_paragraph_opening_in_lower_case():
    assert flags("hence they may hand over that color") == [("hence", "Hence")]
    assert flags("It rained.\n\nunfortunately the roof leaked.") == [("unfortunately", "Unfortunately")]


def test_names_addresses_bylines_and_continued_paragraphs_pass():
    assert flags("iPhones sell.\n\neBay too.\n\nusflight.org.uk received it.\n\nby Jane Austen") == []
    assert flags("Sing, O sing\n   the sweet song\n\nsang the children.") == []
    assert flags("Dear Sir,\n\nthank you.") == []
