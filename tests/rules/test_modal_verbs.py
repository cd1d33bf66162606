from galleyproof.rules.modal_verbs import MIN_BASE, ModalVerbTable, base_forms, default_table, modal_verb_issues

BOOKS = ["It might come soon.", "I did not escape it.", "He could hardly see.", "You couldn’t stand it."] * MIN_BASE


def flags(text, table):
    return [(text[i.start : i.end], i.suggestions) for i in modal_verb_issues(text, table)]


def test_a_form_the_books_do_not_put_after_a_modal_is_flagged_with_its_base():
    table = ModalVerbTable.from_texts(BOOKS)
    assert flags("It might comes soon.", table) == [("comes", ("come",))]
    assert flags("I did not escaped it.", table) == [("escaped", ("escape",))]
    assert flags("He could hardly saw.", table) == [("saw", ("see",))]  # one adverb between
    assert flags("You couldn’t stood it.", table) == [("stood", ("stand",))]
    assert modal_verb_issues("It might comes soon.", table)[0].message == "After “might” the books write “come”"


def test_right_uses_nouns_names_and_unnegated_do_pass():
    table = ModalVerbTable.from_texts(BOOKS + ["What he did made her angry."] * MIN_BASE)
    assert flags("It might come soon. I did not escape.", table) == []
    assert flags("What he did saw her.", table) == []  # "do" opens the slot only when negated
    assert flags("The will escaped him. Mr. Brooke's will saw it.", table) == []  # a noun
    assert flags("Will saw it.", table) == []  # a name
    assert flags("It might\n\ncomes.", table) == []  # a paragraph apart


def test_rare_bases_are_not_judged_and_the_table_round_trips(tmp_path):
    table = ModalVerbTable.from_texts(["It might come soon."] * (MIN_BASE - 1))
    assert table.counts["come"] == MIN_BASE - 1 and flags("It might comes.", table) == []
    table.save(tmp_path / "m.tsv.gz")
    assert ModalVerbTable.load(tmp_path / "m.tsv.gz").counts == table.counts
    assert base_forms("stopped")[0] == "stop" and base_forms("hiss") == [] and "see" in base_forms("saw")
    assert [i.suggestions for i in modal_verb_issues("and I did not escaped it")] == [("escape",)]
    assert default_table().counts["be"] > default_table().counts["been"] * 100
