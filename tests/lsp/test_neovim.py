"""Debian's Neovim, headless, with its built-in LSP client and the README's configuration,
opens a file and reads galleyproof's diagnostics, hover and code actions back, as a user's
editor would (skipped where `nvim` is missing; `.ci/run` installs it)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
PROBE = """
vim.api.nvim_create_autocmd("DiagnosticChanged", { callback = function(args)
  local d = vim.diagnostic.get(args.buf)
  if #d == 0 then return end
  for _, x in ipairs(d) do
    io.stdout:write(string.format("diagnostic %d:%d-%d %s\\n", x.lnum, x.col, x.end_col, x.message))
  end
  local params = { textDocument = vim.lsp.util.make_text_document_params(args.buf),
                   position = { line = 0, character = 20 } }
  for _, r in pairs(vim.lsp.buf_request_sync(args.buf, "textDocument/hover", params, 10000) or {}) do
    io.stdout:write("hover " .. vim.inspect(r.result and r.result.contents.value) .. "\\n")
  end
  params.range = { start = params.position, ["end"] = params.position }
  params.context = { diagnostics = {} }
  for _, r in pairs(vim.lsp.buf_request_sync(args.buf, "textDocument/codeAction", params, 10000) or {}) do
    for _, a in ipairs(r.result or {}) do io.stdout:write("action " .. a.title .. "\\n") end
  end
  vim.cmd("qall!")
end })
vim.defer_fn(function() io.stdout:write("timeout\\n"); vim.cmd("qall!") end, 240000)
"""


def readme_config(version: tuple[int, int]) -> str:
    """The README's Neovim configuration for this Neovim (0.8+, or the one for 0.7)."""
    blocks = re.findall(r"```lua\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    lua = blocks[0] if version >= (0, 8) else blocks[1]
    return lua.replace('{ "galleyproof", "lsp" }', f'{{ "{sys.executable}", "-m", "galleyproof", "lsp" }}')


# Generous limits, not a measure of speed: on this shared 2-core machine under load, starting
# the server (imports, the model) has taken over 40 s where it takes 3 s unloaded.
def test_neovim_shows_the_diagnostics_hover_and_fixes(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("nvim not installed (apt-get install neovim)")
    found = re.search(r"NVIM v(\d+)\.(\d+)", subprocess.run([nvim, "--version"], capture_output=True,
                                                            text=True).stdout)
    (tmp_path / "init.lua").write_text(readme_config((int(found[1]), int(found[2]))) + PROBE, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("🎉 She walked into teh house and sat down.\n\nIt was a dark  night.\n", encoding="utf-8")
    done = subprocess.run([nvim, "--headless", "-u", str(tmp_path / "init.lua"), str(draft)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    out = done.stdout + done.stderr
    # Neovim counts columns in bytes: the emoji is 4, so "teh" is at 21 (UTF-16 22, Python 18).
    assert "diagnostic 0:21-24 Possible misspelling" in out, out
    assert "night" not in out  # the config's init_options leave whitespace out
    assert "Suggestions: “the”" in out and "action Replace “teh” with “the”" in out, out
    assert "action Not an error: ignore this spelling flag" in out and "action Fix all safe issues" in out, out
