from galleyproof.english.verbs import form_swaps
from galleyproof.rules.forms import MIN_COUNT, FormTable, default_table, form_issues

BOOKS = (["They were going home."] * MIN_COUNT + ["We have seen it."] * MIN_COUNT
         + ["As if he were ill, he was going home."] * 3)


def flags(text, table):
    return [(text[i.start : i.end], i.suggestions, i.category) for i in form_issues(text, table)]


def test_flags_a_form_the_books_never_write_between_neighbours_they_write_another_form_between():
    table = FormTable.from_texts(BOOKS)
    assert flags("They was going home.", table) == [("was", ("were",), "grammar")]
    assert flags("We have saw it.", table) == [("saw", ("seen",), "grammar")]
    assert flags("they were going; we have seen", table) == []


def test_further_context_excuses_participles_and_subjunctives():
    table = FormTable.from_texts(BOOKS + ["I saw it."] * MIN_COUNT)
    assert flags("I seen it.", table) == [("seen", ("saw",), "grammar")]
    assert flags("Had I seen it.", table) == []  # "had" a word further back
    table = FormTable.from_texts(BOOKS)
    # "though" excuses a subjunctive "were", not "was"
    assert flags("As though they was going.", table) == [("was", ("were",), "grammar")]
    table = FormTable.from_texts(["he was going"] * MIN_COUNT)
    assert flags("as if he were going", table) == []


def test_names_and_unjudged_words_pass():
    table = FormTable.from_texts(BOOKS)
    assert flags("Will was going home.", table) == []  # a capitalised neighbour may be a name
    assert flags("They walked home.", table) == []


def test_swaps_keep_tense_and_the_shipped_table_knows_agreement(tmp_path):
    swaps = form_swaps()
    assert "were" in swaps["was"] and "seen" in swaps["saw"] and "him" in swaps["he"]
    assert "walked" not in swaps.get("walks", ()) and "going" not in swaps
    table = FormTable.from_texts(BOOKS)
    table.save(tmp_path / "f.tsv.gz")
    assert FormTable.load(tmp_path / "f.tsv.gz").counts == table.counts
    assert form_issues("and then they was going to the town") != []
    assert default_table().better("they", "was", "going", swaps["was"]) == "were"
