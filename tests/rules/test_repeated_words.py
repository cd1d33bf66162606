from galleyproof.english.lexicon import Lexicon
from galleyproof.rules.repeated_words import repeated_words
from galleyproof.text.document import Document


def test_reduplications_and_a_name_written_twice_are_left_but_a_sentence_opening_twice_is_not():
    text = "He went on, blah blah, to the spa town of Baden Baden. The The man left. bye bye now."
    found = [text[i.start : i.end] for i in repeated_words(Document(text), Lexicon())]
    assert found == ["The The"]
