from galleyproof.rules.its_it_is import its_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in its_issues(text)]


def test_its_before_a_verb_article_or_final_participle_is_its():
    assert flags("if you don't know its stolen") == [("its", "it's")]
    assert flags("Its a shame. its been years, and its not fair.") == [("Its", "It's"), ("its", "it's"), ("its", "it's")]


def test_the_possessive_passes():
    assert flags("The dog wagged its tail; its own bed; its stolen goods; its faded\nchariot.") == []
    assert flags("the more from its not overpowering you; by its very nature") == []


def test_its_before_an_adjective_that_ends_a_clause_is_its():
    assert flags("Its weird how a habit lives in your hands.") == [("Its", "It's")]
    assert flags("Its slower, but it's real. I think its hard to say.") == [("Its", "It's"), ("its", "it's")]
    assert flags("public domain means its as simple as can be") == [("its", "it's")]


def test_its_before_an_adjective_and_its_noun_is_the_possessive():
    assert flags("Its weird shape scared me.") == []
    assert flags("The cat licked its ugly, matted fur.") == []
    assert flags("He gave its better half away, and its cold water ran.") == []
