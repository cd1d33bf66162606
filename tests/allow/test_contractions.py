from galleyproof.allow.contractions import drop_contractions_as_written
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document


def flags_kept(text, spans, category="word_choice", rule="model.word_choice"):
    """The spans (each the text of a flag, found in order) the filter keeps."""
    flags, at = [], 0
    for span in spans:
        start = text.index(span, at)
        flags.append(Flag(start, start + len(span), category, 0.9, rule=rule))
        at = start + len(span)
    kept = drop_contractions_as_written(Document(text), flags)
    return [text[f.start : f.end] for f in kept]


def test_a_contraction_leading_into_a_verb_or_a_function_word_is_as_written():
    text = "If we’re going, you're already late. They're not here."
    assert flags_kept(text, ["we’re", "'re", "They're"]) == []


def test_before_a_noun_or_after_a_subject_the_doubt_stays():
    text = "They worked hard and they're results show it. Then they we're going home."
    assert flags_kept(text, ["they're", "we're"]) == ["they're", "we're"]


def test_only_the_models_word_choice_doubts_on_the_three_contractions_go():
    text = "We're going. It's going. We're going."
    assert flags_kept(text, ["We're"], rule="your_youre") == ["We're"]
    assert flags_kept(text, ["We're"], category="grammar", rule="model.grammar") == ["We're"]
    assert flags_kept(text, ["It's"]) == ["It's"]


def test_a_sentence_opened_by_were_would_want_a_subject_next():
    text = "We're fine. “We're happy,” she said. We're my friends. We're they fine?"
    assert flags_kept(text, ["We're", "We're", "We're", "We're"]) == ["We're", "We're"]
    # mid-sentence, with no word it leads into, the doubt stays
    assert flags_kept("And so we're fine.", ["we're"]) == ["we're"]
