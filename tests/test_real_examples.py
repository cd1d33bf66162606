"""The real slips of issue 20, through the shipped model and every rule: each flagged at the
right word with the right fix first, and modern words left alone."""

import pytest

from galleyproof.model.versions import shipped_model_dir
from galleyproof.proofreader import Proofreader

EXAMPLES = [
    ("He was taller then she remembered.", "then", "than"),
    ("A old man sat down.", "A", "An"),
    ("She was to tired to argue.", "to", "too"),
    ("Alot had happened.", "Alot", "A lot"),
    ("Her and Dev had always been close.", "Her", "She"),
    ("Between you and I, it was over.", "I", "me"),
    ("She told herself she could of called her sister.", "of", "have"),
    # Here the model reads "of called" as a word choice; the rule's diagnosis wins the merge.
    ("She told herself she could of called her sister, but Dev and her had not spoken since the wedding.",
     "of", "have"),
    ("It make sense, in a way.", "make", "makes"),
    ("After the primary education he go to school in the city.", "go", "goes"),
    ("The new owners pay for bodycare and first aid.", "bodycare", "body care"),
    ("The rule was clear- cut and fair.", "clear- cut", "clear-cut"),
    ("I think that there pretty good.", "there", "they're"),
    ("They treat there employees with respect.", "there", "their"),
    ("if you don't know its stolen", "its", "it's"),
    ("me and my dad where in NJ", "where", "were"),
    ("I wont take up", "wont", "won't"),
    ("Whats your favorite part", "Whats", "What's"),
    ("ive been going there", "ive", "I've"),
]


@pytest.fixture(scope="module")
def proofreader():
    p = Proofreader.from_dir(shipped_model_dir())
    yield p
    p.close()


@pytest.mark.parametrize(("text", "word", "fix"), EXAMPLES)
def test_real_slip_is_flagged_with_its_fix_first(proofreader, text, word, fix):
    start = text.index(word) if word != "I" else text.index(" I") + 1
    end = start + len(word)
    hits = [i for i in proofreader.check(text) if i.start < end and start < i.end]
    assert hits, f"nothing flagged at {word!r} in {text!r}"
    # The flag at the word itself where there is one (a flag on the mark beside it may reach
    # over the word too), else the first.
    issue = next((i for i in hits if (i.start, i.end) == (start, end)), hits[0])
    # The fix, applied over the flag's span, must repair the slip.
    fixed = text[: issue.start] + issue.suggestions[0] + text[issue.end :]
    assert fixed == text[:start] + fix + text[end:], (issue, fixed)


@pytest.mark.parametrize("text", [
    "She sent emojis and a selfie about crypto over the Wi-Fi.",
    "He posted the selfie on his blog and checked the Wi-Fi.",
    "Is there Wi-Fi here?",
    "The Wi-Fi at the café was down again, so Maya sat by the window.",
    "The hotel has free wifi and an app for emojis.",
])
def test_modern_words_are_not_misspellings(proofreader, text):
    spelled = [(text[i.start : i.end], i.suggestions) for i in proofreader.check(text) if i.category == "spelling"]
    assert spelled == []
