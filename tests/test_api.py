"""The Python API: `galleyproof.check` and `Proofreader`, as the README shows them."""

import galleyproof
from galleyproof.issues import Issue
from galleyproof.model.versions import shipped_model_dir


def test_check_finds_what_the_command_finds():
    text = "They were rough in there manners."
    (issue,) = galleyproof.check(text)
    assert isinstance(issue, Issue)
    assert (issue.start, issue.end, issue.category, issue.rule) == (19, 24, "word_choice", "confusions")
    assert text[issue.start : issue.end] == "there" and issue.suggestions[0] == "their"


def test_check_at_thorough_the_default_finds_more_than_at_precise():
    text = "The lamps are the most common bulbs in the house and has a great fit with the old sockets."
    assert galleyproof.check(text, sensitivity="precise") == []
    assert [text[i.start : i.end] for i in galleyproof.check(text)] == ["has"]


def test_a_proofreader_for_repeated_use_gives_the_same_issues_on_any_threads():
    text = "She walked into teh house.\n\nI confess that i was tired.\n"
    one = galleyproof.Proofreader.from_dir(shipped_model_dir()).check(text)
    two = galleyproof.Proofreader.from_dir(shipped_model_dir(), threads=2)
    assert two.check(text) == one == galleyproof.check(text)
    assert [(text[i.start : i.end], i.rule) for i in one] == [("teh", "model.spelling"), ("i", "sentence_starts")]
    two.close()


def test_importing_the_package_loads_no_model_code():
    import subprocess
    import sys

    probe = "import sys, galleyproof; print(any(m.startswith('galleyproof.model') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip() == "False"
