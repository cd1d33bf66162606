from galleyproof.rules.abbreviation_stops import abbreviation_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in abbreviation_issues(text)]


def test_a_missing_last_stop_is_flagged_with_it():
    assert flags("Pens, paper etc) and the U.S citizens, e.g this one.") == [
        ("etc", "etc."), ("U.S", "U.S."), ("e.g", "e.g.")]


def test_stopped_abbreviations_and_other_words_are_left_alone():
    assert flags("Pens, paper, etc. and the U.S. office, e.g. this one, i.e. that; a US plan; etcetera.") == []
    assert flags("the u.s navy") == []  # lower case: not the country's initials
