from hypothesis import given
from hypothesis import strategies as st

from galleyproof.issues import Issue
from galleyproof.views.marked import render_marked


def unmark(marked):
    """Read the documented format back: the original text and (start, end, suggestion) per marker."""
    text, found, suggestion = [], [], None
    start = None
    chars = iter(marked)
    for ch in chars:
        if ch == "\\":
            (suggestion if suggestion is not None else text).append(next(chars))
        elif ch == "⟦":
            start = len(text)
        elif ch == "→" and start is not None:
            suggestion = []
        elif ch == "⟧":
            found.append((start, len(text), None if suggestion is None else "".join(suggestion)))
            start, suggestion = None, None
        else:
            (suggestion if suggestion is not None else text).append(ch)
    return "".join(text), found


def test_markers_carry_the_top_suggestion_or_none():
    text = "The road was icey and zzyzx."
    issues = [
        Issue(13, 17, "spelling", "Unknown word.", ("icy", "ice")),
        Issue(22, 27, "grammar", "Unknown."),
    ]
    assert render_marked(text, issues) == "The road was ⟦icey→icy⟧ and ⟦zzyzx⟧."


def test_marker_characters_in_the_text_are_escaped():
    text = "a ⟦b⟧ → c\\d teh"
    issue = Issue(text.index("teh"), len(text), "spelling", "x", ("t→h⟧",))
    out = render_marked(text, [issue])
    assert out == "a \\⟦b\\⟧ \\→ c\\\\d ⟦teh→t\\→h\\⟧⟧"
    assert unmark(out) == (text, [(issue.start, issue.end, "t→h⟧")])


def test_overlapping_issues_keep_the_higher_score():
    text = "one two three"
    issues = [Issue(0, 7, "grammar", "x", ("1 2",), 0.6), Issue(4, 13, "grammar", "y", ("2 3",), 0.9)]
    assert render_marked(text, issues) == "one ⟦two three→2 3⟧"


def test_bom_crlf_and_deletions_survive():
    text = "\ufeffthe the end\r\n"
    out = render_marked(text, [Issue(5, 9, "grammar", "Repeated word.", ("",))])
    assert out == "\ufeffthe ⟦the →⟧end\r\n"


@st.composite
def text_and_issues(draw):
    text = draw(st.text(alphabet=st.sampled_from("ab \n\r\\⟦⟧→é"), min_size=1, max_size=40))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=8)))
    issues = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a < b:
            suggestion = draw(st.one_of(st.none(), st.text(alphabet="x\\⟦⟧→", max_size=3)))
            issues.append(Issue(a, b, "spelling", "m", () if suggestion is None else (suggestion,)))
    return text, issues


@given(text_and_issues())
def test_removing_markers_gives_back_the_text_and_the_issues(case):
    text, issues = case
    assert unmark(render_marked(text, issues)) == (
        text,
        [(i.start, i.end, i.suggestions[0] if i.suggestions else None) for i in issues],
    )
