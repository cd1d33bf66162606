"""`galleyproof corpus fetch` against a local HTTP server, never the internet."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from galleyproof.cli.corpus import app
from galleyproof.corpus import gutenberg
from galleyproof.corpus.gutenberg import strip_boilerplate

runner = CliRunner()

BOOK = "TINY TALES\n\nby Ann Author\n\n\n\nCHAPTER I.\n\nIt was a _dark_ night, and the wind\nblew.\n"
GUTENBERG_FILE = (
    "\ufeffThe Project Gutenberg eBook of Tiny Tales, by Ann Author\r\n\r\n"
    "This eBook is for the use of anyone anywhere in the United States and\r\n"
    "most other parts of the world at no cost and with almost no restrictions.\r\n\r\n"
    "Title: Tiny Tales\r\n\r\n"
    "*** START OF THE PROJECT GUTENBERG EBOOK TINY TALES ***\r\n\r\n\r\n"
    + BOOK.replace("\n", "\r\n")
    + "\r\n\r\nEnd of the Project Gutenberg EBook of Tiny Tales, by Ann\r\nAuthor\r\n\r\n"
    "*** END OF THE PROJECT GUTENBERG EBOOK TINY TALES ***\r\n\r\n"
    "Section 1. General Terms of Use and Redistributing Project Gutenberg-tm\r\nelectronic works\r\n"
).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path.startswith("/slow/"):
            time.sleep(1.5)
        body = self.routes.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address) -> None:
        """A client the timeout test hangs up on mid-answer: expected, so no traceback on stderr."""


@pytest.fixture
def server():
    """Base URL of a server with eBook 1234 at the cache path and 5678 only at the files path."""
    _Handler.routes = {
        "/cache/epub/1234/pg1234.txt": GUTENBERG_FILE,
        "/files/5678/5678-0.txt": GUTENBERG_FILE,
        "/slow/1234.txt": GUTENBERG_FILE,
    }
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_strip_boilerplate() -> None:
    text, had_markers = strip_boilerplate(GUTENBERG_FILE.decode("utf-8"))
    assert had_markers and text == BOOK
    assert strip_boilerplate("\n\nNo markers here.\r\n\r\n") == ("No markers here.\n", False)


def test_fetch_saves_the_stripped_book(server: str, tmp_path: Path) -> None:
    out = tmp_path / "books"
    result = runner.invoke(
        app, ["fetch", "1234", "--out", str(out), "--mirror", server + "/cache/epub/{id}/pg{id}.txt"]
    )
    assert result.exit_code == 0, result.output
    saved = out / "pg1234.txt"
    assert saved.read_bytes() == BOOK.encode("utf-8")
    assert f"saved {saved}" in result.stdout and "characters" in result.stdout
    assert [p.name for p in out.iterdir()] == ["pg1234.txt"]  # no temporary file left behind


def test_default_urls_fall_back_to_the_files_copy(server: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(
        gutenberg, "DEFAULT_URLS", (server + "/cache/epub/{id}/pg{id}.txt", server + "/files/{id}/{id}-0.txt")
    )
    result = runner.invoke(app, ["fetch", "5678", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pg5678.txt").read_text(encoding="utf-8") == BOOK


def test_404_is_a_one_line_error_and_exit_2(server: str, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["fetch", "999", "--out", str(tmp_path), "--mirror", server + "/cache/epub/{id}/pg{id}.txt"]
    )
    assert result.exit_code == 2
    assert "HTTP 404" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output and not (tmp_path / "pg999.txt").exists()


def test_unreachable_host_and_timeout_exit_2(server: str, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    result = runner.invoke(
        app, ["fetch", "1234", "--out", str(tmp_path), "--mirror", f"http://127.0.0.1:{closed_port}/{{id}}"]
    )
    assert result.exit_code == 2 and "cannot reach" in result.stderr
    result = runner.invoke(
        app,
        ["fetch", "1234", "--out", str(tmp_path), "--mirror", server + "/slow/{id}.txt", "--timeout", "0.3"],
    )
    assert result.exit_code == 2 and "timed out" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not list(tmp_path.iterdir())


def test_refuses_heldout_books_and_bad_urls(tmp_path: Path) -> None:
    result = runner.invoke(app, ["fetch", "84", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--allow-heldout" in result.stderr
    result = runner.invoke(
        app, ["fetch", "1234", "--out", str(tmp_path), "--mirror", "http://127.0.0.1:9/book.txt"]
    )
    assert result.exit_code == 2 and "{id}" in result.stderr
    result = runner.invoke(app, ["fetch", "1234", "--out", str(tmp_path), "--mirror", "nonsense/{id}"])
    assert result.exit_code == 2 and "unknown url type" in result.stderr and "Traceback" not in result.output
