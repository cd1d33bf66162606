"""Fixtures shared across the tree: every test gets its own galleyproof home so the run log is
isolated; `shipped` is a tiny model standing in for the shipped one; `chromium` is Debian's
Chromium for the tests that render a page."""

import os

import pytest
from tiny_model import make_tiny_model


@pytest.fixture(autouse=True)
def galleyproof_home(tmp_path, monkeypatch):
    home = tmp_path / "galleyproof-home"
    monkeypatch.setenv("GALLEYPROOF_HOME", str(home))
    return home


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A tiny model standing in for the shipped default."""
    folder = make_tiny_model(tmp_path / "shipped")
    monkeypatch.setattr("galleyproof.model.versions.shipped_model_dir", lambda: folder)
    return folder


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def chromium():
    """Debian's Chromium driven by Playwright (never `playwright install`), closed after the test;
    the test is skipped where Chromium is missing."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
