from galleyproof.rules.possessives import possessive_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in possessive_issues(text)]


def test_a_plural_after_a_is_the_possessive_of_someone_or_a_time():
    assert flags("I missed a friends birthday party.") == [("friends", "friend's")]
    assert flags("She left at a moments notice; a managers job is hard.") == [
        ("moments", "moment's"), ("managers", "manager's")]
    assert flags("I missed a friend’s party and a friends birthday.") == [("friends", "friend’s")]


def test_this_years_before_a_noun_is_the_years():
    assert flags("The theme of this years lantern festival. Next years garden.") == [
        ("years", "year's"), ("years", "year's")]
    assert flags("Last years model was better.") == [("years", "year's")]


def test_plurals_that_are_plurals_or_modifiers_are_left_alone():
    assert flags("A weapons cache, a systems analyst, a rules file and a sports car.") == []
    assert flags("Friends and a friends? No: a friends and family plan, with a friends, um, discount.") == []
    assert flags("In his last years he wrote; this years of war; one gets older.") == []


def test_an_acronyms_plural_takes_no_apostrophe_but_its_possessive_does():
    assert flags("It takes RV's or trailers, and 428 units (PSU's) that cover it.") == [("RV's", "RVs"), ("PSU's", "PSUs")]
    assert flags("The CEO's decision and NASA's budget stand.") == []
