from galleyproof.english.gaps import default_gaps
from galleyproof.rules.articles import article_issues, default_table, from_gaps

TABLE = {"elephant": "an", "hour": "an", "useful": "a", "large": "a", "history": "a"}


def spans(text, table=TABLE):
    return [(text[i.start : i.end], i.suggestions) for i in article_issues(text, table)]


def test_flags_the_article_the_books_never_write_before_the_word():
    assert spans("I saw a elephant, and it was an large one.") == [("a", ("an",)), ("an", ("a",))]
    assert spans("A elephant came.\nThen a\nelephant.") == [("A", ("An",)), ("a", ("an",))]


def test_leaves_usage_the_letters_would_get_wrong_and_words_it_cannot_judge():
    assert spans("It took an hour to find a useful path past a large tree.") == []
    assert spans("a zebra, an ox, an history of a-hunting, and the word a-elephant") == []
    assert spans("Ma elephant and an' large") == []


def test_the_table_is_read_off_counts_and_keeps_only_one_sided_words():
    precedes = {"hour": {"an": 9}, "one": {"a": 30, "an": 12}, "owl": {"an": 2}, "tree": {"a": 7, "the": 50}}
    assert from_gaps(precedes) == {"hour": "an", "tree": "a"}


def test_shipped_table_is_rebuilt_from_the_shipped_gap_table():
    assert default_table() == from_gaps(default_gaps().precedes)
    assert default_table()["hour"] == "an" and default_table()["useful"] == "a"


def test_a_before_a_vowel_sound_the_table_does_not_judge():
    from galleyproof.rules.articles import article_issues

    found = [(i.start, i.end, i.suggestions[0]) for i in article_issues("A old man sat down.", {})]
    assert found == [(0, 1, "An")]
    assert article_issues("He saw a one-off, a European, a unicorn, a hat, in A or Z.", {}) == []


def test_an_acronym_spelt_out_takes_the_article_of_its_first_letter_name():
    text = "We found a SNP for a SRC party, an BBC crew, a NATO base and an FBI agent."
    flagged = [(text[i.start : i.end], i.suggestions[0]) for i in article_issues(text)]
    assert flagged == [("a", "an"), ("a", "an"), ("an", "a")]


def test_a_capitalised_word_in_a_title_takes_its_sound_too():
    assert [(i.start, i.suggestions[0]) for i in article_issues("A Exploding Lava Lamp could suit you.", {})] == [(0, "An")]
    # Words read as words in capitals, and consonant sounds, are left alone.
    assert article_issues("A NATO base, a European, a One-Day sale, a Unicorn.", {}) == []


def test_an_article_after_a_determiner_is_offered_dropped_first():
    # "his a old": no article follows "his", so the article is extra, whatever its sound.
    assert spans("the ghost of his a old smile") == [("his a", ("his", "his an"))]
    assert spans("He ate the an large pear.") == [("the an", ("the", "the a"))]
    # "her" may be an object ("gave her an large one"): only the article's sound is judged.
    assert spans("He gave her an large one.") == [("an", ("a",))]
