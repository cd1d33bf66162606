from galleyproof.rules.then_than import then_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in then_issues(text)]


def test_then_after_a_comparative_is_than():
    assert flags("He was taller then she remembered.") == [("then", "than")]
    assert flags("It was more then enough, and better then nothing.") == [("then", "than"), ("then", "than")]


def test_time_and_other_er_words_pass():
    assert flags("The farmer then went home. I'll see you later then.") == []
    assert flags("I was feeling better then, but tired. He looked once more then left.") == []


def test_more_and_an_adjective_or_adverb_before_then_compare():
    text = "It looked more annoyed then sad, and less likely then ever. He ate more bread then left."
    assert [(text[i.start : i.end], i.suggestions[0]) for i in then_issues(text)] == [("then", "than"), ("then", "than")]
