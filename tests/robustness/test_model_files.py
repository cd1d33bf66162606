"""A damaged model folder: `check` names the file and the way back in one line, exit 2."""

import gzip
import json
import shutil
import time

import numpy as np
import pytest
from typer.testing import CliRunner

from galleyproof.cli.main import app
from galleyproof.model import versions as registry
from galleyproof.model.files import ModelFilesError, check_model_dir, diagnose
from galleyproof.model.folder import MODEL_FILES, ONNX_FILE, PAIR_THRESHOLDS
from galleyproof.model.versions import shipped_model_dir

runner = CliRunner()


def truncate(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def flip_middle_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0xFF  # inside the token embeddings' compressed data
    path.write_bytes(bytes(data))


def drop_an_array(path):
    with np.load(path) as npz:
        arrays = {k: npz[k] for k in npz.files if k != "head.bias"}
    np.savez(path, **arrays)


def remove(path):
    path.unlink()


def make_directory(path):
    path.unlink()
    path.mkdir()


def write(content: bytes):
    return lambda path: path.write_bytes(content)


DAMAGES = {
    "config-invalid-json": ("config.json", write(b'{"n_layer": 4,')),
    "config-missing-key": ("config.json", write(json.dumps({"n_layer": 4}).encode())),
    "thresholds-invalid-json": ("thresholds.json", write(b"spelling: 0.5")),
    "thresholds-bad-value": ("thresholds.json", write(b'{"spelling": "high"}')),
    "weights-truncated": ("weights.npz", truncate),
    "weights-flipped-byte": ("weights.npz", flip_middle_byte),
    "weights-not-zip": ("weights.npz", write(b"not a zip archive")),
    "weights-directory": ("weights.npz", make_directory),
    "weights-missing-array": ("weights.npz", drop_an_array),
    "tokenizer-truncated": ("tokenizer.json", truncate),
    "tokenizer-not-a-tokenizer": ("tokenizer.json", write(b"{}")),
    "lexicon-truncated": ("lexicon.tsv.gz", truncate),
    "lexicon-not-gzip": ("lexicon.tsv.gz", write(b"the\t10\t0\n")),
    "lexicon-bad-count": ("lexicon.tsv.gz", write(gzip.compress(b"the\tmany\t0\n"))),
    "pairs-truncated": ("pairs.npz", truncate),
    "pairs-not-zip": ("pairs.npz", write(b"not a zip archive")),
    # The shipped thresholds were tuned with the pair table: without it, fewer flags, silently.
    "missing-pairs.npz": ("pairs.npz", remove),
    "graph-truncated": ("tagger.int8.onnx", truncate),
    "graph-not-onnx": ("tagger.int8.onnx", write(b"not a graph")),
    **{f"missing-{name}": (name, remove) for name in MODEL_FILES},
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return shutil.copytree(shipped_model_dir(), tmp_path_factory.mktemp("pristine") / "default")


@pytest.fixture
def shipped(pristine, tmp_path, monkeypatch):
    """A copy of the shipped model standing in for it, free to damage."""
    folder = shutil.copytree(pristine, tmp_path / "shipped")
    monkeypatch.setattr("galleyproof.model.versions.shipped_model_dir", lambda: folder)
    return folder


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text("She walked into teh house.\n", encoding="utf-8")
    return p


def assert_one_line_naming(result, name):
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0]
    assert "Traceback" not in result.output
    return lines[0]


def test_the_shipped_model_is_whole():
    check_model_dir(shipped_model_dir())


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_damaged_shipped_file_is_named_with_reinstall(shipped, draft, damage):
    name, spoil = DAMAGES[damage]
    spoil(shipped / name)
    if damage == "weights-flipped-byte" and (shipped / ONNX_FILE).exists():
        # `check` runs the graph and reads only the weights' headers (a flip in the data
        # does not reach them); `model use` and `learn`, which read the weights, name the file.
        assert runner.invoke(app, ["check", str(draft)]).exit_code in (0, 1)
        assert diagnose(shipped).path == str(shipped / name)
        return
    line = assert_one_line_naming(runner.invoke(app, ["check", str(draft)]), name)
    assert str(shipped / name) in line and "reinstall" in line


def test_a_damaged_graph_is_named_before_a_damaged_file_read_beside_it(shipped, draft):
    # The graph loads on a thread of its own while the other files are read; it loaded
    # first before, and its damage is still the one named when both are damaged.
    truncate(shipped / ONNX_FILE)
    (shipped / "pairs.npz").write_bytes(b"not a zip archive")  # past the quick check: its loader finds it
    assert_one_line_naming(runner.invoke(app, ["check", str(draft)]), ONNX_FILE)


def test_a_model_trained_before_the_pair_table_still_checks_without_one(shipped, draft):
    # Such a model has no pair table, and no thresholds that use one.
    thresholds = json.loads((shipped / "thresholds.json").read_text(encoding="utf-8"))
    older = {k: v for k, v in thresholds.items() if k not in PAIR_THRESHOLDS}
    (shipped / "thresholds.json").write_text(json.dumps(older), encoding="utf-8")
    (shipped / "pairs.npz").unlink()
    result = runner.invoke(app, ["check", str(draft)])
    assert result.exit_code in (0, 1) and not result.stderr


def test_damaged_learned_version_points_at_rollback(shipped, draft):
    folder = registry.versions_dir() / ".building-learn-a"
    shutil.copytree(shipped, folder)
    registry.register(folder, registry.VersionInfo("learn-a", "default", time.time()))
    registry.use("learn-a")
    truncate(registry.model_dir("learn-a") / "weights.npz")
    line = assert_one_line_naming(runner.invoke(app, ["check", str(draft)]), "weights.npz")
    assert "learn-a" in line and "galleyproof model rollback" in line and "model use default" in line
    # The way out it names works: back on the whole shipped model, check runs again.
    assert runner.invoke(app, ["model", "use", "default"]).exit_code == 0
    assert runner.invoke(app, ["check", str(draft)]).exit_code in (0, 1)


def test_eval_refuses_a_damaged_model_the_same_way(shipped, draft):
    (shipped / "thresholds.json").write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["eval", "--clean", str(draft)])
    assert "reinstall" in assert_one_line_naming(result, "thresholds.json")


def test_error_is_one_line_whatever_the_library_said(tmp_path):
    err = ModelFilesError(tmp_path / "weights.npz", "is damaged (line one\nline two)", "retrain it")
    assert "\n" not in str(err) and "line one line two" in str(err)
    assert isinstance(err, ValueError)  # so older `except ValueError` refusals still catch it


def test_the_shipped_model_needs_its_pair_table(tmp_path):
    folder = tmp_path / "default"
    shutil.copytree(shipped_model_dir(), folder)
    (folder / "pairs.npz").unlink()
    with pytest.raises(ModelFilesError, match="pairs.npz is missing"):
        check_model_dir(folder)
