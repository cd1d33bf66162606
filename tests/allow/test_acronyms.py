from galleyproof.allow.acronyms import drop_acronyms
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document


def test_model_capital_flags_on_acronyms_go_and_on_capitalised_function_words_stay():
    text = "Most US officials chose STEM careers and THE CO2 plan."
    doc = Document(text)

    def flag(word, rule="model.capitalization"):
        start = text.index(word)
        return Flag(start, start + len(word), "capitalization", 0.99, rule=rule)

    kept = drop_acronyms(doc, [flag("US"), flag("STEM"), flag("CO2"), flag("THE"), flag("Most", "sentence_starts")])
    assert [text[f.start : f.end] for f in kept] == ["THE", "Most"]


def test_a_word_in_capitals_alone_among_small_words_is_stress_but_a_run_of_capitals_is_a_slip():
    text = "She did NOT say it, and BOTH of them knew. THE CAT SAT there. I NEVER did."
    doc = Document(text)

    def flag(word):
        start = text.index(word)
        return Flag(start, start + len(word), "capitalization", 0.99, rule="model.capitalization")

    kept = drop_acronyms(doc, [flag(w) for w in ("NOT", "BOTH", "THE", "NEVER")])
    assert [text[f.start : f.end] for f in kept] == ["THE"]  # "CAT" runs on from it


def test_the_models_other_doubts_on_an_acronym_alone_go_too():
    text = "The HR lady said so, and the US are far."
    doc = Document(text)
    grammar = Flag(text.index("HR"), text.index("HR") + 2, "grammar", 0.3, rule="model.grammar")
    wider = Flag(text.index("US"), text.index(" are") + 4, "grammar", 0.3, rule="model.grammar")
    punctuation = Flag(text.index("HR"), text.index("HR") + 2, "punctuation", 0.3, rule="model.punctuation")
    assert drop_acronyms(doc, [grammar, wider, punctuation]) == [wider, punctuation]
