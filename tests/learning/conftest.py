"""Fixtures for registry and learning tests: a tiny model standing in for the shipped one."""

import pytest
from tiny_model import make_tiny_model


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A tiny model standing in for the shipped default."""
    folder = make_tiny_model(tmp_path / "shipped")
    monkeypatch.setattr("galleyproof.model.versions.shipped_model_dir", lambda: folder)
    return folder
