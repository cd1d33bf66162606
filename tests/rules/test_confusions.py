from galleyproof.english.lexicon import Lexicon
from galleyproof.model.versions import shipped_model_dir
from galleyproof.rules.confusions import ConfusionTable, confusion_issues, default_table

BOOKS = ["It was more than enough, and more than that."] * 10 + [
    "Their house stood there by the river; their house was old.",
    "It was there on the hill.",
] * 10 + ["Then he left, and then she came."] * 10


def flags(text, table):
    return [(text[i.start : i.end], i.suggestions, i.category) for i in confusion_issues(text, table)]


def test_flags_the_word_the_books_never_write_beside_a_neighbour_they_write_its_twin_beside():
    table = ConfusionTable.from_texts(BOOKS)
    assert flags("It was more then enough.", table) == [("then", ("than",), "word_choice")]
    assert flags("There house stood.", table) == [("There", ("Their",), "word_choice")]
    assert flags("It was more than enough, and then she came.", table) == []


def test_unseen_contexts_and_contradicting_sides_are_not_judged():
    table = ConfusionTable.from_texts(BOOKS)
    assert flags("A zebra, more then a horse.", table) == [("then", ("than",), "word_choice")]
    assert flags("Such a then.", table) == []  # neither neighbour was seen beside "than"
    # one side wants "than", the other writes "then" beside this neighbour more often: no flag
    assert flags("It was more then she came.", table) == []


def test_a_possessive_is_not_offered_before_a_common_word_the_books_never_put_after_it():
    table = ConfusionTable.from_texts(["They took their coats and looked about."] * 12)
    lexicon = Lexicon({"looked": 900, "sneakers": 0})
    text = "They took there looked. They took there sneakers."
    found = [(text[i.start : i.end], i.start) for i in confusion_issues(text, table, lexicon)]
    assert found == [("there", text.rindex("there"))]  # "sneakers" is rare: unseen says nothing
    assert len(confusion_issues(text, table)) == 2  # without a lexicon, nothing is common
    last = "They took there"  # no next word to judge: the word before decides, as without a lexicon
    assert [last[i.start : i.end] for i in confusion_issues(last, table, lexicon)] == ["there"]


def test_a_capitalised_neighbour_is_a_name_not_the_word():
    table = ConfusionTable.from_texts(["She said more than he."] * 12)
    assert flags("She said more then he.", table) == [("then", ("than",), "word_choice")]
    assert flags("Nobody loved him more than He did; more than He.", table) == []


def test_table_round_trips_and_the_shipped_one_knows_common_confusions(tmp_path):
    table = ConfusionTable.from_texts(BOOKS)
    table.save(tmp_path / "t.tsv.gz")
    loaded = ConfusionTable.load(tmp_path / "t.tsv.gz")
    assert loaded.before == table.before and loaded.after == table.after
    shipped = default_table()
    text = "The dog lost it’s bone. It was more then enough."
    assert [text[i.start : i.end] for i in confusion_issues(text, shipped)] == ["it’s", "then"]
    assert confusion_issues("It was more than enough, and the dog lost its bone.", shipped) == []


def test_a_word_the_books_rarely_write_is_not_judged_by_its_absence():
    # "they're" is unseen after "way" only because the books write it once for every
    # fifty "there"s; "their" is common enough that its absence before "is" says something.
    table = ConfusionTable.from_texts(["That was the way there, and there is a way."] * 12)
    rare = Lexicon({"there": 5000, "their": 4000, "they're": 50})
    text = "It is the way they’re raised."
    assert [text[i.start : i.end] for i in confusion_issues(text, table)] == ["they’re"]  # no counts: judged
    assert confusion_issues(text, table, rare) == []
    common = Lexicon({"there": 5000, "their": 4000, "they're": 4000})
    assert [text[i.start : i.end] for i in confusion_issues(text, table, common)] == ["they’re"]
    text = "Their is a way."
    assert [text[i.start : i.end] for i in confusion_issues(text, table, rare)] == ["Their"]


def test_todays_contractions_in_their_right_places_pass_the_shipped_table():
    lexicon = Lexicon.load(shipped_model_dir() / "lexicon.tsv.gz")
    text = "It’s the way they’re raised. Why, they’re for style. Look at both—they’re by the same hand."
    assert confusion_issues(text, default_table(), lexicon) == []
    assert [i.suggestions for i in confusion_issues("Their is a cat.", default_table(), lexicon)] == [("There",)]


def test_the_shipped_table_knows_new_for_knew():
    lexicon = Lexicon.load(shipped_model_dir() / "lexicon.tsv.gz")
    text = "They both new it was a lie. The new house was old."
    assert [(text[i.start : i.end], i.suggestions) for i in confusion_issues(text, default_table(), lexicon)] == [
        ("new", ("knew",))]
