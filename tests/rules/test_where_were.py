from galleyproof.rules.where_were import where_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in where_issues(text)]


def test_where_after_a_plural_subject_is_were():
    assert flags("me and my dad where in NJ") == [("where", "were")]
    assert flags("They where late. I know we where right.") == [("where", "were"), ("where", "were")]


def test_relative_where_passes():
    assert flags("I know where they were. Me and my dad went where we liked.") == []
    assert flags("Tell me where you and he live.") == []
