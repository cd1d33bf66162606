from galleyproof.rules.missing_apostrophes import apostrophe_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in apostrophe_issues(text)]


def test_non_word_contractions_are_fixed_with_their_case():
    assert flags("I dont know. Whats your favorite part? ive been there. Im fine.") == [
        ("dont", "don't"), ("Whats", "What's"), ("ive", "I've"), ("Im", "I'm")]
    assert flags("Thats it, shes gone and theyre late.") == [("Thats", "That's"), ("shes", "she's"), ("theyre", "they're")]


def test_real_words_are_judged_by_context():
    assert flags("I wont take up your time.") == [("wont", "won't")]
    assert flags("As was his wont, he rose early. She was wont to sing.") == []
    assert flags("I cant go. The cant of the age. That cant about cures.") == [("cant", "can't")]
    assert flags("Ill be there. He was ill be sure.") == [("Ill", "I'll")]
    assert flags("It was ill done; its well; we were well.") == []


def test_lets_opening_a_proposal_is_a_contraction():
    assert flags('Lets go home. "Come, lets stop a while," he said.') == [("Lets", "Let's"), ("lets", "let's")]
    assert flags("She lets him in. It lets go of the rope; he lets us stop.") == []


def test_capitals_are_left_alone():
    assert flags("DONT PANIC") == []


def test_spans_hold_where_the_lower_case_is_longer_and_the_neighbours_are_far():
    # "İ" lowers to two characters: the search runs on the text as written, spans exact.
    text = "İstanbul. I dont know. DoNt"
    assert [(i.start, i.end) for i in apostrophe_issues(text)] == [(12, 16), (23, 27)]
    assert flags(text) == [("dont", "don't"), ("DoNt", "DoNt"[0] + "on't")]
    # The word before may lie far back, past marks and numbers: it is still the neighbour.
    assert flags("They said I " + "... 1, " * 60 + "cant go.") == [("cant", "can't")]
    assert flags("The " + "... 1, " * 60 + "cant of the age.") == []
    # A letter that only lowers to an ASCII one (the Kelvin sign) makes no word of it.
    assert flags("I \u212aont go; we dont.") == [("dont", "don't")]
