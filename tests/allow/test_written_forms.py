import random

from galleyproof.allow.written_forms import Spans, drop_written_forms
from galleyproof.english.lexicon import Lexicon
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document

LEXICON = Lexicon({"the": 900, "when": 500, "phone": 50, "lord": 80, "rings": 10, "going": 300, "went": 200})


def flags_kept(text, spans, category="capitalization", rule="model.capitalization"):
    """The spans the filter keeps; each span is the text of a flag, found in order, or
    (words before it, the flag's text) where the text alone would be found too early."""
    flags, at = [], 0
    for span in spans:
        if isinstance(span, tuple):
            at = text.index(span[0], at) + len(span[0])
            span = span[1]
        start = text.index(span, at)
        flags.append(Flag(start, start + len(span), category, 0.9, rule=rule))
        at = start + len(span)
    kept = drop_written_forms(Document(text), flags, LEXICON)
    return [text[f.start : f.end] for f in kept]


def test_inside_a_dotted_abbreviation_and_on_the_small_word_after_it_the_model_is_wrong():
    text = "We met at 7:30 a.m. and left. Bring a coat, e.g. a scarf, i.e. warm things. A Ph.D. there."
    assert flags_kept(text, ["m.", ("e.", "g"), ("scarf, ", "i")], category="punctuation",
                      rule="model.punctuation") == []
    assert flags_kept(text, [("e.g. ", "a"), "there"]) == []
    assert flags_kept(text, [("e.g. ", "a scarf")]) == ["a scarf"]  # the word after it alone
    assert flags_kept(text, ["and"]) == []
    # the rules' own flags, and a capital flag after an ordinary full stop, stay
    assert flags_kept(text, ["m."], rule="abbreviation_stops") == ["m."]
    assert flags_kept("It ended. and then", ["and"]) == ["and"]


def test_a_name_with_a_capital_inside_is_coined_but_a_known_word_so_written_is_a_slip():
    text = "He filmed it on an iPhone and posted it on YouTube; tHe end came wHen it rained."
    assert flags_kept(text, ["iPhone", "YouTube", "tHe", "wHen"]) == ["tHe", "wHen"]
    assert flags_kept("She joined LinkedIn.", ["LinkedIn"], category="spelling", rule="model.spelling") == [
        "LinkedIn"]


def test_a_capital_inside_a_run_of_title_case_is_a_title():
    text = "She is reading The Lord of the Rings and typed *Things I'm Going to Do Next* at the top."
    assert flags_kept(text, ["The", "Going"]) == []
    # "I" and a sentence's first word are not counted: two capitals make no title
    text = "Yesterday I Went To the shops. Then The man left."
    assert flags_kept(text, ["Went", "To", "The"]) == ["Went", "To", "The"]


def test_any_flag_touching_an_address_a_handle_or_a_hashtag_goes():
    text = ("Follow @galleyproofapp or write to hello@example.com. The guide is at https://example.com/docs/start, "
            "the code at github.com/example/repo; tag it #amwriting. Teh end.")
    spans = ["@", "hello@", ("at ", "https://example"), "docs/", ("code at ", "github.com"), "repo", "#amwriting",
             "Teh"]
    assert flags_kept(text, spans, category="spelling", rule="misspellings") == ["Teh"]
    # the stop after an address is the sentence's: a flag on it alone stays
    assert flags_kept(text, [("example.com", ".")], category="punctuation", rule="model.punctuation") == ["."]
    text = "School ends at 1:00pm, and the bus leaves at 3 PM or 4pm."
    assert flags_kept(text, ["00pm", "PM", "4pm"], category="spelling", rule="model.spelling") == []
    # a number sign and a hash standing alone are no tags
    text = "She was #1, and # is a sign."
    assert flags_kept(text, ["#1", ("and ", "#")], category="punctuation", rule="model.punctuation") == ["#1", "#"]


def test_the_models_grammar_doubts_in_a_heading_go_but_not_its_spelling_or_a_sentences():
    text = "# The Launch\n\nShe left.\n\n\\chapter{A Very Good Tuesday}\n\nThe launch went well\n"
    grammar = dict(category="grammar", rule="model.grammar")
    assert flags_kept(text, ["The", ("chapter{", "A")], **grammar) == []
    assert flags_kept(text, ["Launch"], category="spelling", rule="model.spelling") == ["Launch"]
    assert flags_kept(text, ["She", ("\n\n", "The launch")], **grammar) == ["She", "The launch"]


def test_spans_answer_by_bisection_as_a_walk_over_them_would():
    rng = random.Random(0)
    for _ in range(2000):
        n = rng.randint(0, 6)
        points = sorted(rng.sample(range(60), 2 * n))
        spans = [(points[2 * i], points[2 * i + 1]) for i in range(n)]
        start = rng.randint(0, 60)
        end = rng.randint(start, 60)
        found = Spans(spans)
        assert found.holds(start, end) == any(s <= start and end <= e for s, e in spans)
        assert found.touches(start, end) == any(s < max(end, start + 1) and start < e for s, e in spans)
