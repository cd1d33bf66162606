"""Each generator on hand-made cases: the right fix is among its candidates, and first by prior
where a telltale sign says so."""

import pytest

from galleyproof.suggest import candidates, marks, words
from galleyproof.suggest.candidates import Site


def find(text, span):
    """The first place `span` stands alone (not inside a longer word)."""
    return next(i for i in range(len(text)) if text.startswith(span, i) and not (
        span[0].isalpha() and i > 0 and text[i - 1].isalpha()) and not (
        span[-1].isalpha() and text[i + len(span) : i + len(span) + 1].isalpha()))


def fixes(gen, text, span, lexicon):
    start = find(text, span)
    site = Site(text, start, start + len(span), lexicon)
    return [text[: c.start] + c.new + text[c.end :] for c in gen(site)]


def best(text, span, category, lexicon):
    start = find(text, span)
    c = candidates(text, start, start + len(span), category, lexicon)[0]
    return text[: c.start] + c.new + text[c.end :]


def test_site_widens_over_the_spaces_beside_the_span(lexicon):
    site = Site("a  an man", 3, 5, lexicon)
    assert (site.lo, site.hi) == (1, 6)
    assert [m.group() for m in site.words] == ["an"]


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        ("Her garb were rustic.", "were", "Her garb was rustic."),
        ("They were there then.", "there", "They were their then."),
        ("It was for he.", "he", "It was for him."),
        ("Were it so.", "Were", "Was it so."),
    ],
)
def test_swaps_from_the_confusable_and_grammar_tables_keep_case(text, span, fixed, lexicon):
    assert fixed in fixes(words.swaps, text, span, lexicon)


def test_forms_come_from_the_lexicon(lexicon):
    found = fixes(words.forms, "but these circumstance seemed", "circumstance", lexicon)
    assert found == ["but these circumstances seemed"]


def test_article_follows_the_sound_of_the_next_word(lexicon):
    assert best("Beaufort in a agony.", "in a agony", "grammar", lexicon) == "Beaufort in an agony."
    assert best("There was an dignity.", "an dignity", "grammar", lexicon) == "There was a dignity."


def test_a_repeated_word_is_dropped_with_one_space(lexicon):
    assert best("Her eyes of of wonder.", "of of", "grammar", lexicon) == "Her eyes of wonder."
    assert "her eyes wonder." in fixes(words.drops, "her eyes the wonder.", "the", lexicon)


def test_dropping_a_first_word_hands_on_its_capital(lexicon):
    assert "It was cold." in fixes(words.drops, "The it was cold.", "The", lexicon)


def test_a_missing_function_word_is_put_between(lexicon):
    assert "contained the histories of the first" in fixes(
        words.inserts, "contained the histories the first", "histories the", lexicon
    )


def test_a_word_missing_beside_a_one_word_flag_is_put_in_at_a_cost(lexicon):
    # The model may tag the word after the gap, not the gap: "must remembered" on "remembered".
    text = "It must remembered that he was there."
    start = find(text, "remembered")
    found = list(words.inserts(Site(text, start, start + len("remembered"), lexicon)))
    assert "It must be remembered that he was there." in [text[: c.start] + c.new + text[c.end :] for c in found]
    inside = list(words.inserts(Site(text, find(text, "must remembered"), start + len("remembered"), lexicon)))
    be = {c.start: c.prior for c in inside if c.new == "be "}
    assert max(c.prior for c in found if c.new == "be " and c.start == start) == pytest.approx(
        be[start] - words.OUTSIDE_INSERT_COST)


def test_split_words_are_joined_when_the_result_is_known(lexicon):
    assert fixes(words.joins, "the dark ness was", "dark ness", lexicon) == []
    assert fixes(words.joins, "the ni ght was dark", "ni ght", lexicon) == ["the night was dark"]


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        ("It was cold,, and dark.", ",,", "It was cold, and dark."),
        ("It was cold the wind was there.", "cold the", "It was cold. The wind was there."),
        ("the slightest sound, [] such as", "[]", "the slightest sound, such as"),
        ("thirsting for each others blood.", "others", "thirsting for each other's blood."),
        ("It was cold. the wind", ".", "It was cold, the wind"),
        ("“Come here, said she.", "here,", "“Come here,” said she."),
        ("“Come here” he said.", "here”", "“Come here,” he said."),
    ],
)
def test_punctuation(text, span, fixed, lexicon):
    assert fixed in fixes(marks.punctuation, text, span, lexicon)


def test_a_mark_before_a_quote_is_the_likeliest_fix_when_a_dialogue_tag_follows(lexicon):
    assert best("“Come here” he said.", "here”", "punctuation", lexicon) == "“Come here,” he said."


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        ("It was  cold.", "  ", "It was cold."),
        ("It was cold ,and dark.", " ,", "It was cold,and dark."),
        ("It was cold,and dark.", ",", "It was cold, and dark."),
    ],
)
def test_whitespace(text, span, fixed, lexicon):
    assert best(text, span, "whitespace", lexicon) == fixed


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        ("A merchant of geneva was here.", "geneva", "A merchant of Geneva was here."),
        ("in turmoil; i felt that", "i", "in turmoil; I felt that"),
        ("I believed mySelf there.", "mySelf", "I believed myself there."),
        ("they gave up ENTIRELY their", "ENTIRELY", "they gave up entirely their"),
        ("It was cold. the wind", "the", "It was cold. The wind"),
        ("It was The wind.", "The", "It was the wind."),
        ("I paid M. zorvath a visit.", "zorvath", "I paid M. Zorvath a visit."),
    ],
)
def test_capitals(text, span, fixed, lexicon):
    assert best(text, span, "capitalization", lexicon) == fixed


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        ("It was cold yesterday> The wind", ">", "It was cold yesterday. The wind"),
        ("It was cold< and dark.", "<", "It was cold, and dark."),
        ("“The 'wind was cold,” he said.", "'wind", "“The wind was cold,” he said."),
        ("“The wind' was cold,” he said.", "wind'", "“The wind was cold,” he said."),
    ],
)
def test_marks_struck_with_shift_held_and_stray_straight_quotes(text, span, fixed, lexicon):
    assert best(text, span, "punctuation", lexicon) == fixed


def test_a_straight_quote_in_straight_text_may_be_dropped_but_is_no_sign(lexicon):
    text = "The 'wind was cold,' he said."
    assert "The wind was cold,' he said." in fixes(marks.punctuation, text, "'wind", lexicon)
    start = find(text, "'wind")
    dropped = [c for c in marks.punctuation(Site(text, start, start + 5, lexicon)) if c.kind == "quote" and not c.new]
    assert dropped and not any(c.sign for c in dropped)


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        ("He came from the north of geneva. i felt that", "geneva. i", "He came from the north of Geneva. I felt that"),
        ("It was cold. the Wind was there.", "the Wind", "It was cold. The wind was there."),
    ],
)
def test_every_word_of_a_span_gets_its_case_at_once(text, span, fixed, lexicon):
    assert fixed in fixes(marks.capitals, text, span, lexicon)


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        ("It was cold in the house,", ",", "It was cold in the house."),
        ("It was cold in the house;\n\nThe wind rose.", ";", "It was cold in the house.\n\nThe wind rose."),
        ("“It was cold in the house,”", ",", "“It was cold in the house.”"),
    ],
)
def test_a_paragraph_ends_on_a_full_stop_not_a_comma(text, span, fixed, lexicon):
    assert best(text, span, "punctuation", lexicon) == fixed


def test_a_comma_inside_a_paragraph_is_no_sign_of_a_full_stop(lexicon):
    text = "It was cold in the house, and dark."
    start = find(text, ",")
    found = candidates(text, start, start + 1, "punctuation", lexicon)
    assert not any(c.sign for c in found if c.new == ".")
    assert best(text, ",", "punctuation", lexicon) != "It was cold in the house. and dark."


def test_an_before_a_word_no_article_comes_before_is_and(lexicon):
    # The training books never put an article before "gave" or "her": "an" there is "and".
    assert best("He came in an gave it to her.", "an", "grammar", lexicon) == "He came in and gave it to her."
    text = "He took an her hand."
    start = find(text, "an")
    priors = {c.new: c.prior for c in words.articles(Site(text, start, start + 2, lexicon))}
    assert priors["and"] > priors["a"]
    # Before a word articles do come before, the sound of the word decides, as it did.
    assert fixes(words.articles, "It was an great house.", "an", lexicon) == ["It was a great house."]
    # A hyphenated word is judged whole: "an in-depth" is no "an in".
    assert fixes(words.articles, "He had an in-depth talk.", "an", lexicon) == ["He had a in-depth talk."]


def test_of_two_short_words_side_by_side_the_one_the_slot_wants_is_kept(lexicon):
    # "to" fits between "Bathsheba" and "Weatherbury" far better than "with" does (the
    # training books' neighbour counts), so "with" is the extra word.
    text = "The news had preceded Bathsheba with to Weatherbury."
    start = find(text, "with to")
    drops = {text[c.start : c.end].strip(): c.prior
             for c in words.drops(Site(text, start, start + len("with to"), lexicon))}
    assert drops["with"] > drops["to"]
    assert best(text, "with to", "grammar", lexicon) == "The news had preceded Bathsheba to Weatherbury."
    # And the other way round when the first word is the one that fits.
    text = "The cup was filled with to water."
    start = find(text, "with to")
    drops = {text[c.start : c.end].strip(): c.prior
             for c in words.drops(Site(text, start, start + len("with to"), lexicon))}
    assert drops["to"] > drops["with"]


def test_a_pair_neither_of_which_fits_its_slot_gains_nothing(lexicon):
    # Between "breadth" and "sufficient", neither "would" nor "been" fits well: a word is
    # likelier missing ("would have been"), so neither drop is favoured over the prior.
    text = "His breadth would been sufficient."
    start = find(text, "would been")
    site = Site(text, start, start + len("would been"), lexicon)
    a, b = site.words
    assert words._kept_fits_better(site, a, b) in (0.0, None) or words._kept_fits_better(site, a, b) < 0


@pytest.mark.parametrize(("text", "span", "fixed"), [
    ("It was the house about witch which they knew.", "witch", "It was the house about which they knew."),
    ("But when pane pain is over, it is cold.", "pane pain", "But when pain is over, it is cold."),
])
def test_a_wrong_word_left_beside_its_right_one_is_dropped(text, span, fixed, lexicon):
    assert best(text, span, "grammar", lexicon) == fixed


@pytest.mark.parametrize(("word", "other", "alike"), [
    ("tine", "tone", True), ("labor", "labour", True), ("fin", "finger", True), ("profess", "professors", True),
    ("here", "her", True), ("thin", "finger", False), ("tone", "tone", False), ("an", "and", False),
])
def test_look_alikes_are_one_edit_apart_or_the_start_of_one_another(word, other, alike):
    assert words._look_alike(word, other) is alike


def test_a_known_word_beside_its_look_alike_is_likelier_the_extra_one(lexicon):
    def drop_prior(text, word):
        start = find(text, word)
        site = Site(text, start, start + len(word), lexicon)
        return next(c.prior for c in words.drops(site) if text[c.start : c.end].strip() == word)

    assert drop_prior("She held up one fin finger to her lips.", "fin") > drop_prior(
        "She held up one thin finger to her lips.", "thin")


def test_no_word_is_changed_into_the_word_beside_it(lexicon):
    # "witch" -> "which" beside "which" would leave "which which".
    text = "It was the house about witch which they knew."
    assert "It was the house about which which they knew." not in fixes(words.swaps, text, "witch", lexicon)
    assert "It was the house about which they knew." in fixes(words.swaps, "It was the house about witch they knew.",
                                                              "witch", lexicon)


@pytest.mark.parametrize(("text", "span", "fixed"), [
    ("It was cold. THe wind rose.", "THe", "It was cold. The wind rose."),
    ("It was cold and the wind wAs icy.", "wAs", "It was cold and the wind was icy."),
])
def test_a_slip_of_the_shift_key_is_a_sign(text, span, fixed, lexicon):
    start = find(text, span)
    found = [c for c in marks.capitals(Site(text, start, start + len(span), lexicon))
             if text[: c.start] + c.new + text[c.end :] == fixed]
    assert any(c.sign for c in found)
    assert best(text, span, "capitalization", lexicon) == fixed


def test_a_mixed_case_word_the_lexicon_lacks_is_no_slip(lexicon):
    text = "She bought an iPhone there."
    start = find(text, "iPhone")
    assert not any(c.sign for c in marks.capitals(Site(text, start, start + 6, lexicon)))


def test_a_shift_slip_is_mended_with_the_other_capitals_of_the_span(lexicon):
    assert "It was cold; I wAs there." .replace("wAs", "was") in fixes(
        marks.capitals, "It was cold; i wAs there.", "i wAs", lexicon)


def test_a_mark_swapped_for_one_of_its_kind_comes_before_one_that_ends_a_sentence(lexicon):
    # "too; we" is likelier "too, we" than "too. We": a swap that leaves the sentences as they were.
    text = "It was cold too; we walked slowly into the house."
    start = find(text, ";")
    found = {text[: c.start] + c.new + text[c.end :]: c.prior
             for c in candidates(text, start, start + 1, "punctuation", lexicon)}
    comma = found["It was cold too, we walked slowly into the house."]
    assert comma > found["It was cold too. We walked slowly into the house."]
    assert comma > found["It was cold too? We walked slowly into the house."]


def test_a_word_of_todays_english_is_not_respelt_with_a_misspelling_beside_it(lexicon):
    together = fixes(words.respelled_together, "The men set to wirk witbh a will.", "wirk witbh", lexicon)
    assert together and all(" with a will" in t for t in together)  # both unknown words respelt at once
    assert lexicon.count("typo") == 0  # the books never write it; the modern word list does
    assert fixes(words.respelled_together, "The footnote has a freinds typo.", "freinds typo", lexicon) == []
