from galleyproof.rules.sentence_starts import sentence_start_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions, i.category) for i in sentence_start_issues(text)]


def test_a_lower_case_word_after_a_full_stop_offers_the_capital_or_a_comma():
    assert flags("It was cold. the wind rose.") == [
        ("cold. the", ("cold. The", "cold, the"), "capitalization")]
    assert flags("He went to the door. and\nthen turned.") == [
        ("door. and", ("door, and", "door. And"), "punctuation")]


def test_abbreviations_initials_numerals_and_other_marks_pass():
    text = "Mr. smith and J. smith met Charles Musgrove, Esq. of Kellynch, and Richard III. and Louis XVI. came"
    assert flags(text) == []
    assert flags("Oh! no, that must not be. What? not I. Well... and so.") == []


def test_a_lone_lower_case_i_but_not_inside_words_or_i_e():
    text = "Then i said it, i.e. the rest; i’m sure I-i-it was in. i know."
    assert flags(text) == [("i", ("I",), "capitalization"), ("i", ("I",), "capitalization")]


def test_a_word_that_seldom_opens_a_sentence_gets_the_comma_first():
    from galleyproof.english.lexicon import Lexicon

    # "down" is capitalised in 1 of 400 uses, "they" in 100 of 400: by the counts, "snow. down" lost
    # its comma, "snow. they" its capital.
    lexicon = Lexicon({"down": 400, "they": 400, "tresses": 5}, {"down": 1, "they": 100})
    text = "ravines of snow. down which stones roll"
    assert [i.suggestions[0] for i in sentence_start_issues(text, lexicon)] == ["snow, down"]
    assert sentence_start_issues(text, lexicon)[0].category == "punctuation"
    they = "ravines of snow. they roll"
    assert [i.suggestions[0] for i in sentence_start_issues(they, lexicon)] == ["snow. They"]
    # A word seen too seldom to say keeps the capital first, as does any word without counts.
    rare = "horns. tresses of wool"
    assert [i.suggestions[0] for i in sentence_start_issues(rare, lexicon)] == ["horns. Tresses"]
    assert [i.suggestions[0] for i in sentence_start_issues(text)] == ["snow. Down"]
