"""`galleyproof rules`, and the README's rule table kept equal to it."""

import json
from pathlib import Path

from typer.testing import CliRunner

from galleyproof.cli.main import app
from galleyproof.rules import all_rules

README = Path(__file__).parents[2] / "README.md"


def run(*args):
    return CliRunner().invoke(app, ["rules", *args])


def test_rules_lists_every_rule_and_whether_the_shipped_model_runs_it():
    result = run()
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [r.id for r in all_rules()]
    runs = {line.split()[0]: line for line in lines}
    assert "always" in runs["articles"]
    assert "yes (calibrated)" in runs["repeated_words"]  # the shipped thresholds name "grammar"
    assert "no (calibrated)" in runs["unknown_words"]


def test_json_says_the_same():
    payload = json.loads(run("--format", "json").stdout)
    assert [r["id"] for r in payload] == [r.id for r in all_rules()]
    assert {r["category"] for r in payload} <= {"spelling", "word_choice", "punctuation", "whitespace",
                                                "capitalization", "grammar"}


def test_the_readme_lists_the_rules_as_the_command_prints_them():
    text = README.read_text(encoding="utf-8")
    block = text[text.index("<!-- rules -->\n") + len("<!-- rules -->\n") : text.index("<!-- /rules -->")]
    assert block == run("--format", "markdown").stdout
