"""The README's picture of `galleyproof serve`: review a copy of examples/letter.txt, pick an issue, screenshot.

    uv run python docs/images/review_screenshot.py   # needs Debian's chromium (apt-get install chromium)

Runs in a throw-away GALLEYPROOF_HOME, so no decision of yours is used or recorded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from html_screenshot import CHROMIUM_ARGS, ROOT  # this folder's other picture: the same browser
from playwright.sync_api import sync_playwright

PORT = 8797


def main() -> None:
    work = Path(tempfile.mkdtemp())
    letter = work / "letter.txt"
    shutil.copy(ROOT / "examples" / "letter.txt", letter)
    env = os.environ | {"GALLEYPROOF_HOME": str(work / "home")}
    server = subprocess.Popen([sys.executable, "-m", "galleyproof", "serve", str(letter), "--no-open",
                               "--port", str(PORT)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()  # "...; reviewing at http://127.0.0.1:PORT/?token=... (Ctrl+C to stop)"
        url = line.split("reviewing at ")[1].split()[0]
        for _ in range(120):
            try:
                urllib.request.urlopen(url)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1100, "height": 560})
            page.goto(url)
            page.locator("mark.gp", has_text="there").click()  # "there" (manners): its suggestions in the panel
            page.screenshot(path=str(ROOT / "docs" / "images" / "review-view.png"))
            browser.close()
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
