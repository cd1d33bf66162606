from galleyproof.english.wordlist import is_english_word


def test_both_lists_know_real_words_in_any_case_and_neither_common_misspellings():
    assert is_english_word("voting") and is_english_word("Canteen")  # symspellpy's list
    assert is_english_word("cheeps") and is_english_word("phew") and is_english_word("behooves")  # the added one
    assert not is_english_word("Cheeps")  # a capitalised word only the added list knows is left to the name test
    for slip in ("recieve", "untill", "icey", "teh", "wich", "belive"):
        assert not is_english_word(slip)
