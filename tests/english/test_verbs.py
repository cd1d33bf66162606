from galleyproof.english.verbs import AGREEMENT, PAST_PARTICIPLE, PRONOUN_CASE, form_kinds, form_swaps


def test_form_kinds_name_what_a_choice_of_form_is_a_choice_of():
    kinds = form_kinds()
    assert kinds["was"] == {AGREEMENT}
    assert kinds["says"] == {AGREEMENT}  # any verb's -s form, not only the listed pairs
    assert kinds["begun"] == {PAST_PARTICIPLE}
    assert kinds["come"] == {AGREEMENT, PAST_PARTICIPLE}  # base form and participle both
    assert kinds["me"] == kinds["him"] == {PRONOUN_CASE}
    assert "walked" not in kinds  # a regular past is its participle: no choice of form there
    assert "the" not in kinds


def test_every_word_with_a_kind_has_a_swap_of_its_form():
    swaps = form_swaps()
    assert all(word in swaps for word in form_kinds())
