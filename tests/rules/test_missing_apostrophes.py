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
