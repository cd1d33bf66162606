from galleyproof.rules.to_too import too_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in too_issues(text)]


def test_to_before_an_adjective_that_ends_the_phrase_is_too():
    assert flags("She was to tired to argue.") == [("to", "too")]
    assert flags("It's to late. That is way to much for me. To bad.") == [("to", "too"), ("to", "too")]


def test_infinitives_prepositions_and_idioms_pass():
    assert flags("She went to bed. She spoke to many people. It went from bad to worse.") == []
    assert flags("It did not come to much. It was known to many, and loved.") == []
    assert flags("open to dangerous\nimpressions") == []
