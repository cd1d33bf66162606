from galleyproof.rules.there_their import there_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in there_issues(text)]


def test_there_for_theyre_and_their():
    assert flags("I think that there pretty good.") == [("there", "they're")]
    assert flags("They treat there employees with respect.") == [("there", "their")]
    assert flags("They did it on there own.") == [("there", "their")]


def test_right_theres_pass():
    assert flags("There really is no need. Is there going to be a fight? I was there very early.") == []
    assert flags("we all there so close together; laying there so mournful") == []
    assert flags("There lies the rub. Get out of there.") == []
