from galleyproof.allow.sentence_spacing import conventional_gaps, drop_conventional_spacing
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document


def flag(text, span, category="whitespace"):
    start = text.index(span)
    return Flag(start, start + len(span), category, 0.9)


def test_two_spaces_kept_through_a_paragraph_are_the_writers_spacing():
    text = "It rained.  Then it stopped!  “Good,” he said.  We went out."
    gaps = conventional_gaps(text)
    assert {text[s:e] for s, e in gaps} == {"  "} and len(gaps) == 3
    flags = [flag(text, "rained.  Then"), flag(text, "stopped!"), flag(text, "it stopped", "grammar")]
    # the spaces' own flag and one touching them go; other categories stay
    assert drop_conventional_spacing(Document(text), flags) == [flags[2]]


def test_a_lone_double_gap_among_single_ones_is_still_flagged():
    text = "It rained.  Then it stopped. We went out. The sun came."
    assert conventional_gaps(text) == set()
    flags = [flag(text, "  ")]
    assert drop_conventional_spacing(Document(text), flags) == flags


def test_two_spaces_inside_a_sentence_stay_flagged_even_in_a_double_spaced_text():
    text = "It rained.  Then it  stopped!  We went out.  The sun came."
    flags = [flag(text, "it  stopped"), flag(text, "rained.  Then")]
    assert drop_conventional_spacing(Document(text), flags) == [flags[0]]


def test_each_paragraph_or_the_whole_document_can_keep_the_convention():
    verse = "Hark!  O hark!  Once again!"
    prose = "He came. She went. They met. It ended. All done."
    text = verse + "\n\n" + prose + "\n\nAnd so.  Here.\n"
    gaps = conventional_gaps(text)
    assert all(s < len(verse) for s, _ in gaps) and len(gaps) == 2  # the prose's lone pair is not enough
    assert len(conventional_gaps("A.  B.  C.  D. E.")) == 3  # the document keeps it: 3 double, 1 single
