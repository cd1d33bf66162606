from galleyproof.rules.your_youre import your_issues


def flags(text):
    return [(text[i.start : i.end], i.suggestions[0]) for i in your_issues(text)]


def test_your_before_what_only_you_are_takes_is_flagged_with_the_case_kept():
    assert flags('"Your going to love this place." If your interested in it, your not alone.') == [
        ("Your", "You're"), ("your", "you're"), ("your", "you're")]
    assert flags("Thanks for the gift! Your welcome.") == [("Your", "You're")]
    assert flags("Honestly, your the best.") == [("your", "you're")]


def test_the_possessive_before_nouns_gerunds_and_after_prepositions_is_left_alone():
    assert flags("Your going away upset her; your welcome was warm.") == []
    assert flags("Your not caring hurt, and your always coming home late; your so-called friend.") == []
    assert flags("She spoke of your not coming, of your a-hunting days, and your very best.") == []


def test_an_adjective_ending_the_clause_after_your_is_youre():
    assert flags("Hurry, your late! I think your kidding.") == [("your", "you're"), ("your", "you're")]
    assert flags("Your late husband was kind. It is your right. Pay your fine.") == []


def test_welcome_to_a_verb_is_you_are_but_welcome_to_a_noun_is_the_possessive():
    text = "Your welcome to stay. Your welcome to the team was warm, and your welcome to London too."
    found = [text[i.start : i.end] for i in your_issues(text)]
    assert found == ["Your"]


def test_your_and_an_ing_word_before_its_object_after_if_is_youre():
    assert flags("If your thinking about trying it, start small.") == [("your", "you're")]
    assert flags("It helps when your reading this slowly.") == [("your", "you're")]
    assert flags("If your thinking is clear, go. I liked your reading it.") == []
