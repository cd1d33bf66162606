import json
import shutil
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from galleyproof import proofreader
from galleyproof.cli.main import app
from galleyproof.model import versions as registry

runner = CliRunner()


def add_version(shipped, name, parent="default"):
    folder = registry.versions_dir() / f".building-{name}"
    shutil.copytree(shipped, folder)
    registry.register(folder, registry.VersionInfo(name, parent, time.time(), decisions=3))


@pytest.mark.torch
def test_default_is_active_until_told_otherwise(shipped):
    assert registry.active_version() == "default"
    assert registry.model_dir("default") == shipped
    assert [v.version for v in registry.list_versions()] == ["default"]
    assert proofreader.load_default().version == "tiny-0"


@pytest.mark.torch
def test_use_rollback_and_list(shipped):
    add_version(shipped, "learn-a")
    add_version(shipped, "learn-b", parent="learn-a")
    registry.use("learn-a")
    registry.use("learn-b")
    assert registry.active_version() == "learn-b"
    versions = registry.list_versions()
    assert [v.version for v in versions] == ["default", "learn-a", "learn-b"]
    assert versions[2].parent == "learn-a" and versions[2].decisions == 3
    assert registry.rollback() == "learn-a"
    assert registry.rollback() == "default"
    with pytest.raises(LookupError):
        registry.rollback()


@pytest.mark.torch
def test_unknown_version_is_refused(shipped):
    with pytest.raises(LookupError):
        registry.use("learn-nope")
    with pytest.raises(ValueError):
        registry.model_dir("../escape")


@pytest.mark.torch
def test_missing_active_folder_says_how_to_go_back(shipped):
    add_version(shipped, "learn-a")
    registry.use("learn-a")
    shutil.rmtree(registry.model_dir("learn-a"))
    with pytest.raises(FileNotFoundError, match="rollback"):
        proofreader.load_active_model()


@pytest.mark.torch
def test_model_cli(shipped):
    add_version(shipped, "learn-a")
    result = runner.invoke(app, ["model", "use", "learn-a"])
    assert result.exit_code == 0 and "learn-a" in result.stdout
    listing = runner.invoke(app, ["model", "list", "--json"])
    rows = {r["version"]: r for r in json.loads(listing.stdout)}
    assert rows["learn-a"]["active"] and not rows["default"]["active"]
    assert runner.invoke(app, ["model", "use", "nope"]).exit_code == 2
    assert "default" in runner.invoke(app, ["model", "rollback"]).stdout
    assert runner.invoke(app, ["model", "rollback"]).exit_code == 2
    assert "version" in runner.invoke(app, ["model", "list"]).stdout


def test_the_check_path_does_not_import_torch():
    code = ("import sys, galleyproof.cli.main, galleyproof.model.versions, galleyproof.feedback.filter, "
            "galleyproof.model.detector; assert 'torch' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
