from galleyproof.rules.quotes import quote_issues

TAGS = frozenset({"said", "he", "asked", "cried"})


def flags(text):
    return [(text[i.start : i.end], i.suggestions, i.category) for i in quote_issues(text, TAGS)]


def test_a_speech_opened_twice_is_flagged_where_it_should_have_closed():
    assert flags("“Come here, he said, “and sit down.”") == [("here,", ("here,”",), "punctuation")]
    # a tag after a pronoun or a name: the speech closes before them, not after the tag
    assert flags("“Come here, I cried, “and sit down.”") == [("here,", ("here,”",), "punctuation")]
    assert flags("“Come here, Elizabeth said, “and sit.”") == [("here,", ("here,”",), "punctuation")]
    # but not a tag word after any word: "head, and said" is the narrative's, not a tag
    assert flags("“Come here, said Jo, and looked at her head, and said, “Ah.”") == [
        ("here,", ("here,”",), "punctuation")]
    # no tag: the words before the second opening quote
    assert flags("“I went there. I saw it. “Then I left.”") == [("it.", ("it.”",), "punctuation")]


def test_a_speech_closed_with_none_open_is_flagged_where_it_should_have_opened():
    assert flags("He said, Come here.”") == [("Come", ("“Come",), "punctuation")]
    assert flags("Come here, for I am tired.”") == [("Come", ("“Come",), "punctuation")]
    text = "“Yes,” he said. Then he went on. Come here.”"
    assert flags(text) == [("Then", ("“Then",), "punctuation")]


def test_paired_quotes_speech_running_into_the_next_paragraph_and_straight_quotes_pass():
    assert flags("“Come here,” he said, “and sit.” “Why?” she asked.") == []
    assert flags("“It was long ago.\n\n“And then it ended,” he said.") == []
    assert flags('"Come here, he said, "and sit."') == []
    assert flags("It ended.”\n\n“Well,” said he.") == [("It", ("“It",), "punctuation")]


def test_a_speech_may_run_on_past_a_blank_line_in_any_newline_style():
    for newline in ("\n", "\r\n", "\r"):
        text = f"She said, “Come here.{newline}{newline}“Yes,” he said, and went home."
        assert quote_issues(text) == []
