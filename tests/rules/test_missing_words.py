from galleyproof.rules.missing_words import MIN_GAPPED, MissingWordTable, default_table, missing_word_issues

BOOKS = ["He sat in the middle of the room."] * MIN_GAPPED + ["They met in a middle way."] * 3 + [
    "She went to church and to the middle school."] * 5


def flags(text, table):
    return [(text[i.start : i.end], i.suggestions, i.category) for i in missing_word_issues(text, table)]


def test_two_words_the_books_only_write_apart_lack_the_word_between():
    table = MissingWordTable.from_texts(BOOKS)
    assert table.gaps[("in", "middle")] == ("the", MIN_GAPPED)
    assert ("to", "school") not in table.gaps  # "to the middle school" is written too few times
    assert flags("He sat in middle of it.", table) == [("in middle", ("in the middle",), "grammar")]
    assert flags("He sat in\nmiddle of it.", table) == [("in\nmiddle", ("in the\nmiddle",), "grammar")]


def test_pairs_written_side_by_side_seldom_apart_or_capitalised_pass():
    table = MissingWordTable.from_texts(BOOKS + ["the school in middle age"])
    assert ("in", "middle") not in table.gaps  # the books once write "in middle": no evidence of a gap
    table = MissingWordTable.from_texts(BOOKS[: MIN_GAPPED - 1])
    assert ("in", "middle") not in table.gaps  # too few
    table = MissingWordTable.from_texts(BOOKS)
    assert flags("In middle of it; in Middle Earth.", table) == []


def test_table_round_trips_and_the_shipped_one_knows_common_gaps(tmp_path):
    table = MissingWordTable.from_texts(BOOKS)
    table.save(tmp_path / "m.tsv.gz")
    assert MissingWordTable.load(tmp_path / "m.tsv.gz").gaps == table.gaps
    assert default_table().gaps[("midst", "a")][0] == "of"


def test_the_word_put_in_is_written_as_english_writes_it():
    table = MissingWordTable.from_texts(["It was the place from which I came."] * MIN_GAPPED)
    assert flags("the place from which came", table) == [("which came", ("which I came",), "grammar")]
