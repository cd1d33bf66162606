from galleyproof.rules.spaced_dashes import spaced_dash_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions) for i in spaced_dash_issues(text)]


def test_a_double_hyphen_spaced_on_either_side_is_flagged_with_the_dash_in_a_typeset_text():
    assert flags("“On hand,” she said -- what it lacked") == [(" -- ", ("—", "--"))]
    assert flags("packaged --or at least — so it’s said") == [(" --", ("—", "--"))]
    assert flags("the Rings— the Rings-- a monumental work") == [("-- ", ("—", "--"))]


def test_a_plain_ascii_text_keeps_its_typed_dash_first():
    # No dash or curly quote anywhere: the writer types a dash as "--", so the fix closes it up.
    assert flags("on hand -- what it lacked") == [(" -- ", ("--", "—"))]
    assert flags('"packaged --or at least," he said') == [(" --", ("--", "—"))]
    assert flags("the Rings-- a monumental work") == [("-- ", ("--", "—"))]


def test_closed_up_dashes_breaks_and_rules_are_left_alone():
    assert flags("on hand--what it lacked") == []
    assert flags("\"If he'd only--\" She stopped.") == []
    assert flags("a line\n--\nand a rule ---- here") == []
