from galleyproof.english.lexicon import Lexicon
from galleyproof.rules.lowered_names import DOCUMENT_USES, MIN_COUNT, lowered_name_issues

LEXICON = Lexicon(
    {"ireland": 200, "will": 5000, "monday": 40, "zanzibar": MIN_COUNT - 1, "the": 90000},
    {"ireland": 200, "will": 600, "monday": 40, "zanzibar": MIN_COUNT - 1, "the": 9000},
)


def spans(text):
    return [(text[i.start : i.end], i.category, i.suggestions) for i in lowered_name_issues(text, LEXICON)]


def test_a_word_the_books_always_capitalise_written_small_is_flagged_with_its_capital():
    text = "He sailed for ireland on Monday; it will rain, and monday too."
    assert spans(text) == [("ireland", "capitalization", ("Ireland",)), ("monday", "capitalization", ("Monday",))]


def test_rare_or_often_small_words_and_the_documents_own_habit_are_left_alone():
    assert spans("They went to zanzibar, the will of the people.") == []  # too rare; mostly small
    habit = " ".join(["ireland"] * DOCUMENT_USES)
    assert spans(habit) == []
    assert spans("Ireland and IRELAND.") == []
