from galleyproof.rules.commas import comma_issues, default_table
from galleyproof.rules.to_too import to_slips, too_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in too_issues(text)]


def test_to_before_an_adjective_that_ends_the_phrase_is_too():
    assert flags("She was to tired to argue.") == [("to", "too")]
    assert flags("It's to late. That is way to much for me. To bad.") == [("to", "too"), ("to", "too")]


def test_infinitives_prepositions_and_idioms_pass():
    assert flags("She went to bed. She spoke to many people. It went from bad to worse.") == []
    assert flags("It did not come to much. It was known to many, and loved.") == []
    assert flags("open to dangerous\nimpressions") == []


def test_too_between_a_verb_and_a_determiner_is_to():
    text = "We went too the beach. Listen too my father. She gave it too the man."
    assert [(text[i.start : i.end], i.suggestions) for i in to_slips(text)] == [("too", ("to",)), ("too", ("to",))]


def test_too_after_a_word_that_takes_to_is_to():
    text = "She found a table closer too the window, next too my desk. Thanks too the rain, we stayed."
    assert [text[i.start - 7 : i.end] for i in to_slips(text)] == ["closer too", ", next too", "Thanks too"]
    assert not [i for i in comma_issues(text, default_table()) if text[i.start : i.end].startswith("too")]


def test_too_after_a_word_ending_a_clause_or_before_that_passes():
    assert to_slips("Here too his conduct was odd. It was probably too the devil. He decided too that he would go.") == []
    assert to_slips("We went to the beach too. We went, too, the long way.") == []


def test_the_books_comma_after_too_is_not_offered_for_a_to():
    # The books write "too, the" (never "too the"), so the comma lookup flagged the slip with a comma.
    text = "We went too the beach."
    assert not [i for i in comma_issues(text, default_table()) if text[i.start : i.end].startswith("too")]
    assert [i.suggestions for i in comma_issues("It was cold too the wind rose.", default_table())] != []
