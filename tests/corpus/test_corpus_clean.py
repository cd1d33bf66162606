"""Cleaning: each kind of non-authorial matter goes, prose stays, offsets stay exact."""

from __future__ import annotations

from corpus_helpers import check_offsets

from galleyproof.corpus import OffsetMap, Paragraph, clean_text
from galleyproof.corpus.clean import body_span
from galleyproof.text.paragraphs import is_heading


def texts(raw: str) -> list[str]:
    return [p.text for p in clean_text(raw)]


def test_unwraps_lines_and_keeps_offsets() -> None:
    raw = "  It was a dark\nnight,  and the\twind\n   blew.\n\n\nShe said: 'No.'\n"
    paragraphs = clean_text(raw)
    assert [p.text for p in paragraphs] == ["It was a dark night, and the wind blew.", "She said: 'No.'"]
    for p in paragraphs:
        check_offsets(raw, p)
    first = paragraphs[0]
    assert raw[first.source_offsets[first.text.index("night") - 1]] == "\n"  # the joining space


def test_bom_and_crlf() -> None:
    raw = "\ufeffFirst line\r\nof the paragraph.\r\n\r\nSecond.\r\n"
    paragraphs = clean_text(raw)
    assert [p.text for p in paragraphs] == ["First line of the paragraph.", "Second."]
    assert paragraphs[0].source_offsets[0] == 1
    for p in paragraphs:
        check_offsets(raw, p)


def test_keeps_only_what_is_between_gutenberg_markers() -> None:
    raw = (
        "The Project Gutenberg eBook of Tales\n\nLicence words.\n\n"
        "*** START OF THE PROJECT GUTENBERG EBOOK TALES ***\n\nThe story itself.\n\n"
        "*** END OF THE PROJECT GUTENBERG EBOOK TALES ***\n\nMore licence.\n"
    )
    start, end = body_span(raw)
    assert raw[start:end].strip() == "The story itself."
    assert texts(raw) == ["The story itself."]


def test_drops_production_credits_and_gutenberg_notes() -> None:
    raw = (
        "Produced by Jane Volunteer and the Online Distributed\nProofreading Team\n\n"
        "E-text prepared by John Smith\n\n"
        "Transcribed from the 1897 edition by A. Reader.\n\n"
        "[Note: This etext was transcribed from an American edition of 1911.]\n\n"
        "[Project Gutenberg Editor’s Note: There is also another version\nof this work.]\n\n"
        "The story begins here, with the wind.\n\n"
        "End of the Project Gutenberg EBook of Tales, by Ann\nAuthor\n"
    )
    assert texts(raw) == ["The story begins here, with the wind."]


def test_drops_illustration_tags_even_across_lines() -> None:
    raw = (
        "[Illustration]\n\nHe looked up.\n\n[Illustration: The word J A M E S appears\nhere backwards]\n\n"
        "She ran [Illustration: a hat] to the door\nand out.\n"
    )
    paragraphs = clean_text(raw)
    assert [p.text for p in paragraphs] == ["He looked up.", "She ran to the door and out."]
    for p in paragraphs:
        check_offsets(raw, p)


def test_keeps_footnote_references_and_other_brackets() -> None:
    assert texts("He said so [1] and left [for ever].\n") == ["He said so [1] and left [for ever]."]


def test_drops_transcribers_notes() -> None:
    raw = (
        "[Transcriber's Note: Obvious typographical errors have been\ncorrected.]\n\n"
        "The last line of the book.\n\n\n\n"
        "Transcriber’s note:\n\n [*] Greek word meaning “it is finished”\n\n Page 12, changed a word.\n"
    )
    assert texts(raw) == ["The last line of the book."]


def test_drops_table_of_contents_up_to_the_first_chapter() -> None:
    raw = (
        "Tales of the Wind\n\n\nContents\n\n CHAPTER I. The Gale\n CHAPTER II. The Calm\n\n"
        " CHAPTER III. Home Again\n\n\n\n\nCHAPTER I. The Gale\n\n"
        "The wind rose in the night, and the old house shook on its stones till morning.\n"
    )
    paragraphs = clean_text(raw)
    assert [p.text for p in paragraphs] == [
        "Tales of the Wind",
        "CHAPTER I. The Gale",
        "The wind rose in the night, and the old house shook on its stones till morning.",
    ]
    assert [p.is_heading for p in paragraphs] == [False, True, False]


def test_contents_stops_at_prose_even_without_a_wide_gap() -> None:
    raw = (
        "CONTENTS\n\nI. The Gale\nII. The Calm\n\nI.\n\n"
        "One evening of late summer, before the century had reached its\n"
        "thirtieth year, a young man and woman came along the high road.\n"
    )
    assert texts(raw) == [
        "One evening of late summer, before the century had reached its "
        "thirtieth year, a young man and woman came along the high road."
    ]


def test_italic_underscores_go_but_printed_blanks_stay() -> None:
    raw = "It was _very_ dark, said Mr. B____, and _I_\n_knew_ it.\n"
    [p] = clean_text(raw)
    assert p.text == "It was very dark, said Mr. B____, and I knew it."
    check_offsets(raw, p)


def test_drops_ornaments_and_keeps_short_lines() -> None:
    assert texts("Yes.\n\n* * * * *\n\n       *****\n\nNo.\n") == ["Yes.", "No."]


def test_headings_are_flagged_not_dropped() -> None:
    for heading in (
        "CHAPTER I.",
        "Chapter 12",
        "Stave III: The Second of the Three Spirits",
        "II.",
        "PREFACE",
        "Preface",
        "Part the First",
        "BOOK ONE",
        "by Jane Austen",
        "By G. K. Chesterton",
        "by Stephen Crane (1871-1900)",
        "42",
    ):
        assert is_heading(heading), heading
    for prose in (
        "Part of the crowd turned away.",
        "I said no.",
        "Yes.",
        "By the time he came, it was over.",
        "Books were everywhere.",
        "Chapter and verse he could quote, and did, at every opportunity that arose.",
    ):
        assert not is_heading(prose), prose


def test_offset_map_reads_like_a_list() -> None:
    offsets = OffsetMap([0, 3], [10, 20], 5)
    assert list(offsets) == [10, 11, 12, 20, 21]
    assert offsets == [10, 11, 12, 20, 21] and len(offsets) == 5
    assert offsets[-1] == 21 and offsets[1:4] == [11, 12, 20]
    assert Paragraph("abcde", offsets).source_offsets[3] == 20
