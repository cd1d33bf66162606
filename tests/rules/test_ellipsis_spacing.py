from galleyproof.rules.ellipsis_spacing import ellipsis_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions) for i in ellipsis_issues(text)]


def test_an_ellipsis_run_into_the_next_word_gets_its_space():
    assert flags("together...how could you") == [("...", ("... ",))]
    assert flags("front yard…Not to mention") == [("…", ("… ",))]


def test_spaced_ellipses_and_ellipses_before_marks_are_left_alone():
    assert flags("together... how could you. Well . . . maybe. Wait...! And...") == []
