"""Word and OpenDocument: each paragraph's text, placed by paragraph, and comments on a copy."""

import io
import re

import docx
import pytest
from office import odt_file, word_file

from galleyproof.issues import Issue
from galleyproof.manuscripts import from_bytes
from galleyproof.text.io import InputError
from galleyproof.views.word import comment_text, commented_copy


def teh_issues(text):
    return [Issue(m.start(), m.end(), "spelling", "Unknown word.", ("the", "tea"), 0.97) for m in re.finditer(r"\bteh\b", text)]


def test_word_paragraphs_runs_and_table_cells_are_read_in_order():
    m = from_bytes("ch.docx", word_file(), "docx")
    assert m.source.split("\n") == [
        "Chapter One",
        "The crew are good fellows, though rough in there manners. She walked into teh house.",
        "",
        "A cell with teh slip.",
        "A clean cell.",
        "Last teh paragraph.",
    ]
    placed = m.to_source(teh_issues(m.prose))
    assert [m.paragraph_of(i.start) for i in placed] == [(2, 74), (4, 12), (6, 5)]
    assert all(m.source[i.start : i.end] == "teh" for i in placed)


def test_odt_paragraphs_headings_spaces_and_line_breaks():
    m = from_bytes("ch.odt", odt_file(), "odt")
    assert m.source.split("\n") == ["Chapter One", "The crew are good fellows,  though rough in teh manners.",
                                    "A line of verse", "and teh next."]
    placed = m.to_source(teh_issues(m.prose))
    assert [m.paragraph_of(i.start) for i in placed] == [(2, 44), (3, 20)]
    assert "verse\nand" in m.prose  # a line break inside a paragraph stays one


def test_a_damaged_file_is_one_clear_error():
    with pytest.raises(InputError, match="not a readable .docx"):
        from_bytes("ch.docx", b"PK\x03\x04 not really", "docx")
    with pytest.raises(InputError, match="must end in .docx or .odt"):
        from_bytes("ch.txt", word_file(), "text")


def comments_by_anchor(data: bytes) -> list[tuple[str, str]]:
    """(anchored text, comment text) for each comment, read back from the saved copy's XML."""
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    texts = {c.comment_id: c.text for c in document.comments}
    found = []
    for start in body.iterfind(".//w:commentRangeStart", ns):
        cid = start.get(f"{{{ns['w']}}}id")
        anchored, inside = [], False
        for el in body.iter():
            if el is start:
                inside = True
            elif el.tag.endswith("commentRangeEnd") and el.get(f"{{{ns['w']}}}id") == cid:
                break
            elif inside and el.tag.endswith("}t"):
                anchored.append(el.text or "")
        found.append(("".join(anchored), texts[int(cid)]))
    return found


def test_the_commented_copy_anchors_each_comment_on_its_span():
    original = word_file()
    m = from_bytes("ch.docx", original, "docx")
    issues = m.to_source(teh_issues(m.prose))
    there = m.source.index("there")
    issues.append(Issue(there, there + 5, "word_choice", "Their?", ("their",), 0.9))
    copy = commented_copy(original, m, sorted(issues, key=lambda i: i.start))
    got = comments_by_anchor(copy)
    assert [a for a, _ in got] == ["there", "teh", "teh", "teh"]
    assert got[1][1] == comment_text(issues[0]) == "spelling: Unknown word. → the | tea [0.97]"
    again = from_bytes("copy.docx", copy, "docx")
    assert again.source == m.source  # the text is untouched, the bold "th" still bold
    bold = [r.text for p in docx.Document(io.BytesIO(copy)).paragraphs for r in p.runs if r.bold]
    assert bold == ["th"]
