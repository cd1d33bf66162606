from collections import Counter

from galleyproof.english.lexicon import Lexicon
from galleyproof.rules.stray_capitals import stray_capital_issues


def lexicon():
    """Common words in small letters, and "oak" and "court" as the books write them."""
    counts = Counter({w: 200 for w in "the dog ran walked home we court oak stone place sound".split()})
    return Lexicon(counts=counts, capitalised=Counter({"the": 3}))


def flagged(text):
    return [text[i.start:i.end] for i in stray_capital_issues(text, lexicon())]


def test_a_common_word_capitalised_mid_sentence_is_flagged_with_its_small_form():
    text = "In the morning the Dog ran and we Walked home."
    issues = stray_capital_issues(text, lexicon())
    assert [text[i.start:i.end] for i in issues] == ["Dog", "Walked"]
    assert issues[0].suggestions == ("dog",) and issues[0].category == "capitalization"


def test_what_else_puts_a_capital_there_is_left_alone():
    assert flagged("So we Walked home at noon with the dog. Dog ran home.") == ["Walked"]  # a sentence start
    assert flagged("He said, “Dog ran home,” and left.") == []  # quoted speech opens
    assert flagged("They went to Stone Court and home.") == []  # a name of two words
    assert flagged("THE DOG: A Stone Place In The Sound") == []  # a title line
    assert flagged("He met Oak at noon, and later Oak ran home.") == []  # the writer's own capital
    assert flagged("We had one thing: Home was far.") == []  # after a colon
    assert flagged("the dog ran\n\nWalked home we did.") == []  # a paragraph's first word


def test_a_line_start_inside_a_wrapped_paragraph_is_still_read():
    prose = ("The seals came up out of the sea in their thousands every spring, and the\n"
             "Dog on the island drove them inland to the killing grounds, as they had\n"
             "done for a hundred years, and nobody on the beach could say why it was so,\n"
             "and nobody on the island cared to ask, for the skins paid for all of it.\n")
    assert flagged(prose) == ["Dog"]


def test_titles_with_small_words_inside_reverent_pronouns_and_contents_are_left_alone():
    assert flagged("She sang the Last Rose of\nSummer to the dog at home.") == []  # across a line break
    assert flagged("So we Walked home, and I thanked Him and the dog.") == ["Walked"]
    contents = "CHAPTER I. The Dog Walked.--A Stone Place.--We Walked\nHome.\n\nSo we Ran home at noon with the dog and the rest."
    assert flagged(contents) == ["Ran"]  # the contents paragraph is titles; the prose is not
