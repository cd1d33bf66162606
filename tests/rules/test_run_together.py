from galleyproof.rules.run_together import run_together_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in run_together_issues(text)]


def test_run_together_words_are_split():
    assert flags("Alot had happened. I miss you alot, atleast infact.") == [
        ("Alot", "A lot"), ("alot", "a lot"), ("atleast", "at least"), ("infact", "in fact")]


def test_separate_words_and_capitals_pass():
    assert flags("A lot had happened; at least in fact. ALOT") == []
