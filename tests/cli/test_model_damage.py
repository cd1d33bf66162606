"""`model list` and `model use` with a damaged learned version: named, never a crash, never used."""

import shutil
import time

from typer.testing import CliRunner

from galleyproof.cli.main import app
from galleyproof.model import versions as registry

runner = CliRunner()


def learned_copy(name="learn-x"):
    """A learned version that is a copy of the shipped model (no torch needed)."""
    folder = registry.versions_dir() / f".building-{name}"
    shutil.copytree(registry.shipped_model_dir(), folder)
    return registry.register(folder, registry.VersionInfo(name, "default", time.time(), decisions=3))


def test_a_damaged_version_json_is_listed_as_damaged_not_a_crash():
    folder = learned_copy()
    (folder / registry.META_FILE).write_text('{"version": "learn-x", "parent"', encoding="utf-8")
    result = runner.invoke(app, ["model", "list"])
    assert result.exit_code == 0, result.output
    assert "learn-x" in result.stdout and "DAMAGED" in result.stdout
    result = runner.invoke(app, ["model", "use", "learn-x"])
    assert result.exit_code == 2 and "damaged" in result.stderr
    assert registry.active_version() == "default"


def test_a_version_with_damaged_weights_is_not_made_active():
    folder = learned_copy()
    weights = folder / "weights.npz"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte inside the arrays
    weights.write_bytes(bytes(data))
    result = runner.invoke(app, ["model", "use", "learn-x"])
    assert result.exit_code == 2 and "weights.npz" in result.stderr and "not using learn-x" in result.stderr
    assert registry.active_version() == "default"
    shutil.copy(registry.shipped_model_dir() / "weights.npz", weights)
    assert runner.invoke(app, ["model", "use", "learn-x"]).exit_code == 0
    assert registry.active_version() == "learn-x"
