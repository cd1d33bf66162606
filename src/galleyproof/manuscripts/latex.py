"""LaTeX: the prose a reader of the typeset page sees, parsed by pylatexenc.

Text and the text arguments of commands (`\\textit{...}`, `\\section{...}`, footnotes) are
checked; commands, their key arguments (`\\label`, `\\ref`, `\\cite`, ...), math, comments
and verbatim environments never are. What a command prints (`\\'e`, `\\ldots`, `~`, ``` `` ```)
is put in the prose for the check to read, but owned by no offset, so never flagged.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from galleyproof.manuscripts.extract import Manuscript, ProseBuilder

if TYPE_CHECKING:
    from types import ModuleType

    from pylatexenc.latex2text import LatexNodes2Text
    from pylatexenc.latexwalker import LatexEnvironmentNode, LatexMacroNode

#: `% galleyproof: ignore`: the next paragraph is not checked.
IGNORE_COMMENT = re.compile(r"%\s*galleyproof:\s*ignore\b", re.IGNORECASE)
#: Commands whose last argument is running text.
TEXT_COMMANDS = frozenset(
    "emph textit textbf textsl textsc textup textrm textsf textmd textnormal underline uline mbox "
    "enquote foreignlanguage".split()
)
#: Commands whose argument is a paragraph of its own (a heading, a caption).
HEADING_COMMANDS = frozenset(
    "part chapter section subsection subsubsection paragraph subparagraph title subtitle author "
    "caption epigraph".split()
)
#: Commands whose text is set apart from the sentence they sit in: read after the paragraph.
NOTE_COMMANDS = frozenset("footnote marginpar endnote".split())
#: Commands that print a reference, not words: read as a placeholder, never flagged.
REFERENCE_COMMANDS = frozenset(
    "cite citep citet citeauthor citeyear parencite textcite autocite footcite ref eqref pageref "
    "autoref cref Cref nameref url href".split()
)
PARAGRAPH_COMMANDS = frozenset("par item bigskip medskip smallskip newpage clearpage cleardoublepage "
                               "chapter* section*".split())
#: Environments holding no prose: math, code, pictures, tables.
SKIPPED_ENVIRONMENTS = frozenset(
    "verbatim Verbatim lstlisting minted comment equation equation* align align* gather gather* "
    "multline multline* eqnarray eqnarray* displaymath math tikzpicture tabular tabular* tabularx "
    "longtable thebibliography".split()
)


class _Reader:
    def __init__(self, path: str, source: str, walker: ModuleType, to_text: LatexNodes2Text) -> None:
        self.path = path
        self.source = source
        self.w = walker  # pylatexenc.latexwalker: the parser and its node classes
        self.to_text = to_text
        self.out = ProseBuilder(source)
        self.notes: list[list] = []

    def read(self) -> Manuscript:
        try:
            nodes, _, _ = self.w.LatexWalker(self.source, tolerant_parsing=True).get_latex_nodes()
        except self.w.LatexWalkerError:
            nodes = []
        self.nodes(nodes)
        self.out.paragraph_break()
        # Footnotes last, each a paragraph, so the sentences they interrupt still read whole.
        while self.notes:
            note = self.notes.pop(0)
            self.nodes(note)
            self.out.paragraph_break()
        return self.out.build(self.path, "latex")

    def nodes(self, nodes) -> None:
        for node in nodes or ():
            if node is not None:
                self.node(node)

    def node(self, node) -> None:
        if isinstance(node, self.w.LatexCharsNode):
            self.out.copy(node.pos, node.pos + node.len)
        elif isinstance(node, self.w.LatexCommentNode):
            if IGNORE_COMMENT.match(self.source, node.pos):
                self.out.paragraph_break()
                self.out.ignore_next()
        elif isinstance(node, self.w.LatexGroupNode):
            self.nodes(node.nodelist)
        elif isinstance(node, self.w.LatexMacroNode):
            self.macro(node)
        elif isinstance(node, self.w.LatexEnvironmentNode):
            self.environment(node)
        elif isinstance(node, self.w.LatexMathNode):
            self.out.add_flat(self.printed(node) or " ")
        elif isinstance(node, self.w.LatexSpecialsNode):
            self.out.add(self.printed(node).replace("\xa0", " "))

    def macro(self, node: LatexMacroNode) -> None:
        name = node.macroname
        text_arg = self.last_argument(node)
        if name in TEXT_COMMANDS and text_arg is not None:
            self.argument(text_arg)
        elif name in HEADING_COMMANDS and text_arg is not None:
            self.out.paragraph_break()
            self.argument(text_arg)
            self.out.paragraph_break()
        elif name in NOTE_COMMANDS and text_arg is not None:
            self.notes.append([text_arg])
        elif name in REFERENCE_COMMANDS:
            self.out.add_flat(self.printed(node) or "[ref]")
        elif name == "\\":
            self.out.add("\n")
        elif name in PARAGRAPH_COMMANDS:
            self.out.paragraph_break()
        else:
            self.out.add_flat(self.printed(node))

    def argument(self, arg) -> None:
        self.nodes(arg.nodelist if isinstance(arg, self.w.LatexGroupNode) else [arg])

    def environment(self, node: LatexEnvironmentNode) -> None:
        name = node.environmentname
        if name in SKIPPED_ENVIRONMENTS:
            if name.startswith(("equation", "align", "gather", "multline", "eqnarray", "displaymath", "math")):
                self.out.add_flat(" " + (self.printed(node).strip() or "x") + " ")  # the sentence runs on
            else:
                self.out.paragraph_break()
            return
        self.out.paragraph_break()
        self.nodes(node.nodelist)
        self.out.paragraph_break()

    def printed(self, node) -> str:
        """What the node prints, as pylatexenc renders it."""
        try:
            return self.to_text.nodelist_to_text([node])
        except Exception:  # a command pylatexenc cannot render prints nothing we can check
            return ""

    def last_argument(self, node: LatexMacroNode):
        args = node.nodeargd.argnlist if node.nodeargd is not None else []
        found = [a for a in args if isinstance(a, self.w.LatexGroupNode)]
        return found[-1] if found else None


def read_latex(path: str, source: str) -> Manuscript:
    """The LaTeX file's prose, every character copied from `source` placed exactly."""
    # pylatexenc is imported on the first .tex file, not by every check (start-up time: 50 ms).
    from pylatexenc import latexwalker
    from pylatexenc.latex2text import LatexNodes2Text

    return _Reader(path, source, latexwalker, LatexNodes2Text(math_mode="text")).read()
