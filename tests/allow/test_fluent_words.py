from galleyproof.allow.fluent_words import confusables_of, drop_fluent_words
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document


def test_a_word_that_reads_right_beside_its_neighbours_is_no_confusion_but_a_wrong_one_stays():
    text = "I was bored at home. The trees bent there branches. It was for sale in town."
    doc = Document(text)

    def flag(word, rule="model.word_choice", category="word_choice"):
        start = text.index(word)
        return Flag(start, start + len(word), category, 0.9, rule=rule)

    kept = drop_fluent_words(doc, [flag("bored"), flag("there"), flag("sale"), flag("sale", "confusions")])
    assert [(text[f.start : f.end], f.rule) for f in kept] == [("there", "model.word_choice"), ("sale", "confusions")]


def test_contractions_and_words_without_confusables_are_left_to_the_model():
    assert confusables_of("it's") == [] and confusables_of("its") == []
    assert confusables_of("zebra") == []
    assert "board" in confusables_of("bored")
