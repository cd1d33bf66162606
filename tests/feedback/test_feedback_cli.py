import json

import pytest
from typer.testing import CliRunner

from galleyproof import proofreader
from galleyproof.cli.main import app
from galleyproof.english.lexicon import Lexicon
from galleyproof.feedback.dictionary import dictionary_key, suggest_words
from galleyproof.feedback.filter import PersonalFilter
from galleyproof.feedback.store import FeedbackStore
from galleyproof.issues import Issue
from galleyproof.model import versions as registry

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


class Flags:
    version = "fake-1"

    def detect(self, text):
        out = []
        for word in ("teh", "Akela"):
            start = text.find(word)
            if start >= 0:
                out.append(Issue(start, start + len(word), "spelling", "?"))
        return sorted(out, key=lambda i: i.start)


@pytest.fixture
def fake_model(monkeypatch):
    def load(threads=1, cache=None, personal=True):
        return PersonalFilter.from_store(Flags()) if personal else Flags()

    monkeypatch.setattr(proofreader, "load_default", load)


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text("Akela watched teh pack.\n", encoding="utf-8")
    return p


def test_reject_then_check_no_longer_flags(fake_model, draft):
    assert len(proofreader.load_default().detect(draft.read_text())) == 2
    result = run("feedback", "reject", draft, 0, 5)
    assert result.exit_code == 0, result.output
    assert "rejected spelling 'Akela'" in result.stdout
    text = draft.read_text()
    assert [text[i.start : i.end] for i in proofreader.load_default().detect(text)] == ["teh"]
    assert run("feedback", "accept", draft, 14, 17).exit_code == 0
    with FeedbackStore() as store:
        assert [(d.span, d.verdict, d.model_version) for d in store.decisions()] == [
            ("Akela", "rejected", "fake-1"), ("teh", "accepted", "fake-1")]


def test_no_issue_at_that_span_exits_2(fake_model, draft):
    result = run("feedback", "reject", draft, 6, 13)
    assert result.exit_code == 2
    assert "no issue at [6, 13)" in result.output
    assert run("feedback", "reject", draft.with_name("gone.txt"), 0, 5).exit_code == 2


def test_export_import_cli_is_idempotent(fake_model, draft, tmp_path, monkeypatch):
    run("feedback", "reject", draft, 0, 5)
    run("feedback", "accept", draft, 14, 17)
    out = tmp_path / "decisions.jsonl"
    assert run("feedback", "export", "--jsonl", "-o", out).exit_code == 0
    lines = out.read_text().splitlines()
    assert [json.loads(line)["span"] for line in lines] == ["Akela", "teh"]
    assert json.loads(run("feedback", "export", "--json").stdout)[0]["verdict"] == "rejected"
    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path / "elsewhere"))
    assert "2 decisions added, 0 already there" in run("feedback", "import", out).stdout
    assert "0 decisions added, 2 already there" in run("feedback", "import", out).stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"span": "x"}\n', encoding="utf-8")
    assert run("feedback", "import", bad).exit_code == 2


def test_dict_add_list_remove():
    assert run("dict", "add", "Mowgli", "Baloo").exit_code == 0
    assert "already there: mowgli" in run("dict", "add", "mowgli").stdout
    assert run("dict", "list").stdout.splitlines() == ["Baloo", "Mowgli"]
    assert run("dict", "remove", "BALOO").exit_code == 0
    result = run("dict", "remove", "Shere")
    assert result.exit_code == 1 and "not in the dictionary: Shere" in result.stdout
    assert run("dict", "list").stdout.splitlines() == ["Mowgli"]


def test_dictionary_key():
    assert dictionary_key("Mowgli’s") == "mowgli"
    assert dictionary_key(" Baloo ") == "baloo"
    assert dictionary_key("the wolf") is None and dictionary_key(",") is None


MANUSCRIPT = (
    "Then Zorvath spoke to the pack. The cubs ran to Zorvath at once. When Zorvath howled, the hills "
    "answered.\n\nSnorkwood was a strange place. They went to the snorkwood twice, and snorkwood "
    "was quiet. Only Bagheera came, and Bagheera left.\n"
)


def test_suggest_finds_names_and_recurring_unknown_words():
    lexicon = Lexicon.from_texts(["the pack spoke to cubs at once when howled hills answered " * 3])
    found = {s.word: s for s in suggest_words(MANUSCRIPT.split("\n\n"), lexicon, known=set())}
    assert found["Zorvath"].count == 3 and found["Zorvath"].reason.startswith("name")
    assert found["snorkwood"].count == 3 and not found["snorkwood"].reason.startswith("name")
    assert "Bagheera" not in found and "pack" not in found  # used twice; known
    assert "Zorvath" not in {s.word for s in suggest_words([MANUSCRIPT], lexicon, known={"zorvath"})}


def test_dict_suggest_cli(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "shipped_model_dir", lambda: tmp_path / "no-model")
    path = tmp_path / "ms.txt"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    rows = json.loads(run("dict", "suggest", "--format", "json", path).stdout)
    assert {"word": "Zorvath", "count": 3, "reason": "name, unknown to the lexicon"} in rows
    assert run("dict", "suggest", "--add", path).exit_code == 0
    assert "Zorvath" in run("dict", "list").stdout.splitlines()


def flagged(path):
    result = run("check", "--format", "json", path)
    return [i["start"] for f in json.loads(result.stdout)["files"] for i in f["issues"]]


def test_a_rejection_speaks_for_its_manuscript_unless_asked_for_everywhere(fake_model, draft, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Akela watched teh pack.\n", encoding="utf-8")
    result = run("feedback", "reject", draft, 0, 5)
    assert result.exit_code == 0, result.output
    assert flagged(draft) == [14]
    assert flagged(other) == [0, 14]  # another manuscript still hears about "Akela"
    assert run("feedback", "reject", "--everywhere", draft, 14, 17).exit_code == 0
    assert flagged(other) == [0]


def test_a_project_config_makes_its_folder_one_manuscript(fake_model, tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    (book / "galleyproof.toml").write_text("", encoding="utf-8")
    one, two = book / "one.txt", book / "two.txt"
    for p in (one, two):
        p.write_text("Akela watched teh pack.\n", encoding="utf-8")
    assert run("feedback", "reject", one, 0, 5).exit_code == 0
    assert flagged(two) == [14]


def test_list_undo_and_forget_decisions(fake_model, draft, tmp_path):
    assert run("feedback", "reject", draft, 0, 5).exit_code == 0
    assert run("feedback", "accept", draft, 14, 17).exit_code == 0
    listed = [json.loads(line) for line in run("feedback", "list", "--json").stdout.splitlines()]
    assert [(d["span"], d["verdict"], d["file"]) for d in listed] == [
        ("Akela", "rejected", str(draft.resolve())), ("teh", "accepted", str(draft.resolve()))]
    text_view = run("feedback", "list").stdout
    assert "rejected" in text_view and "Akela" in text_view and str(draft.resolve()) in text_view
    assert flagged(draft) == [14]
    result = run("feedback", "undo", listed[0]["id"])
    assert result.exit_code == 0 and "1 decision undone" in result.stdout
    assert flagged(draft) == [0, 14]
    assert run("feedback", "undo", 999).exit_code == 2
    assert "1 decision made in" in run("feedback", "forget", "--file", draft).stdout
    assert run("feedback", "list", "--json").stdout == ""


def test_ruling_on_a_flag_checks_only_its_paragraph(fake_model, tmp_path, monkeypatch):
    seen = []

    class Counting(Flags):
        def detect(self, text):
            seen.append(len(text))
            return super().detect(text)

    monkeypatch.setattr(proofreader, "load_default", lambda **_: Counting())
    novel = tmp_path / "novel.txt"
    novel.write_text("A long quiet chapter.\n\n" * 2000 + "Akela watched teh pack.\n", encoding="utf-8")
    text = novel.read_text()
    start = text.index("teh")
    assert run("feedback", "reject", novel, start, start + 3).exit_code == 0
    assert seen == [len("Akela watched teh pack.\n")]
    with FeedbackStore() as store:
        assert [(d.span, d.start) for d in store.decisions()] == [("teh", start)]


class VoicedModel:
    """A proofreader stand-in that, like `Proofreader`, reports what its filter left out of
    the last check as the manuscript's voice, unless told to hear no voice (`--all-voice`)."""

    version = "fake-1"

    def __init__(self):
        self.hear_voice, self.last_voiced = True, {}

    def detect(self, text, scope=None):
        self.last_voiced = {"off of": 5, "a _": 3} if self.hear_voice and scope is not None else {}
        return [] if self.hear_voice else [Issue(text.index("off of"), text.index("off of") + 6, "grammar", "?")]


def test_check_says_which_flags_it_left_out_as_the_manuscripts_voice(tmp_path, monkeypatch):
    monkeypatch.setattr(proofreader, "load_default", lambda threads=1, cache=None, personal=True: VoicedModel())
    f = tmp_path / "ch1.txt"
    f.write_text("He got off of the raft.\n", encoding="utf-8")
    result = run("check", f)
    assert result.exit_code == 0
    assert "8 flags not listed as this manuscript's own usage" in result.stderr
    assert "“off of” ×5, “a _” ×3" in result.stderr and "--all-voice" in result.stderr
    shown = run("check", "--all-voice", f)
    assert shown.exit_code == 1 and "own usage" not in shown.stderr and "off of" in shown.stdout
