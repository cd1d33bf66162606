from galleyproof.allow.licences import drop_licensed, licensed
from galleyproof.model.tagging import Flag
from galleyproof.text.document import Document
from galleyproof.text.verse import ChosenBreaks

PROSE = (
    "The seals came up out of the sea in their thousands every spring, and the\n"
    "men on the island drove them inland to the killing grounds, as they had\n"
    "done for a hundred years; Nobody on the beach could say why it was so,\n"
    "and nobody on the island cared to ask, for the skins paid for all.\n"
)
VERSE = (
    "I met my mates in the morning, a broken, scattered band.\n"
    "Men shoot us in the water and club us on the land;\n"
    "Men drive us to the Salt House like silly sheep and tame,\n"
    "And still we sing Lukannon--before the sealers came.\n"
)


def span(text, s, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(s, start + 1)
    return start, start + len(s)


def test_verse_breaks_are_chosen_and_wrapped_prose_breaks_are_not():
    text = PROSE + "\n" + VERSE
    breaks = ChosenBreaks(text)
    assert len(breaks) == 3  # the verse's three breaks, none of the prose's
    assert breaks.ends_line(span(text, "land;")[1])
    assert not breaks.ends_line(span(text, "years;")[1])
    assert breaks.crossed(*span(text, "band.\nMen"))
    assert not breaks.crossed(*span(text, "the\nmen"))


def test_a_mark_ending_a_verse_line_is_licensed_and_the_same_mark_in_prose_is_not():
    text = PROSE + "\n" + VERSE
    verse_mark = Flag(*span(text, ";", nth=1), "punctuation", 0.9)
    prose_mark = Flag(*span(text, ";"), "punctuation", 0.9)
    across = Flag(*span(text, "land;\nMen"), "grammar", 0.9)
    word = Flag(*span(text, "tame"), "word_choice", 0.9)  # the poet's words are still read
    assert licensed(text, verse_mark) and licensed(text, across)
    assert not licensed(text, prose_mark) and not licensed(text, word)
    assert drop_licensed(Document(text), [prose_mark, verse_mark, word]) == [prose_mark, word]


def test_indented_verse_as_long_as_the_prose_lines_is_verse():
    song = (
        "     As me and my companions were scrambling up a hill, and over,\n"
        "     The path was lost in rolling stones, but we went forward still;\n"
        "     For we can wriggle and climb, my lads, and turn up everywhere,\n"
        "     Oh, it's our delight on a mountain height, with a leg or two to\n"
        "        spare!\n"
    )
    text = PROSE + "\n" + song + "\n" + PROSE
    breaks = ChosenBreaks(text)
    assert breaks.ends_line(span(text, "still;")[1]) and breaks.ends_line(span(text, "everywhere,")[1])
    assert not breaks.ends_line(span(text, "to\n")[0] + 2)  # "spare!" goes on the line: no capital
    assert len(breaks) == 3


def test_unwrapped_paragraphs_and_a_lone_odd_break_are_not_verse():
    long_lines = (PROSE.replace("\n", " ").strip() + "\n") * 3
    assert len(ChosenBreaks(long_lines)) == 0  # a paragraph a line: too long for verse
    odd = PROSE.replace("as they had\n", "as they had done.\nThey ") + "\n" + PROSE
    assert len(ChosenBreaks(odd)) == 0  # one short line in a wrapped paragraph
    assert len(ChosenBreaks("one line only; Then more")) == 0


def test_crlf_offsets_index_the_text_as_read():
    text = (PROSE + "\n" + VERSE).replace("\n", "\r\n")
    breaks = ChosenBreaks(text)
    assert len(breaks) == 3
    end = span(text, "land;")[1]
    assert breaks.ends_line(end) and text[end:end + 2] == "\r\n"
    assert licensed(text, Flag(end - 1, end, "punctuation", 0.9))


def test_the_capital_opening_a_verse_line_is_licensed_and_a_prose_line_start_is_not():
    epigraph = "“Oh, sir, the loftiest hopes on earth\nDraw lots with meaner hopes: heroic breasts,\nBreathing bad air.”\n"
    text = PROSE + "\n" + epigraph + "\n" + PROSE.replace("the\nmen", "the\nMen")
    assert licensed(text, Flag(*span(text, "Draw"), "capitalization", 0.9))
    assert licensed(text, Flag(*span(text, "Breathing"), "capitalization", 0.9))
    assert not licensed(text, Flag(*span(text, "Men"), "capitalization", 0.9))  # a wrapped prose line
    assert not licensed(text, Flag(*span(text, "lots"), "capitalization", 0.9))
