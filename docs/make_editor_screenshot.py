"""The README's picture of galleyproof in an editor: Neovim in a terminal, its built-in LSP
client attached to `galleyproof lsp`, the diagnostics shown as signs, underlines and
virtual text. Nothing in it is drawn by hand.

    uv run python docs/make_editor_screenshot.py [--out docs/neovim_diagnostics.png]

Runs Neovim (`nvim`, 0.7 or later) inside a detached tmux session of 118x17 cells, on a
short draft with a few slips, with the README's Neovim configuration and a fresh user folder;
waits until the diagnostics are on screen; opens the float of line 8's two flags (`gl`,
mapped to `vim.diagnostic.open_float`, the cursor on "london"); captures the pane with its colours (`tmux
capture-pane -e -p`); turns the ANSI colours into HTML (`ansi_to_html`, below); and has
Debian's Chromium (`/usr/bin/chromium`, through Playwright) photograph it.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
COLUMNS, ROWS = 118, 17
SESSION = "galleyproof-screenshot"

DRAFT = """Chapter One

It was late when she walked into teh house.
Not until the the afternoon did the wind rise.

"You should of told me," he said.

We sailed from london at dawn, and their was no wind.
"""

INIT_LUA = """
vim.o.termguicolors = true
vim.o.background = "dark"
vim.o.number = true
vim.o.signcolumn = "yes"
vim.o.laststatus = 2
vim.o.ruler = false
vim.o.showmode = false
vim.cmd("highlight SignColumn guibg=NONE ctermbg=NONE")
vim.cmd("highlight NormalFloat guibg=#2d2d30 guifg=#d4d4d4")
vim.cmd("highlight FloatBorder guibg=#2d2d30 guifg=#808080")
vim.keymap.set("n", "gl", function() vim.diagnostic.open_float({ border = "rounded" }) end)
vim.diagnostic.config({ virtual_text = { prefix = "●", spacing = 2 }, signs = true, underline = true,
                        severity_sort = true })
local galleyproof
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "text", "markdown", "tex" },
  callback = function(args)
    galleyproof = galleyproof or vim.lsp.start_client({
      name = "galleyproof",
      cmd = { PYTHON, "-m", "galleyproof", "lsp" },
      root_dir = vim.fn.getcwd(),
    })
    vim.lsp.buf_attach_client(args.buf, galleyproof)
  end,
})
"""

# The xterm palette: 16 system colours, a 6x6x6 cube, 24 greys.
_SYSTEM = ["#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
           "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"]
DEFAULT_FG, DEFAULT_BG = "#d4d4d4", "#1e1e1e"


def palette(n: int) -> str:
    if n < 16:
        return _SYSTEM[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#{:02x}{:02x}{:02x}".format(steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    grey = 8 + 10 * (n - 232)
    return f"#{grey:02x}{grey:02x}{grey:02x}"


_SGR = re.compile(r"\x1b\[([0-9;:]*)m")
_OTHER_ESCAPE = re.compile(r"\x1b(?:\[[0-9;:?]*[A-Za-ln-z]|\][^\x07]*\x07|[()][A-Z0-9])")


def _apply(codes: list[str], state: dict) -> None:
    """Update the pen `state` by one SGR sequence's parameters."""
    i = 0
    while i < len(codes):
        code = codes[i]
        head = code.split(":")[0]
        n = int(head) if head else 0
        if n == 0:
            state.clear()
        elif n == 1:
            state["bold"] = True
        elif n == 3:
            state["italic"] = True
        elif n == 4:
            # 4:0 is "no underline"; 4, 4:1 and 4:3 (curly) underline.
            state["underline"] = code not in ("4:0",)
        elif n == 7:
            state["reverse"] = True
        elif n == 22:
            state.pop("bold", None)
        elif n == 23:
            state.pop("italic", None)
        elif n == 24:
            state.pop("underline", None)
        elif n == 27:
            state.pop("reverse", None)
        elif 30 <= n <= 37 or 90 <= n <= 97:
            state["fg"] = palette(n - 30 if n < 90 else n - 90 + 8)
        elif 40 <= n <= 47 or 100 <= n <= 107:
            state["bg"] = palette(n - 40 if n < 100 else n - 100 + 8)
        elif n in (38, 48, 58):
            key = {38: "fg", 48: "bg", 58: "ul"}[n]
            if ":" in code:  # 38:2::r:g:b or 38:5:n
                parts = [p for p in code.split(":")[1:]]
                if parts[0] == "5":
                    state[key] = palette(int(parts[1]))
                elif parts[0] == "2":
                    r, g, b = (int(x or 0) for x in parts[-3:])
                    state[key] = f"#{r:02x}{g:02x}{b:02x}"
            elif i + 1 < len(codes) and codes[i + 1] == "5":
                state[key] = palette(int(codes[i + 2]))
                i += 2
            elif i + 1 < len(codes) and codes[i + 1] == "2":
                r, g, b = (int(x) for x in codes[i + 2 : i + 5])
                state[key] = f"#{r:02x}{g:02x}{b:02x}"
                i += 4
        elif n == 39:
            state.pop("fg", None)
        elif n == 49:
            state.pop("bg", None)
        elif n == 59:
            state.pop("ul", None)
        i += 1


def _style(state: dict) -> str:
    fg, bg = state.get("fg", DEFAULT_FG), state.get("bg", DEFAULT_BG)
    if state.get("reverse"):
        fg, bg = bg, fg
    css = [f"color:{fg}", f"background:{bg}"]
    if state.get("bold"):
        css.append("font-weight:bold")
    if state.get("italic"):
        css.append("font-style:italic")
    if state.get("underline"):
        css.append(f"text-decoration:underline wavy {state.get('ul', fg)}")
    return ";".join(css)


def ansi_to_html(captured: str) -> str:
    """A terminal capture (text with SGR colour sequences) as HTML lines of styled spans."""
    lines = []
    state: dict = {}
    for raw in captured.rstrip("\n").split("\n"):
        out, pos = [], 0
        raw = _OTHER_ESCAPE.sub("", raw)
        for m in _SGR.finditer(raw):
            if m.start() > pos:
                out.append(f'<span style="{_style(state)}">{html.escape(raw[pos:m.start()])}</span>')
            _apply(m.group(1).split(";") if m.group(1) else ["0"], state)
            pos = m.end()
        if pos < len(raw):
            out.append(f'<span style="{_style(state)}">{html.escape(raw[pos:])}</span>')
        lines.append("".join(out))
    return "\n".join(lines)


PAGE = """<!doctype html><meta charset="utf-8"><style>
body {{ margin: 0; background: {bg}; }}
pre {{ margin: 0; padding: 10px 12px; font: 15px/1.35 "DejaVu Sans Mono", monospace; color: {fg};
       background: {bg}; display: inline-block; }}
</style><pre id="term">{body}</pre>"""


def tmux(*args: str) -> str:
    # A tmux server of our own (its own socket, no config): a shared one would run Neovim in
    # the environment of whoever started it (another PYTHONPATH, another galleyproof).
    return subprocess.run(["tmux", "-L", SESSION, "-f", "/dev/null", *args], check=True, capture_output=True,
                          text=True).stdout


def capture(work: Path, timeout: float) -> str:
    """Neovim's screen, once galleyproof's diagnostics are on it, with colours."""
    draft = work / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    (work / "init.lua").write_text(INIT_LUA.replace("PYTHON", f'"{sys.executable}"'), encoding="utf-8")
    env = f"GALLEYPROOF_HOME={work / 'home'} TERM=tmux-256color COLORTERM=truecolor"
    command = f"cd {work} && env {env} nvim -u init.lua draft.txt"
    if _has_session():
        tmux("kill-server")
    tmux("new-session", "-d", "-s", SESSION, "-x", str(COLUMNS), "-y", str(ROWS), command)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            plain = tmux("capture-pane", "-p", "-t", SESSION)
            # The last of the draft's flags in view: every check has been published.
            if "●" in plain and plain.count("●") >= 4:
                tmux("send-keys", "-t", SESSION, "8G", "fl", "gl")
                time.sleep(1.5)  # let the float open and the screen settle
                return tmux("capture-pane", "-e", "-p", "-t", SESSION)
            time.sleep(0.5)
        raise TimeoutError(f"no diagnostics on screen after {timeout:.0f} s:\n{plain}")
    finally:
        tmux("kill-server")


def _has_session() -> bool:
    return subprocess.run(["tmux", "-L", SESSION, "has-session", "-t", SESSION], capture_output=True).returncode == 0


def photograph(page: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            tab = browser.new_page(device_scale_factor=1)
            tab.set_content(page)
            tab.locator("#term").screenshot(path=str(out))
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "neovim_diagnostics.png")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the diagnostics")
    args = parser.parse_args()
    for tool in ("nvim", "tmux"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed (apt-get install -y neovim tmux)")
    if not os.path.exists(CHROMIUM):
        sys.exit(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        captured = capture(Path(tmp), args.timeout)
    page = PAGE.format(bg=DEFAULT_BG, fg=DEFAULT_FG, body=ansi_to_html(captured))
    photograph(page, args.out)
    print(f"{args.out}: {args.out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
