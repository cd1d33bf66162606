from galleyproof.allow.modern import drop_modern
from galleyproof.english.lexicon import Lexicon
from galleyproof.english.modern import zipf_today
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document

LEXICON = Lexicon.from_texts(["The cafe was down again, and she sent a string of them."], min_count=1)


def kept(text, flags):
    return [(text[f.start : f.end], f.category) for f in drop_modern(Document(text), flags, LEXICON)]


def test_spelling_flags_on_modern_words_are_dropped():
    text = "She sent emojis and a selfie over the wifi."
    flags = [Flag(text.index(w), text.index(w) + len(w), "spelling", 0.9) for w in ("emojis", "selfie", "wifi")]
    assert kept(text, flags) == []


def test_a_white_space_doubt_on_a_modern_word_is_dropped_but_not_on_a_run_together_slip():
    text = "She scrolled past a blurry selfie, alot of them."
    flags = [Flag(text.index(w), text.index(w) + len(w), "whitespace", 0.5) for w in ("selfie", "alot")]
    assert kept(text, flags) == [("alot", "whitespace")]
    grammar = Flag(text.index("selfie"), text.index("selfie") + 6, "grammar", 0.5)
    assert kept(text, [grammar]) == [("selfie", "grammar")]
    spaces = Flag(text.index("selfie"), text.index(",") + 2, "whitespace", 0.5)  # the space after it too
    assert kept(text, [spaces]) == [("selfie, ", "whitespace")]
    text = "a lifespan- a paradox"
    assert kept(text, [Flag(2, 13, "whitespace", 0.5)]) == [("lifespan- a", "whitespace")]


def test_a_capital_doubt_on_a_modern_word_in_small_letters_mid_sentence_is_dropped():
    text = "We had ordered pizza. pizza again."
    flags = [Flag(text.index("pizza"), text.index("pizza") + 5, "capitalization", 0.6),
             Flag(text.rindex("pizza"), text.rindex("pizza") + 5, "capitalization", 0.6)]
    assert kept(text, flags) == [("pizza", "capitalization")]  # a sentence's first word wants its capital


def test_any_flag_inside_a_modern_hyphenated_word_is_dropped():
    text = "The Wi-Fi at the cafe was down, and the Wi-Fo too."
    inside = Flag(text.index("-Fi"), text.index("-Fi") + 3, "punctuation", 0.8)
    unknown = Flag(text.index("-Fo"), text.index("-Fo") + 3, "punctuation", 0.8)  # no word today
    across = Flag(text.index("Wi-Fi"), text.index(" at") + 3, "grammar", 0.8)  # wider than the word
    assert kept(text, [inside, unknown, across]) == [("-Fo", "punctuation"), ("Wi-Fi at", "grammar")]


def test_the_models_one_word_doubt_on_a_word_far_commoner_today_is_dropped():
    books = Lexicon({"dad": 1, "then": 4000, "site": 2, "the": 9_500_000})  # "then" as common then as now
    assert zipf_today("site") > 5 > zipf_today("dad") > 4 and zipf_today("zzxq") == 0
    text = "My dad loved the site, then tv and nfl games."
    flags = [Flag(text.index(w), text.index(w) + len(w), category, 0.9, rule=rule)
             for w, category, rule in [("dad", "word_choice", "model.word_choice"), ("site", "grammar", "model.grammar"),
                                       ("then", "word_choice", "model.word_choice"),  # common in the books too
                                       ("tv", "word_choice", "model.word_choice"),  # short: an abbreviation
                                       ("site", "spelling", "model.spelling"),  # other categories stand
                                       ("dad", "word_choice", "confusions")]]  # a rule's evidence stands
    left = drop_modern(Document(text), flags, books)
    assert [(text[f.start : f.end], f.category, f.rule) for f in left] == [
        ("then", "word_choice", "model.word_choice"), ("tv", "word_choice", "model.word_choice"),
        ("site", "spelling", "model.spelling"), ("dad", "word_choice", "confusions")]


def test_the_words_of_a_text_message_are_the_eras_however_often_the_books_wrote_them():
    books = Lexicon({"u": 50_000, "then": 4000, "the": 9_500_000})  # "U" an initial in the books
    text = 'A text from Dev: "u up?" and then "ok".'
    flags = [Flag(text.index(w), text.index(w) + len(w), "word_choice", 0.9, rule="model.word_choice")
             for w in ("u", "ok", "then")]
    assert [text[f.start : f.end] for f in drop_modern(Document(text), flags, books)] == ["then"]
