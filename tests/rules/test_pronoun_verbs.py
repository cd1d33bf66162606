import pytest

from galleyproof.english.lexicon import Lexicon
from galleyproof.rules.pronoun_verbs import pronoun_verb_issues


@pytest.fixture(scope="module")
def lexicon():
    counts = {w: 500 for w in "go goes want wants make makes get gets sleep sleeps throw throws find finds "
              "found founds fall falls ask asks".split()}
    return Lexicon(counts, {})


def flags(text, lexicon):
    return [(text[i.start : i.end], i.suggestions[0]) for i in pronoun_verb_issues(text, lexicon)]


def test_a_plain_verb_after_he_she_or_it_takes_its_s(lexicon):
    assert flags("After the primary education he go to school.", lexicon) == [("go", "goes")]
    assert flags("She want to leave now.", lexicon) == [("want", "wants")]
    assert flags("It make sense. Well, it get worse.", lexicon) == [("make", "makes"), ("get", "gets")]


def test_questions_negations_subjunctives_and_objects_pass(lexicon):
    assert flags("Did he go? Will she want it? Didn't he ask them? To see it fall.", lexicon) == []
    assert flags("Lest he fall, I insist that he go; if she want it, till he go.", lexicon) == []
    assert flags("Let it go. They made it make sense. He goes home.", lexicon) == []


def test_pasts_modals_and_dialect_pass(lexicon):
    assert flags("He found the key. He need not come.", lexicon) == []
    assert flags("all-of-a-sudden he throw t’ rope an’ cuss", lexicon) == []


def test_a_manuscript_that_writes_the_pattern_again_and_again_is_a_voice(lexicon):
    assert flags("He go home. She want tea. It make noise.", lexicon) == []
    assert flags("He go home. She want tea.", lexicon) == [("go", "goes"), ("want", "wants")]


def test_an_s_form_the_books_rarely_write_is_no_evidence():
    assert flags("He zork home.", Lexicon({"zork": 500, "zorks": 2}, {})) == []


def test_the_past_is_offered_too_and_first_in_a_text_told_in_the_past(lexicon):
    text = "When the man saw me, he want to stop."
    assert pronoun_verb_issues(text, lexicon)[0].suggestions == ("wants", "wanted")
    assert pronoun_verb_issues(text, lexicon, past=True)[0].suggestions == ("wanted", "wants")
    assert pronoun_verb_issues("Then he go home.", lexicon, past=True)[0].suggestions == ("went", "goes")
