"""The README's picture of the HTML view: check examples/letter.txt, focus one issue, screenshot.

    uv run python docs/images/html_screenshot.py   # needs Debian's chromium (apt-get install chromium)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    page_path = Path(tempfile.mkdtemp()) / "letter.html"
    subprocess.run([sys.executable, "-m", "galleyproof", "check", "examples/letter.txt", "--format", "html",
                    "-o", str(page_path)], cwd=ROOT, check=False)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 900, "height": 660})
        page.goto(page_path.as_uri())
        page.focus('mark.gp[data-start="315"]')  # "there" (manners): its tooltip lists the suggestions
        page.screenshot(path=str(ROOT / "docs" / "images" / "html-view.png"))
        browser.close()


if __name__ == "__main__":
    main()
