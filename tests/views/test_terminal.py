import io
import re

from rich.console import Console

from galleyproof.issues import Issue
from galleyproof.views.terminal import WINDOW, render_text

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def render(text, issues, color, context=0):
    buffer = io.StringIO()
    if color:
        console = Console(file=buffer, force_terminal=True, color_system="standard", width=200)
    else:
        console = Console(file=buffer, color_system=None, width=200)
    render_text(console, "draft.txt", text, issues, context)
    return buffer.getvalue()


def teh(text):
    start = text.index("teh")
    return Issue(start, start + 3, "spelling", "Unknown word.", ("the", "ten"), 0.97)


def test_plain_view_marks_the_span_with_carets_under_it():
    text = "It was a dark night.\nShe walked into teh house.\n"
    out = render(text, [teh(text)], color=False)
    assert not ANSI.search(out)
    lines = out.splitlines()
    assert lines[0] == "draft.txt:2:17  spelling  Unknown word.  → the | ten  [0.97]"
    row, marks = lines[1], lines[2]
    assert row == "2 │ She walked into teh house."
    assert marks.index("^") == row.index("teh") and marks.count("^") == 3
    assert lines[-1] == "draft.txt: 1 issue (spelling 1)"


def test_colour_view_underlines_in_the_category_colour_without_carets():
    text = "She walked into teh house."
    out = render(text, [teh(text)], color=True)
    assert "\x1b[1;4;31mteh\x1b[0m" in out  # bold underline red: spelling
    assert "^" not in out
    assert "draft.txt:1:17" in ANSI.sub("", out)


def test_summary_counts_each_category_in_fixed_order():
    text = "a b c d"
    issues = [
        Issue(0, 1, "grammar", "g"),
        Issue(2, 3, "spelling", "s"),
        Issue(4, 5, "grammar", "g"),
        Issue(6, 7, "whitespace", "w"),
    ]
    last = render(text, issues, color=False).splitlines()[-1]
    assert last == "draft.txt: 4 issues (spelling 1, whitespace 1, grammar 2)"
    assert render("fine", [], color=False).strip() == "draft.txt: no issues found"


def test_context_shows_numbered_lines_around_and_stops_at_the_edges():
    text = "one\r\ntwo\r\nthree teh\r\nfour\r\nfive\r\n"
    out = render(text, [teh(text)], color=False, context=1)
    assert out.splitlines()[1:5] == ["2 │ two", "3 │ three teh", "  │       ^^^", "4 │ four"]
    wide = render(text, [teh(text)], color=False, context=9).splitlines()
    assert [r[:1] for r in wide[1:7]] == ["1", "2", "3", " ", "4", "5"]  # no empty line after the last break
    assert "\r" not in "".join(wide)


def test_long_paragraph_lines_are_cut_to_a_window_round_the_span():
    text = "word " * 200 + "teh " + "word " * 200
    issue = teh(text)
    row, marks = render(text, [issue], color=False).splitlines()[1:3]
    assert row.startswith("1 │ …") and row.endswith("…")
    assert len(row) < 2 * WINDOW + 20
    assert row[marks.index("^") :].startswith("teh")


def test_long_context_lines_keep_the_end_nearest_the_issue():
    before, after = "b" * 300 + "END", "START" + "a" * 300
    text = f"{before}\nteh\n{after}"
    rows = render(text, [teh(text)], color=False, context=1).splitlines()
    assert rows[1].endswith("END") and rows[1].startswith("1 │ …")
    assert rows[4].startswith("3 │ START") and rows[4].endswith("…")


def test_control_characters_and_spans_over_line_breaks_stay_on_one_safe_row():
    text = "bell\x07 and\x1b[31m teh\r\nthe end"
    issue = Issue(text.index("teh"), text.index("the end") + 3, "grammar", "Split.", ("x",))
    out = render(text, [issue], color=False)
    assert "\x1b" not in out and "\x07" not in out
    row, marks = out.splitlines()[1:3]
    assert "␇" in row and "␛" in row
    assert row.endswith("teh⏎the end") and marks.count("^") == len("teh⏎the")
    assert row[marks.index("^") :].startswith("teh⏎the")


def test_wide_characters_keep_the_carets_under_the_span():
    text = "漢字漢字 teh"
    row, marks = render(text, [teh(text)], color=False).splitlines()[1:3]
    assert marks.index("^") == row.index("teh") + 4  # four double-width characters before it


def test_suggestions_are_shown_as_text_never_as_python_literals():
    from galleyproof.views.terminal import show_replacement

    assert show_replacement("the\nside") == "the⏎side"
    assert show_replacement(" ;") == "␣;"
    assert show_replacement("") == "(delete)"
    text = "on the\nside of it"
    start = text.index("the")
    out = render(text, [Issue(start, start + 8, "whitespace", "m", ("the\nside", " side"), 0.9)], color=False)
    assert "the⏎side | ␣side" in out
    assert "'" not in out.splitlines()[0]
