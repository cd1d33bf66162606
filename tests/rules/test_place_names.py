from galleyproof.rules.place_names import place_name_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in place_name_issues(text)]


def test_a_places_last_word_in_small_letters_after_its_capitalised_name():
    assert flags("Offshore areas (Bohai sea, Yellow sea and East China sea) and the Pacific ocean.") == [
        ("sea", "Sea"), ("sea", "Sea"), ("sea", "Sea"), ("ocean", "Ocean")]


def test_common_nouns_after_no_name_or_at_a_sentence_start_are_left_alone():
    assert flags("At sea the deep sea was calm. This lake is cold. River banks flood, and the sea rose.") == []
    assert flags("They sailed the Yellow Sea.") == []
