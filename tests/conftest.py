"""Shared fixtures: every test gets its own galleyproof home so the run log is isolated."""

import pytest


@pytest.fixture(autouse=True)
def galleyproof_home(tmp_path, monkeypatch):
    home = tmp_path / "galleyproof-home"
    monkeypatch.setenv("GALLEYPROOF_HOME", str(home))
    return home
