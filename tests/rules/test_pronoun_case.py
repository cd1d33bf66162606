from galleyproof.rules.pronoun_case import pronoun_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in pronoun_issues(text)]


def test_subject_and_object_pairs():
    assert flags("Her and Dev had always been close.") == [("Her", "She")]
    assert flags("Between you and I, it was over.") == [("I", "me")]
    assert flags("It was a secret for him and I.") == [("I", "me")]


def test_right_pairs_and_clauses_pass():
    assert flags("Who was there? Her and her sister.") == []
    assert flags("I made it for you and I think you know it.") == []
    assert flags("no difference between\nhim and the man who had come") == []
