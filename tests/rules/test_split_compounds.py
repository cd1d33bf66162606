from galleyproof.rules import all_rules
from galleyproof.rules.split_compounds import compound_issues
from galleyproof.text.document import Document


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in compound_issues(text)]


def test_closed_compounds_written_apart():
    assert flags("The data on this web site comes with out delay.") == [("web site", "website"), ("with out", "without")]
    assert flags("Get the details before hand. My self, I stayed.") == [("before hand", "beforehand"), ("My self", "Myself")]


def test_pairs_that_may_stand_apart_pass():
    assert flags("Some one came in to the room; I can not only stay any more; every one knew.") == []


def test_a_space_before_a_sentences_full_stop_but_not_an_ellipsis():
    text = "They are Townhomes . The end . . . and more."
    rule = next(r for r in all_rules() if r.id == "space_before_mark")
    found = [text[i.start : i.end] for i in rule.find(Document(text), None)]
    assert found == [" ."]


def test_a_space_before_a_mark_that_touches_the_next_word_moves_after_it():
    text = "He got up later ,for the visit ; then left , slowly."
    rule = next(r for r in all_rules() if r.id == "space_before_mark")
    fixes = [(text[i.start : i.end], i.suggestions[0]) for i in rule.find(Document(text), None)]
    assert fixes == [(" ,", ", "), (" ;", ";"), (" ,", ",")]


def test_can_not_is_cannot_but_before_only():
    text = "It can not be cured. You can not only read it but keep it."
    assert [(text[i.start : i.end], i.suggestions[0]) for i in compound_issues(text)] == [("can not", "cannot")]
    # "only" after another compound leaves it a compound.
    text = "This web site only works with out just one."
    assert [(text[i.start : i.end], i.suggestions[0]) for i in compound_issues(text)] == [
        ("web site", "website"), ("with out", "without")]
