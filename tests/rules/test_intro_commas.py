from galleyproof.rules.intro_commas import intro_comma_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in intro_comma_issues(text)]


def test_an_opening_connective_without_its_comma():
    assert flags("However there are days when I have won.") == [("However", "However,")]
    assert flags("It rained. Moreover the roof leaked. For example the hall was wet.") == [
        ("Moreover", "Moreover,"), ("For example", "For example,")]


def test_degree_concession_prepositions_and_commas_pass():
    assert flags("However hard he tried, he failed. However it might end, he won. However, he won.") == []
    assert flags("In addition to the piping, there was a drum. However did she know?") == []
