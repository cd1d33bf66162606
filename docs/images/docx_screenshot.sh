#!/bin/sh
# The README's picture of a commented .docx: examples/letter.docx (built from examples/letter.txt
# with python-docx), checked with --format docx, the commented copy rendered by LibreOffice to
# PDF, its first page to PNG.
#
#   sh docs/images/docx_screenshot.sh
#
# Needs Debian's libreoffice-writer-nogui (or libreoffice-writer) and poppler-utils.
set -eu
cd "$(dirname "$0")/../.."
work=$(mktemp -d)

# examples/letter.docx: one Word paragraph per line of the letter, a title in Word's Title style.
uv run python - <<'PY'
from docx import Document
from docx.shared import Pt

doc = Document()
doc.core_properties.author = "galleyproof"
doc.add_paragraph("A letter from the harbour", style="Title")
for line in open("examples/letter.txt", encoding="utf-8").read().splitlines():
    if line.strip():
        doc.add_paragraph(line).paragraph_format.space_after = Pt(8)
doc.save("examples/letter.docx")
PY

# Exit 1 means issues were found, which is what we want here.
uv run galleyproof check examples/letter.docx --format docx -o "$work/letter.commented.docx" || [ $? -eq 1 ]
# ExportNotesInMargin: the comments in the page margin, as Writer shows them (LibreOffice 7.4+).
soffice --headless --convert-to 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}' --outdir "$work" "$work/letter.commented.docx" >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/letter.commented.pdf" docs/images/docx-comments
rm -r "$work"
ls -l docs/images/docx-comments.png
