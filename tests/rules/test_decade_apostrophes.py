from galleyproof.rules.decade_apostrophes import decade_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in decade_issues(text)]


def test_a_decade_with_an_apostrophe_is_flagged_as_the_plural():
    assert flags("the 90's band, the early 1930's.") == [("90's", "90s"), ("1930's", "1930s")]


def test_plurals_clipped_decades_and_other_numbers_are_left_alone():
    assert flags("the 1930s, the '90s, 1,000's of fans, 3.50's worth, the 95's, 1930’s") == [("1930’s", "1930s")]
