from galleyproof.rules.commas import MIN_BARE, CommaTable, comma_issues, comma_pairs, default_table

# "Yes, sir" always has its comma; "at the" never; "and then" both ways.
BOOKS = (["“Yes, sir,” he said, “I will.”"] * 25 + ["He looked at the sea and then at the sky."] * MIN_BARE
         + ["He came, and then he went."] * 30)


def flags(text, table):
    return [(text[i.start : i.end], i.suggestions, i.category) for i in comma_issues(text, table)]


def test_pairs_are_words_or_a_word_and_an_opening_quote_parted_by_at_most_a_comma():
    text = "Yes, sir, he said “Go”; at\nthe end. Oh-- no"
    pairs = [(a, b, c) for a, b, c, *_ in comma_pairs(text)]
    assert pairs == [("Yes", "sir", True), ("sir", "he", True), ("he", "said", False),
                     ("said", "“", False), ("at", "the", False),
                     ("the", "end", False)]


def test_flags_a_comma_the_books_always_write_and_one_they_never_do():
    table = CommaTable.from_texts(BOOKS)
    assert flags("Yes sir, I will.", table) == [("Yes sir", ("Yes, sir",), "punctuation")]
    assert flags("He said “Go.”", table) == [("said “", ("said, “",), "punctuation")]
    assert flags("He looked at, the sea.", table) == [("at,", ("at",), "punctuation")]


def test_leaves_pairs_written_both_ways_rarely_or_with_their_habit():
    table = CommaTable.from_texts(BOOKS)
    assert flags("She sang and then went; she sang, and then went.", table) == []
    assert flags("Yes, sir. He looked at the sea.", table) == []
    assert flags("Sure sir, at once.", table) == []  # never counted
    assert flags("yes sir", table) == []  # "yes" is not "Yes" at a sentence start


def test_a_stray_comma_needs_a_word_the_books_seldom_follow_with_one():
    # "sea" ends many clauses ("the sea, and"), so "sea, the" may be an aside's comma.
    books = BOOKS + ["He saw the sea, and the sky."] * 20 + ["by the sea the ships"] * MIN_BARE
    table = CommaTable.from_texts(books)
    assert table.wants_comma("sea", "the") is None
    assert flags("by the sea, the ships", table) == []


def test_table_round_trips_and_the_shipped_one_knows_common_habits(tmp_path):
    table = CommaTable.from_texts(BOOKS)
    table.save(tmp_path / "c.tsv.gz")
    assert CommaTable.load(tmp_path / "c.tsv.gz").counts == table.counts
    shipped = default_table()
    assert shipped.wants_comma("Yes", "sir") is True
    assert shipped.wants_comma("at", "the") is False
    assert shipped.wants_comma("and", "then") is None
