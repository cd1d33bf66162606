import json

import numpy as np
import pytest
from typer.testing import CliRunner

pytestmark = pytest.mark.torch
pytest.importorskip("torch")

from tiny_model import PROSE  # noqa: E402

from galleyproof.cli.main import app  # noqa: E402
from galleyproof.feedback.filter import PersonalFilter  # noqa: E402
from galleyproof.feedback.store import FeedbackStore, make_decisions  # noqa: E402
from galleyproof.issues import Issue  # noqa: E402
from galleyproof.model import versions as registry  # noqa: E402
from galleyproof.model.detector import ModelDetector  # noqa: E402
from galleyproof.training.learn import (  # noqa: E402
    Gate,
    LearnConfig,
    NothingToLearn,
    _honoured,
    flag_counts,
    latest_decisions,
    learn,
    voiced_documents,
)

runner = CliRunner()
DOC = "\n\n".join(PROSE) + "\n"
# The tiny model's thresholds (0.3) are its `precise`; at `thorough` (0.1) it flags every token.
FAST = dict(steps=80, batch_size=8, lr=3e-3, blocks=1, max_seconds=25, sensitivity="precise")


def reject_tobin(tmp_path):
    """The writer rejects a flag on the name "Tobin" and accepts one on "kneading"."""
    path = tmp_path / "story.txt"
    path.write_text(DOC, encoding="utf-8")
    tobin, knead = DOC.index("Tobin"), DOC.index("kneading")
    verdicts = [(Issue(tobin, tobin + 5, "spelling", "?"), "rejected", None),
                (Issue(knead, knead + 8, "grammar", "?"), "accepted", None)]
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(path, DOC, verdicts, "tiny-0"))


def test_nothing_recorded_is_refused(shipped):
    with pytest.raises(NothingToLearn):
        learn(LearnConfig(**FAST), say=lambda _: None)
    assert runner.invoke(app, ["learn"]).exit_code == 2


def test_learn_makes_a_version_that_honours_the_rejection(shipped, tmp_path):
    reject_tobin(tmp_path)
    # Forced: the tiny random model may flag its one unseen paragraph more after learning.
    result = learn(LearnConfig(**FAST, min_rejected_honoured=0.0, min_accepted_kept=0.0, force=True),
                   say=lambda _: None)
    g = result.gate
    assert g.rejected == 1 and g.accepted == 1 and g.eval_pass is None
    assert result.kept and g.passed == (g.decisions_pass and g.flags_after <= g.flags_before)
    assert any("partial" in w for w in result.warnings)
    assert registry.active_version() == result.version
    (meta,) = [v for v in registry.list_versions() if v.version == result.version]
    assert meta.parent == "default" and meta.decisions == 2 and meta.gate["passed"] == g.passed
    assert meta.gate["forced"] == (not g.passed)
    # The gate's numbers are what the kept model does.
    with FeedbackStore() as store:
        decisions = latest_decisions(store.decisions())
    child = ModelDetector(registry.model_dir(result.version))
    assert g.sensitivity == "precise"
    assert _honoured(child, decisions, {}, sensitivity="precise") == (g.rejected_learned, g.accepted_kept)
    assert _honoured(child, decisions, {}, PersonalFilter.from_store(child).keeps, "precise")[0] == g.rejected_honoured
    assert child.version == result.version
    # the tiny model flags nearly everything; after learning, the rejected name is free
    assert g.rejected_learned_before == 0 and g.rejected_learned == 1
    assert g.rejected_honoured >= g.rejected_learned  # the filter only ever drops flags
    assert registry.rollback() == "default"


def test_recall_gate_decides_consistently_with_its_numbers(shipped, tmp_path):
    reject_tobin(tmp_path)
    text = "The baker walked to teh gate and lookd at the windows of the old house."
    errors = [{"start": text.index("teh"), "end": text.index("teh") + 3, "wrong": "teh", "correct": "the"},
              {"start": text.index("lookd"), "end": text.index("lookd") + 5, "wrong": "lookd", "correct": "looked"}]
    eval_file = tmp_path / "eval.jsonl"
    eval_file.write_text("".join(
        json.dumps({"id": f"s-{k}", "category": "spelling", "text": text, "errors": errors}) + "\n"
        for k in range(8)), encoding="utf-8")
    result = learn(LearnConfig(**FAST, eval_path=eval_file), say=lambda _: None)
    g = result.gate
    assert g.recall_before is not None and g.p_value is not None
    expected = (g.recall_delta >= -g.max_recall_drop and (g.p_value >= g.alpha or g.recall_delta >= 0)
                and g.decisions_pass and g.flags_after <= g.flags_before)
    assert g.passed == expected and result.kept == expected
    assert registry.active_version() == (result.version if expected else "default")
    assert (registry.versions_dir() / result.version).exists() == expected
    assert not list(registry.versions_dir().glob(".building-*"))


def test_the_gate_judges_rejections_as_check_runs_them_the_model_behind_the_filter():
    gate = Gate(rejected=22, rejected_honoured_before=22, rejected_honoured=21, accepted=0, accepted_kept_before=0,
                accepted_kept=0, min_rejected_honoured=0.9, min_accepted_kept=0.9,
                rejected_learned_before=0, rejected_learned=7)
    assert gate.decisions_pass  # 7/22 learned by the model alone is reported, not gated
    gate.rejected_honoured = 19  # rejected flags back in spans or categories the filter misses
    assert not gate.decisions_pass
    gate.rejected_honoured_before = 19  # ... but no more than the parent's behind the same filter
    assert gate.decisions_pass
    assert LearnConfig().min_rejected_honoured == 0.9


def test_a_recall_drop_of_exactly_the_bound_passes():
    gate = Gate(rejected=0, rejected_honoured_before=0, rejected_honoured=0, accepted=0, accepted_kept_before=0,
                accepted_kept=0, min_rejected_honoured=0.9, min_accepted_kept=0.9, recall_before=0.3275,
                recall_after=0.3175, p_value=0.39, max_recall_drop=0.01)
    assert gate.recall_delta < -0.01 and gate.eval_pass  # 131/400 -> 127/400 in floats
    gate.recall_after = 0.315
    assert not gate.eval_pass


def test_learn_cli_prints_the_gate(shipped, tmp_path):
    reject_tobin(tmp_path)
    result = runner.invoke(app, ["learn", "--steps", "20", "--max-seconds", "20", "--min-honoured", "0", "--force"])
    assert result.exit_code == 0, result.output
    assert "gate, decisions: rejected spans no longer flagged (model + your filter)" in result.stdout
    assert "by the model alone" in result.stdout
    assert "gate, eval: skipped" in result.stdout
    assert "gate, flags (thorough, with your filter) on 1 of your paragraphs it never trained on" in result.stdout
    bad = runner.invoke(app, ["learn", "--sensitivity", "loud"])
    assert bad.exit_code == 2 and "unknown sensitivity" in bad.output
    assert "now active" in result.stdout


def test_learn_judges_at_the_projects_sensitivity(shipped, tmp_path, monkeypatch):
    """Without --sensitivity, `learn` run in a project gates at the project's setting, as `check` there
    would flag; a bad setting is named."""
    reject_tobin(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "galleyproof.toml").write_text('sensitivity = "precise"\n', encoding="utf-8")
    result = runner.invoke(app, ["learn", "--steps", "5", "--max-seconds", "10", "--min-honoured", "0", "--force"])
    assert result.exit_code == 0, result.output
    assert "gate, flags (precise, with your filter)" in result.stdout
    (tmp_path / "galleyproof.toml").write_text('sensitivity = "loud"\n', encoding="utf-8")
    bad = runner.invoke(app, ["learn"])
    assert bad.exit_code == 2 and "sensitivity must be one of" in bad.output


def test_cached_trunk_then_top_is_the_full_forward(shipped):
    import torch

    from galleyproof.training.examples import Example, collate
    from galleyproof.training.learn import load_tagger, top_logits, trunk_states

    model, _ = load_tagger(shipped)
    model.eval()
    rng = np.random.default_rng(0)
    examples = [Example(rng.integers(2, 300, n), rng.integers(0, 24, n), rng.integers(0, 8, n)) for n in (12, 7)]
    ids, lex, _, mask = (torch.from_numpy(a) for a in collate(examples))
    states = trunk_states(model, examples, frozen=1)
    x = torch.zeros(2, 12, states[0].shape[-1])
    x[0], x[1, :7] = states[0], states[1]
    with torch.no_grad():
        expected = model(ids, lex, mask)[mask]
        torch.testing.assert_close(top_logits(model, x, mask, 1)[mask], expected, atol=1e-5, rtol=1e-5)


def test_learn_replays_the_book_paragraphs_the_folder_carries_and_passes_them_on(shipped, tmp_path):
    from galleyproof.corpus import Book, Paragraph
    from galleyproof.training.replay import REPLAY_FILE, read_replay, write_replay

    books = [Book("b", tmp_path / "b.txt", [Paragraph(p * 2) for p in PROSE])]
    assert write_replay(books, shipped, n=3, seed=1) == 3
    sample = read_replay(shipped)
    assert len(set(sample)) == 3 and set(sample) <= {p * 2 for p in PROSE}
    write_replay(books, tmp_path, n=3, seed=1)
    assert (tmp_path / REPLAY_FILE).read_bytes() == (shipped / REPLAY_FILE).read_bytes()  # seeded, byte for byte
    reject_tobin(tmp_path)
    lines = []
    result = learn(LearnConfig(**FAST, book_replay_windows=5, force=True), say=lines.append)
    assert any("5 noisy windows of 3 training-book paragraphs" in line for line in lines)
    assert read_replay(registry.model_dir(result.version)) == sample
    assert read_replay(tmp_path / "nowhere") == []


def test_a_parent_with_an_onnx_graph_gives_the_new_version_its_own(shipped, tmp_path):
    """The child's thresholds are matched on the scores it will run with: a graph made from
    its own weights when the parent ran one (`model export-onnx`)."""
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    from galleyproof.model.folder import ONNX_FILE
    from galleyproof.model.onnx_export import export_onnx
    from galleyproof.model.onnx_tagger import OnnxTagger

    parent_graph = export_onnx(shipped).read_bytes()
    reject_tobin(tmp_path)
    result = learn(LearnConfig(**FAST, force=True), say=lambda _: None)
    folder = registry.model_dir(result.version)
    child_graph = (folder / ONNX_FILE).read_bytes()
    assert child_graph != parent_graph  # made from the child's weights
    assert isinstance(ModelDetector(folder).tagger, OnnxTagger)


def decide(path, text, verdicts):
    """Record (word, verdict) decisions on the first occurrence of each word of `text`, saved at `path`."""
    path.write_text(text, encoding="utf-8")
    issues = [(Issue(text.index(w), text.index(w) + len(w), "grammar", "?"), v, None) for w, v in verdicts]
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(path, text, issues, "tiny-0"))
    with FeedbackStore() as store:
        return latest_decisions(store.decisions())


def test_a_document_is_in_a_voice_when_nearly_all_its_verdicts_are_rejections(tmp_path):
    voiced = decide(tmp_path / "dialect.txt", DOC, [("Tobin", "rejected"), ("baker", "rejected"),
                                                    ("kneading", "rejected")])
    assert voiced_documents(voiced) == {str((tmp_path / "dialect.txt").resolve())}
    # Two rejections are not yet a voice; a writer who accepts flags there has slips to find.
    assert voiced_documents(voiced[:2]) == set()
    mixed = decide(tmp_path / "draft.txt", DOC, [("Tobin", "rejected"), ("baker", "rejected"),
                                                 ("kneading", "rejected"), ("Mara", "accepted")])
    assert str((tmp_path / "draft.txt").resolve()) not in voiced_documents(mixed)  # 3 of 4 rejected: under 0.8


def test_learn_replays_the_flagged_paragraphs_of_a_document_in_a_voice(shipped, tmp_path):
    text = "\n\n".join(PROSE * 2) + "\n"
    decide(tmp_path / "dialect.txt", text, [("Tobin", "rejected"), ("baker", "rejected"), ("kneading", "rejected")])
    lines = []
    result = learn(LearnConfig(**FAST, force=True), say=lines.append)
    # The tiny model flags every paragraph: none is clean-looking, and all but the unseen
    # quarter (and the duplicates read once) are replayed as the writer wrote them.
    assert result.voice_paragraphs == 4 and result.replay_paragraphs == 4
    assert any("4 flagged paragraphs in the writer's voice" in line for line in lines)
    g = result.gate
    assert g.unseen_paragraphs == 1 and g.flags_before > 0
    assert registry.rollback() == "default"
    off = learn(LearnConfig(**FAST, force=True, voice=False), say=lambda _: None)
    assert off.voice_paragraphs == 0 and off.replay_paragraphs == 0


def test_the_gate_refuses_a_version_that_raises_more_flags_on_unseen_paragraphs():
    gate = Gate(rejected=20, rejected_honoured_before=20, rejected_honoured=20, accepted=0, accepted_kept_before=0,
                accepted_kept=0, min_rejected_honoured=0.9, min_accepted_kept=0.9, unseen_paragraphs=100,
                flags_before=25, flags_after=25)
    assert gate.passed and gate.to_json()["alarms_pass"]
    gate.flags_after = 26
    assert not gate.alarms_pass and not gate.passed


def test_the_gate_judges_the_decisions_at_the_writers_sensitivity(tmp_path, monkeypatch):
    """At its own thresholds (0.99, `precise`) this model lets "old" pass; at `thorough`'s (0.1),
    the sensitivity `check` runs by default, it flags it, and the gate says so."""
    from tiny_model import make_tiny_model

    from galleyproof.proofreader import Proofreader

    folder = make_tiny_model(tmp_path / "shipped", threshold=0.99)
    monkeypatch.setattr("galleyproof.model.versions.shipped_model_dir", lambda: folder)
    decisions = decide(tmp_path / "story.txt", DOC, [("old", "rejected")])
    parent = ModelDetector(folder)
    assert _honoured(parent, decisions, {}, sensitivity="precise") == (1, 0)
    assert _honoured(parent, decisions, {}, sensitivity="thorough") == (0, 0)
    checker = Proofreader(parent)
    assert flag_counts(PROSE, checker, "precise") != flag_counts(PROSE, checker, "thorough")
    options = {k: v for k, v in FAST.items() if k != "sensitivity"}
    g = learn(LearnConfig(**options, force=True), say=lambda _: None).gate
    assert g.sensitivity == "thorough" and g.rejected_learned_before == 0
    assert registry.rollback() == "default"
    g = learn(LearnConfig(**FAST, force=True), say=lambda _: None).gate
    assert g.sensitivity == "precise" and g.rejected_learned_before == 1


def test_learn_trains_on_the_cores_other_work_leaves_free(monkeypatch):
    from galleyproof.training import learn as learning

    monkeypatch.setattr(learning.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(learning.os, "getloadavg", lambda: (1.0, 1.0, 1.0))  # this process alone
    assert learning.free_cores() == 2
    monkeypatch.setattr(learning.os, "getloadavg", lambda: (7.0, 6.0, 5.0))  # helpers, a training run
    assert learning.free_cores() == 1

    def no_load():
        raise OSError("no load average")

    monkeypatch.setattr(learning.os, "getloadavg", no_load)
    assert learning.free_cores() == 2


def test_the_gates_flag_counts_read_each_paragraph_in_its_manuscript_voice_included(tmp_path):
    """The unseen paragraphs are counted as `check` reads them in their manuscript: a construction
    the writer's voice leaves out there (rejected frame "a _", flagged three times) is no flag."""
    from galleyproof.feedback.store import scope_of
    from galleyproof.issues import Issue as Flag
    from galleyproof.training.learn import paragraph_scopes

    class Constructions:
        version = "fake-1"

        def detect(self, text):
            out, start = [], text.find("a heard")
            while start >= 0:
                out.append(Flag(start, start + 7, "grammar", "?", score=0.8))
                start = text.find("a heard", start + 1)
            return out

    folder = tmp_path / "novel"
    folder.mkdir()
    path = folder / "ch1.txt"
    ruled = "He come in. I says so. He begun it. I a noticed it."
    path.write_text(ruled, encoding="utf-8")
    issues = [(Flag(ruled.index(s), ruled.index(s) + len(s), "grammar", "?", score=0.8), "rejected", None)
              for s in ("come", "says", "begun", "a noticed")]
    with FeedbackStore() as store:
        store.add_decisions(make_decisions(path, ruled, issues, scope=scope_of(path, root=folder)))
        decisions = latest_decisions(store.decisions())
    unseen = ["She would a heard it then.", "You might a heard them.", "We could a heard him."]
    writer = PersonalFilter.from_store(Constructions())
    assert flag_counts(unseen, writer) == [1, 1, 1]  # no manuscript named: no voice
    scopes = {p: scope_of(path, root=folder) for p in unseen}
    assert flag_counts(unseen, writer, scopes=scopes) == [0, 0, 0]
    assert paragraph_scopes(decisions, {})[ruled] == scope_of(path, root=folder)
