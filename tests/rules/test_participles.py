from galleyproof.rules.participles import participle_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in participle_issues(text)]


def test_a_simple_past_after_have_takes_the_participle():
    text = "Someone had wrote it. She had went home. I've ate. It would have came. He hadn't never drove."
    assert flags(text) == [("wrote", "written"), ("went", "gone"), ("ate", "eaten"), ("came", "come"), ("drove", "driven")]
    assert flags("They have already began. Had took it.") == [("began", "begun"), ("took", "taken")]


def test_participles_nouns_and_pasts_some_english_allows_are_left_alone():
    text = "She had written it, had gone home, had come back. He had rose petals and had got it, had a bit."
    assert flags(text) == []
    assert flags("The haves went first; a hadwent word.") == []


def test_lead_in_a_passive_is_led():
    text = "I was lead to believe it, and they were lead astray. Lead is soft; the pipes were lead."
    assert [(text[i.start : i.end], i.suggestions[0]) for i in participle_issues(text)] == [("lead", "led"), ("lead", "led")]
