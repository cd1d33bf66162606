from galleyproof.rules.its_it_is import its_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in its_issues(text)]


def test_its_before_a_verb_article_or_final_participle_is_its():
    assert flags("if you don't know its stolen") == [("its", "it's")]
    assert flags("Its a shame. its been years, and its not fair.") == [("Its", "It's"), ("its", "it's"), ("its", "it's")]


def test_the_possessive_passes():
    assert flags("The dog wagged its tail; its own bed; its stolen goods; its faded\nchariot.") == []
    assert flags("the more from its not overpowering you; by its very nature") == []
