"""Small Word and OpenDocument files made in the test, as a writer's would be."""

import io

import docx
from odf.opendocument import OpenDocumentText
from odf.text import H, LineBreak, P, S, Span


def word_file() -> bytes:
    """Styles, a word split over runs with different formatting, a table, an empty paragraph."""
    document = docx.Document()
    document.add_heading("Chapter One", level=1)
    p = document.add_paragraph("The crew are good fellows, though rough in ")
    p.add_run("th").bold = True
    p.add_run("ere")  # "there" split mid-word over two runs
    p.add_run(" manners. She walked into teh house.")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "A cell with teh slip."
    table.cell(0, 1).text = "A clean cell."
    document.add_paragraph("Last teh paragraph.", style="Quote")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_file() -> bytes:
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Chapter One"))
    p = P(text="The crew are good fellows,")
    p.addElement(S(c=2))
    p.addElement(Span(text="though rough in teh manners."))
    document.text.addElement(p)
    verse = P(text="A line of verse")
    verse.addElement(LineBreak())
    verse.addText("and teh next.")
    document.text.addElement(verse)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()
