from galleyproof.rules.paragraph_ends import paragraph_end_issues

LONG = "He walked along the road to the old mill beside the river, and then he went home"


def flags(text):
    return [(text[i.start : i.end], i.suggestions, i.category) for i in paragraph_end_issues(text)]


def test_a_prose_paragraph_ending_in_a_letter_lacks_its_full_stop():
    assert flags(LONG) == [("home", ("home.",), "punctuation")]
    text = f"Chapter One\r\n\r\n{LONG}  \r\n\r\n{LONG}.\r\n"
    (got,) = paragraph_end_issues(text)
    assert text[got.start : got.end] == "home" and got.start == text.index("home")


def test_marked_ends_headings_and_verse_pass():
    assert flags(LONG + ".") == flags(LONG + "?”") == flags(LONG + "—") == []
    assert flags("The Mill on the Floss") == []  # a heading: too few words
    verse = "The river runs beside the mill\nAnd all the meadow lies so still\nBeneath the hill"
    assert flags(verse) == []


def test_paragraphs_part_at_blank_lines_in_any_newline_style():
    for newline in ("\n", "\r\n", "\r"):
        text = newline.join(["He walked along the road and came back to the house at last", "",
                             "She came home and sat down by the fire with her book."])
        assert [text[i.start : i.end] for i in paragraph_end_issues(text)] == ["last"]
