import os
from itertools import combinations

import fake_detector
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from galleyproof import proofreader
from galleyproof.cli import check as check_cli
from galleyproof.cli.main import app
from galleyproof.issues import Issue
from galleyproof.review import fix
from galleyproof.review.fix import Edit, apply_edits, auto_edits, overlaps, write_fixed
from galleyproof.suggest.safe import SafeFixes, least_safe_score, least_safe_score_on_each, shipped_safe_fixes
from galleyproof.text.io import read_stamped

runner = CliRunner()

#: A BOM, CRLF line ends, and errors the fake detector knows (scores 0.97, 0.91, 0.55).
ORIGINAL = "\ufeffThe road was icey.\r\nteh end came, and there it was.\r\n"


@pytest.fixture
def draft(tmp_path, monkeypatch):
    monkeypatch.setattr(proofreader, "load_default", lambda **_: fake_detector.make())
    # The fake's issues name no rule; these tests trust it at any score, so --min-score decides.
    monkeypatch.setattr(check_cli, "shipped_safe_fixes", lambda: SafeFixes({"": 0.0}))
    p = tmp_path / "draft.txt"
    p.write_bytes(ORIGINAL.encode())
    return p


def issue(text, word, score=1.0, suggestions=("X",)):
    start = text.index(word)
    return Issue(start, start + len(word), "spelling", "m", suggestions, score)


def test_edits_apply_at_original_offsets_as_if_right_to_left():
    text = "aa bb cc"
    edits = [Edit(issue(text, "cc"), "C"), Edit(issue(text, "aa"), "AAAA"), Edit(issue(text, "bb"), "")]
    expected = text
    for e in sorted(edits, key=lambda e: -e.issue.start):
        expected = expected[: e.issue.start] + e.replacement + expected[e.issue.end :]
    assert apply_edits(text, edits) == expected == "AAAA  C"
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits(text, [Edit(Issue(0, 4, "grammar", "m"), "x"), Edit(Issue(3, 5, "grammar", "m"), "y")])


def test_auto_edits_take_sure_top_suggestions_and_settle_overlaps_by_score():
    text = "one two three four five"
    issues = [
        issue(text, "one", 0.79),  # below the threshold
        issue(text, "two", 0.9, ()),  # nothing to apply
        issue(text, "three", 0.9, ("three",)),  # would change nothing
        Issue(14, 23, "grammar", "m", ("4 5",), 0.85),  # "four five", loses to the overlap below
        Issue(19, 23, "spelling", "m", ("FIVE", "5"), 0.95),
        Issue(14, 18, "spelling", "m", ("FOUR",), 0.8),
    ]
    chosen = auto_edits(text, issues, min_score=0.8)
    assert [(e.issue.start, e.replacement) for e in chosen] == [(14, "FOUR"), (19, "FIVE")]
    assert apply_edits(text, chosen) == "one two three FOUR FIVE"


@st.composite
def text_and_issues(draw):
    text = draw(st.text(alphabet="ab \r\n\ufeffé", min_size=1, max_size=30))
    issues = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        suggestions = tuple(draw(st.lists(st.text("xy\r\n", max_size=2), max_size=2)))
        issues.append(Issue(start, end, "spelling", "m", suggestions, draw(st.floats(0, 1))))
    return text, issues


@given(text_and_issues(), st.floats(0, 1))
def test_auto_fixes_are_disjoint_sure_and_change_only_their_spans(case, min_score):
    text, issues = case
    edits = auto_edits(text, issues, min_score)
    kept = [e.issue for e in edits]
    assert not any(overlaps(a, b) for a, b in combinations(kept, 2))
    assert all(e.issue.score >= min_score and e.replacement == e.issue.suggestions[0] for e in edits)
    for i in issues:  # a sure issue left out lost its stretch to one at least as sure
        if i.suggestions and i.score >= min_score and i.suggestions[0] != text[i.start : i.end] and i not in kept:
            assert any(overlaps(i, k) and k.score >= i.score for k in kept)
    expected = text
    for e in sorted(edits, key=lambda e: -e.issue.start):
        expected = expected[: e.issue.start] + e.replacement + expected[e.issue.end :]
    assert apply_edits(text, edits) == expected


def test_fixed_file_keeps_bom_and_crlf_bytes_outside_the_edits(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(ORIGINAL.encode())
    edits = [Edit(issue(ORIGINAL, "icey"), "icy"), Edit(issue(ORIGINAL, "teh"), "the")]
    target = write_fixed(path, ORIGINAL, edits).target
    assert target == tmp_path / "draft.fixed.txt"
    assert target.read_bytes() == b"\xef\xbb\xbfThe road was icy.\r\nthe end came, and there it was.\r\n"
    assert path.read_bytes() == ORIGINAL.encode()
    assert sorted(os.listdir(tmp_path)) == ["draft.fixed.txt", "draft.txt"]  # no temp files left


def test_atomic_write_keeps_permissions_and_cleans_up_after_a_failure(tmp_path, monkeypatch):
    path = tmp_path / "out.txt"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    fix.atomic_write(path, b"new")
    assert path.read_bytes() == b"new" and (os.stat(path).st_mode & 0o777) == 0o640

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        fix.atomic_write(path, b"newer")
    assert path.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_in_place_backs_up_first_then_refuses_to_overwrite_the_backup(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(ORIGINAL.encode())
    edits = [Edit(issue(ORIGINAL, "icey"), "icy")]
    write_fixed(path, ORIGINAL, edits, in_place=True)
    assert (tmp_path / "draft.txt.bak").read_bytes() == ORIGINAL.encode()
    assert path.read_bytes() == ORIGINAL.replace("icey", "icy").encode()
    with pytest.raises(fix.FixError, match="already exists"):
        write_fixed(path, ORIGINAL, edits, in_place=True)
    write_fixed(path, ORIGINAL, [Edit(issue(ORIGINAL, "teh"), "the")], in_place=True, force=True)
    assert path.read_bytes() == ORIGINAL.replace("teh", "the").encode()
    assert sorted(os.listdir(tmp_path)) == ["draft.txt", "draft.txt.bak"]


def test_in_place_through_a_symlink_rewrites_the_target(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("teh", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_fixed(link, "teh", [Edit(Issue(0, 3, "spelling", "m"), "the")], in_place=True)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "the"


def test_cli_fix_prints_what_it_applied_and_writes_beside_the_file(draft):
    result = runner.invoke(app, ["check", "--fix", str(draft)])
    assert result.exit_code == 1, result.output  # "there" (0.55) is left
    assert f"{draft}:1:15  spelling  icey → icy" in result.stdout
    assert f"{draft}:2:1  spelling  teh → the" in result.stdout
    assert f"2 of 3 issues fixed; wrote {draft.parent / 'draft.fixed.txt'}" in result.stdout
    fixed = (draft.parent / "draft.fixed.txt").read_bytes()
    assert fixed == ORIGINAL.replace("icey", "icy").replace("teh", "the").encode()
    assert draft.read_bytes() == ORIGINAL.encode()

    result = runner.invoke(app, ["check", "--fix", "--min-score", "0.5", str(draft)])
    assert result.exit_code == 0 and "3 of 3 issues fixed" in result.stdout


def test_cli_in_place_refuses_an_existing_backup_before_checking(draft):
    assert runner.invoke(app, ["check", "--in-place", str(draft)]).exit_code == 1
    fixed_once = draft.read_bytes()
    assert (draft.parent / "draft.txt.bak").read_bytes() == ORIGINAL.encode()
    result = runner.invoke(app, ["check", "--fix", "--in-place", str(draft)])
    assert result.exit_code == 2
    assert "draft.txt.bak already exists" in result.stderr and "--force" in result.stderr
    assert draft.read_bytes() == fixed_once
    result = runner.invoke(app, ["check", "--in-place", "--force", "--min-score", "0.5", str(draft)])
    assert result.exit_code == 0, result.output
    assert (draft.parent / "draft.txt.bak").read_bytes() == fixed_once
    assert b"their it was" in draft.read_bytes()


def test_cli_fix_refuses_report_options(draft):
    result = runner.invoke(app, ["check", "--fix", "--format", "json", str(draft)])
    assert result.exit_code == 2 and "--fix" in result.stderr
    assert not (draft.parent / "draft.fixed.txt").exists()


def test_a_file_changed_during_the_check_is_not_overwritten(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(ORIGINAL.encode())
    text, stamp = read_stamped(path)
    with path.open("ab") as fh:  # the writer adds a paragraph while the check runs
        fh.write(b"NEW PARAGRAPH\r\n")
    edits = [Edit(issue(text, "icey"), "icy")]
    for in_place in (True, False):
        with pytest.raises(fix.FixError, match="changed while it was being checked"):
            write_fixed(path, text, edits, in_place=in_place, stamp=stamp)
    assert path.read_bytes() == ORIGINAL.encode() + b"NEW PARAGRAPH\r\n"
    assert sorted(os.listdir(tmp_path)) == ["draft.txt"]


def test_cli_in_place_refuses_a_file_edited_while_it_was_checked(draft, monkeypatch):
    slow = fake_detector.make()
    real_detect = slow.detect

    def detect_while_the_writer_types(text):
        with draft.open("ab") as fh:
            fh.write(b"NEW PARAGRAPH\r\n")
        return real_detect(text)

    monkeypatch.setattr(slow, "detect", detect_while_the_writer_types)
    monkeypatch.setattr(proofreader, "load_default", lambda **_: slow)
    result = runner.invoke(app, ["check", "--fix", "--in-place", str(draft)])
    assert result.exit_code == 2
    assert "changed while it was being checked" in result.stderr and "check it again" in result.stderr
    assert draft.read_bytes().endswith(b"NEW PARAGRAPH\r\n")
    assert not (draft.parent / "draft.txt.bak").exists()


def test_an_earlier_fixed_file_is_set_aside_not_overwritten(draft):
    fixed = draft.parent / "draft.fixed.txt"
    fixed.write_bytes(b"the writer's own edits of the fixed copy")
    result = runner.invoke(app, ["check", "--fix", str(draft)])
    assert result.exit_code == 1, result.output
    kept = draft.parent / "draft.fixed.txt.~1~"
    assert kept.read_bytes() == b"the writer's own edits of the fixed copy"
    assert f"(the earlier one kept as {kept})" in result.stdout
    assert runner.invoke(app, ["check", "--fix", str(draft)]).exit_code == 1  # same bytes: nothing set aside
    assert sorted(n for n in os.listdir(draft.parent) if n.startswith("draft")) == [
        "draft.fixed.txt", "draft.fixed.txt.~1~", "draft.txt"]


def test_in_place_keeps_hard_links_to_the_file(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(ORIGINAL.encode())
    other = tmp_path / "same-draft.txt"
    os.link(path, other)
    write_fixed(path, ORIGINAL, [Edit(issue(ORIGINAL, "icey"), "icy")], in_place=True, stamp=read_stamped(path)[1])
    assert other.read_bytes() == path.read_bytes() == ORIGINAL.replace("icey", "icy").encode()
    assert os.stat(path).st_nlink == 2
    assert (tmp_path / "draft.txt.bak").read_bytes() == ORIGINAL.encode()


def test_auto_edits_apply_only_what_the_rule_was_measured_safe_at():
    text = "one two three"
    issues = [Issue(0, 3, "spelling", "m", ("ONE",), 0.99, rule="misspellings"),
              Issue(4, 7, "spelling", "m", ("TWO",), 0.90, rule="misspellings"),
              Issue(8, 13, "grammar", "m", ("THREE",), 0.99, rule="articles")]
    safe = SafeFixes({"misspellings": 0.95})
    assert [e.replacement for e in auto_edits(text, issues, 0.8, safe)] == ["ONE"]
    assert [e.replacement for e in auto_edits(text, issues, 0.8)] == ["ONE", "TWO", "THREE"]


def test_the_least_safe_score_needs_enough_evidence_at_the_target_precision():
    right_above = [(0.99, True)] * 30 + [(0.9, False)] * 5 + [(0.8, True)] * 10
    assert least_safe_score(right_above) == 0.99
    assert least_safe_score([(0.99, True)] * 19) is None  # too little evidence
    assert least_safe_score([(0.9, True)] * 60 + [(0.95, False)] * 3) == 0.9  # 60 of 63 right
    assert least_safe_score([(0.9, True)] * 40 + [(0.95, False)] * 3) is None  # 40 of 43
    assert least_safe_score([(0.9, True)] * 19 + [(0.9, False)] * 3) is None


def test_the_shipped_table_trusts_few_rules_and_never_an_unmeasured_one():
    table = shipped_safe_fixes()
    assert table.thresholds and all(0.5 <= t <= 1.0 for t in table.thresholds.values())
    assert not table.safe(Issue(0, 1, "grammar", "m", ("x",), 0.999, rule="no_such_rule"))
    assert not table.safe(Issue(0, 1, "grammar", "m", ("x",), 0.999, rule=""))


def test_fix_with_the_shipped_table_lists_unmeasured_issues_instead_of_applying_them(draft, monkeypatch):
    monkeypatch.setattr(check_cli, "shipped_safe_fixes", shipped_safe_fixes)
    result = runner.invoke(app, ["check", "--fix", str(draft)])
    assert result.exit_code == 1, result.output
    assert "0 of 3 issues fixed" in result.stdout
    assert "icey" in result.stdout and "teh" in result.stdout  # listed, with their lines
    assert (draft.parent / "draft.fixed.txt").read_bytes() == ORIGINAL.encode()


def test_diff_shows_the_fix_as_a_unified_diff_and_writes_nothing(draft):
    result = runner.invoke(app, ["check", "--diff", str(draft)])
    assert result.exit_code == 1, result.output
    assert f"--- {draft}\n" in result.stdout and f"+++ {draft} (fixed)\n" in result.stdout
    assert "-\ufeffThe road was icey." in result.stdout and "+\ufeffThe road was icy." in result.stdout
    assert "+the end came, and there it was." in result.stdout
    assert not (draft.parent / "draft.fixed.txt").exists()
    assert draft.read_bytes() == ORIGINAL.encode()
    assert runner.invoke(app, ["check", "--diff", "--in-place", str(draft)]).exit_code == 2


def test_diff_with_no_trusted_fix_says_what_is_left_instead_of_printing_nothing(draft, monkeypatch):
    monkeypatch.setattr(check_cli, "shipped_safe_fixes", shipped_safe_fixes)
    result = runner.invoke(app, ["check", "--diff", str(draft)])
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{draft}: 0 of 3 issues would be fixed; 3 left to read" in result.stderr


def test_a_rule_right_on_synthetic_errors_but_wrong_on_real_ones_is_not_safe():
    real = frozenset({"cweb"})
    synthetic = [(0.99, True)] * 100
    # Wrong on most real fixes at every score: never safe, whatever the synthetic set says.
    assert least_safe_score_on_each({"synthetic": synthetic, "cweb": [(0.99, False)] * 3 + [(0.99, True)]}, real) is None
    # Wrong real fixes only at lower scores: the threshold rises above them.
    scored = {"synthetic": [(0.9, True)] * 50 + [(0.99, True)] * 50, "cweb": [(0.9, False)] * 2 + [(0.99, True)] * 5}
    assert least_safe_score_on_each(scored, real) == 0.99
    # No real fixes: the pooled rule stands.
    assert least_safe_score_on_each({"synthetic": synthetic}, real) == 0.99


def test_two_spaces_after_a_sentence_are_never_closed_up_unasked():
    from galleyproof.issues import Issue
    from galleyproof.review.fix import auto_edits, closes_sentence_spacing

    text = "It was a terrible event.  By slow degrees we  came home."
    sentence = Issue(18, 28, "whitespace", "Extra space", ("event. By",), 1.0, rule="model.whitespace")
    inner = Issue(42, 50, "whitespace", "Extra space", ("we came",), 1.0, rule="model.whitespace")
    safe = SafeFixes({"model.whitespace": 0.9})
    assert [e.replacement for e in auto_edits(text, [sentence, inner], 0.8, safe)] == ["we came"]
    assert closes_sentence_spacing('won?"  This', 'won?" This') and not closes_sentence_spacing("we  came", "we came")
