"""Fixtures shared across the tree, and the `torch` marker's guard.

Every test gets its own galleyproof home so the run log is isolated. `shipped` is a tiny model
standing in for the shipped one; `chromium` is Debian's Chromium for the tests that render a page.

Tests that need PyTorch skip where it is missing (`pytest.importorskip("torch")`) and are marked
`torch`: the whole module with `pytestmark = pytest.mark.torch`, or one test with the decorator.
`.ci/run` runs the suite once without torch, then installs it and runs `pytest -m torch`. A test
that skips for lack of torch without the marker would run in neither phase, so it fails instead.
"""

import os

import pytest
from tiny_model import make_tiny_model

NO_TORCH = "could not import 'torch'"
UNMARKED = "skips without torch but is not marked `torch`: add `pytestmark = pytest.mark.torch` or @pytest.mark.torch"


def _skipped_for_lack_of_torch(report) -> bool:
    return report.skipped and isinstance(report.longrepr, tuple) and NO_TORCH in report.longrepr[2]


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    report = (yield).get_result()
    if (
        isinstance(collector, pytest.Module)
        and _skipped_for_lack_of_torch(report)
        and "pytest.mark.torch" not in collector.path.read_text(encoding="utf-8")
    ):
        report.outcome, report.longrepr = "failed", f"{collector.nodeid} {UNMARKED}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    if _skipped_for_lack_of_torch(report) and item.get_closest_marker("torch") is None:
        report.outcome, report.longrepr = "failed", f"{item.nodeid} {UNMARKED}"


@pytest.fixture(autouse=True)
def galleyproof_home(tmp_path, monkeypatch):
    home = tmp_path / "galleyproof-home"
    monkeypatch.setenv("GALLEYPROOF_HOME", str(home))
    return home


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A tiny model standing in for the shipped default (needs torch: mark the test `torch`)."""
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
