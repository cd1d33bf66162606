from galleyproof.allow.modern import drop_modern
from galleyproof.english.lexicon import Lexicon
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document

LEXICON = Lexicon.from_texts(["The cafe was down again, and she sent a string of them."], min_count=1)


def kept(text, flags):
    return [(text[f.start : f.end], f.category) for f in drop_modern(Document(text), flags, LEXICON)]


def test_spelling_flags_on_modern_words_are_dropped():
    text = "She sent emojis and a selfie over the wifi."
    flags = [Flag(text.index(w), text.index(w) + len(w), "spelling", 0.9) for w in ("emojis", "selfie", "wifi")]
    assert kept(text, flags) == []


def test_any_flag_inside_a_modern_hyphenated_word_is_dropped():
    text = "The Wi-Fi at the cafe was down, and the Wi-Fo too."
    inside = Flag(text.index("-Fi"), text.index("-Fi") + 3, "punctuation", 0.8)
    unknown = Flag(text.index("-Fo"), text.index("-Fo") + 3, "punctuation", 0.8)  # no word today
    across = Flag(text.index("Wi-Fi"), text.index(" at") + 3, "grammar", 0.8)  # wider than the word
    assert kept(text, [inside, unknown, across]) == [("-Fo", "punctuation"), ("Wi-Fi at", "grammar")]
