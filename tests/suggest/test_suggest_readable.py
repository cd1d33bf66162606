from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.suggest.readable import in_style, is_known_word, readable


def issue_on(text, span, category, suggestions):
    start = text.index(span)
    return Issue(start, start + len(span), category, "m", tuple(suggestions), 0.9,
                 tuple(0.9 - 0.1 * k for k in range(len(suggestions))))


def test_variants_that_only_add_a_mark_to_the_word_are_dropped(lexicon):
    text = "The wind holds. Their is much to be done."
    issue = readable(text, issue_on(text, "Their", "word_choice", ["There", "Their,", "Their;", '"Their', "They're"]),
                     lexicon)
    assert issue.suggestions == ("There", "They're")
    assert len(issue.suggestion_scores) == 2


def test_a_mark_variant_of_a_better_option_is_dropped_but_not_a_different_mark(lexicon):
    text = "filled me with a strange delight , and I long"
    issue = readable(text, issue_on(text, " ,", "whitespace", [",", ", ,", "; ,", ' ,"', " ;"]), lexicon)
    assert issue.suggestions == (",", " ;")


def test_mark_fixes_keep_their_alternatives(lexicon):
    text = "cold. night was dark"
    issue = readable(text, issue_on(text, ".", "punctuation", [",", ";", ""]), lexicon)
    assert issue.suggestions == (",", ";", "")


def test_invented_words_are_never_offered(lexicon):
    text = "He thinked of it."
    issue = readable(text, issue_on(text, "thinked", "grammar", ["thought", "Thoughted", "crie's", "thinking"]),
                     lexicon)
    assert issue.suggestions == ("thought", "thinking")


def test_a_word_of_the_span_itself_may_stay_in_a_suggestion(lexicon):
    text = "Mowgli mowgli ran."
    issue = readable(text, issue_on(text, "mowgli", "capitalization", ["Mowgli"]), lexicon)
    assert issue.suggestions == ("Mowgli",)


def test_known_words_come_from_the_word_lists_and_possessives_of_them(lexicon):
    assert is_known_word("voting", lexicon)
    assert is_known_word("captain’s", lexicon)
    assert is_known_word("emojis", lexicon)  # today's English
    assert not is_known_word("freind's", lexicon)
    assert not is_known_word("thoughted", lexicon)


def test_suggestions_take_the_curly_quotes_of_the_text(lexicon):
    text = "“Come,” she said. “Its late.”"
    issue = readable(text, issue_on(text, "Its", "word_choice", ["It's", "It is"]), lexicon)
    assert issue.suggestions == ("It’s", "It is")
    assert in_style('"Go', True) == "“Go"
    assert in_style('go."', True) == "go.”"
    assert in_style("it's", False) == "it's"


def test_straight_quoted_text_keeps_straight_suggestions(lexicon):
    text = '"Come," she said. "Its late."'
    issue = readable(text, issue_on(text, "Its", "word_choice", ["It's"]), lexicon)
    assert issue.suggestions == ("It's",)


def test_words_are_judged_whole_where_a_fix_takes_part_of_one(lexicon):
    text = "Eith er way, the night was cold."
    start = text.index("h er")
    issue = Issue(start, start + 4, "whitespace", "m", ("her", "hzq er"), 0.9, (0.9, 0.1))
    assert readable(text, issue, lexicon).suggestions == ("her",)


def test_a_flag_on_a_mark_keeps_its_mark_fixes(lexicon):
    text = "It was flattering. but she went."
    issue = readable(text, issue_on(text, "flattering. but", "grammar",
                                    ["flattering. But", "flattering, but", "flattering but"]), lexicon)
    assert issue.suggestions == ("flattering. But", "flattering, but", "flattering but")
    text = "the night, assurance, was cold"
    issue = readable(text, issue_on(text, ",", "punctuation", ["", ".", "?"]), lexicon)
    assert issue.suggestions == ("", ".", "?")


def test_an_unknown_word_recased_is_no_fix_of_a_flag_on_words(lexicon):
    text = "It rose to my imagniation there."
    issue = readable(text, issue_on(text, "imagniation", "spelling", ["imagination", "Imagniation"]), lexicon)
    assert issue.suggestions == ("imagination",)


def test_a_name_written_small_may_be_recased_where_the_text_writes_it_so(lexicon):
    text = "Clerval came in. Then clerval sat."
    issue = readable(text, issue_on(text, "clerval", "spelling", ["Clerval", "Cleral"]), lexicon)
    assert issue.suggestions == ("Clerval",)
    text = "Then zorvath sat."
    assert readable(text, issue_on(text, "zorvath", "spelling", ["Zorvath"]), lexicon).suggestions == ()
    assert readable(text, issue_on(text, "zorvath", "capitalization", ["Zorvath"]), lexicon).suggestions == (
        "Zorvath",)


def test_a_word_after_a_title_may_be_recased_as_a_name(lexicon):
    text = "I paid M. zorvath a visit, and Dr zorvath too."
    assert readable(text, issue_on(text, "zorvath", "spelling", ["Zorvath"]), lexicon).suggestions == ("Zorvath",)
    text = "I paid the zorvath a visit."
    assert readable(text, issue_on(text, "zorvath", "spelling", ["Zorvath"]), lexicon).suggestions == ()


def test_marks_beside_the_word_are_padding_when_the_best_fix_is_inside_it(lexicon):
    text = "Well, lets go home."
    issue = readable(text, issue_on(text, "lets", "punctuation", ["let's", "lets,", "lets'", "lets;", "Lets"]),
                     lexicon)
    assert issue.suggestions == ("let's", "Lets")
    # Where a mark beside the word is the best fix, the other marks are real choices.
    text = "Well lets go home."
    issue = readable(text, issue_on(text, "Well", "punctuation", ["Well,", "Well;", "Well."]), lexicon)
    assert issue.suggestions == ("Well,", "Well;", "Well.")


def test_options_that_differ_only_in_the_mark_ending_a_sentence_go_after_the_others(lexicon):
    text = "the wind was cold; we walked into the house"
    issue = readable(text, issue_on(text, "; we", "punctuation", [". We", "? We", "! We", ", we", " we"]), lexicon)
    assert issue.suggestions == (". We", ", we", " we", "? We", "! We")
    assert issue.suggestion_scores == (0.9, 0.6, 0.5, 0.8, 0.7)


def test_runner_ups_scored_far_below_the_first_option_are_dropped(lexicon):
    text = "waiting for the the morning tide"
    start = text.index("the the")
    issue = Issue(start, start + 7, "grammar", "m", ("the", "them the", "then the", "the all the"), 0.99,
                  (0.48, 0.004, 0.30, 0.001))
    kept = readable(text, issue, lexicon)
    assert kept.suggestions == ("the", "then the")
    assert kept.suggestion_scores == (0.48, 0.30)
    unscored = readable(text, Issue(start, start + 7, "grammar", "m", ("the", "them the"), 0.99), lexicon)
    assert unscored.suggestions == ("the", "them the")  # no scores to judge by: all kept


def test_a_word_only_recased_against_its_place_is_no_fix_of_a_flag_on_words(lexicon):
    text = "It is the way they’re raised. their house stood."
    known = Lexicon(lexicon.counts | {"they're": 300, "they've": 100}, lexicon.capitalised)
    issue = readable(text, issue_on(text, "they’re", "word_choice", ["there", "They’re", "they’ve"]), known)
    assert issue.suggestions == ("there", "they’ve")
    issue = readable(text, issue_on(text, "their", "word_choice", ["There", "their", "Their"]), lexicon)
    assert issue.suggestions == ("There", "Their")  # a sentence's first word takes its capital
    # a capital flag's own recasing stays, and "I" is always written so
    text = "and so i went."
    assert readable(text, issue_on(text, "i", "spelling", ["I", "in"]), lexicon).suggestions == ("I", "in")


def test_a_full_stop_before_a_flagged_capital_is_a_fix_not_padding(lexicon):
    # "cold They": the capital may be right and the stop lost; for a flag on the capital the
    # stop is a real second choice, though it only puts a mark in.
    text = "It was cold They walked slowly into the house."
    issue = readable(text, issue_on(text, "cold They", "capitalization", ["cold they", "cold. They", "cold, They"]),
                     lexicon)
    assert issue.suggestions == ("cold they", "cold. They")
    # For a flag on a misspelt word, a stop put in leaves the word as it was: no fix.
    text = "It was colld They walked slowly into the house."
    issue = readable(text, issue_on(text, "colld They", "spelling", ["colld. They", "cold They"]), lexicon)
    assert issue.suggestions == ("cold They",)


def test_a_later_word_recased_against_its_place_is_dropped_too(lexicon):
    text = "I will listen to it later, or never."
    known = Lexicon(lexicon.counts | {"later": 600, "listen": 80}, lexicon.capitalised)
    issue = readable(text, issue_on(text, "to it later", "grammar", ["to it", "to it Later", "to later"]), known)
    assert issue.suggestions == ("to it", "to later")
