from galleyproof.rules.of_for_have import of_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in of_issues(text)]


def test_of_after_a_modal_is_have():
    assert flags("She told herself she could of called her sister.") == [("of", "have")]
    assert flags("You should of known. They must of been tired. I wouldn't of gone.") == [
        ("of", "have"), ("of", "have"), ("of", "have")]


def test_of_course_nouns_and_old_ellipsis_pass():
    assert flags("He could of course refuse. She must of course go.") == []
    assert flags("the indispensable might of that army; the fruity must of wine") == []
    assert flags("as we should of the lowing of a cow; as a man would of the confusion") == []
