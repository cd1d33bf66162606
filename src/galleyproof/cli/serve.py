"""`galleyproof serve FILE`: review a manuscript in the browser, on this machine."""

from __future__ import annotations

import ipaddress
import socket
import threading
from pathlib import Path

import typer

from galleyproof.cli.check import fast_gil_switch, passage_cache
from galleyproof.cli.common import fail, load_proofreader
from galleyproof.threads import default_threads


def _free(host: str, port: int) -> OSError | None:
    """Why `host:port` cannot be listened on, or None if it can (checked before the server
    starts, so a busy port gives one clear line instead of a server log)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as err:
            return err
    return None


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def serve(
    file: Path = typer.Argument(..., help="The UTF-8 text file to review.", show_default=False),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; the default lets only this machine in, 0.0.0.0 every machine that can reach this one (with the token, by this machine's names)."),
    allow_host: list[str] = typer.Option([], "--allow-host", help="Another name the page may be reached by (a Host header value; repeatable).", show_default=False),
    port: int = typer.Option(8765, "--port", min=1, max=65535),
    in_place: bool = typer.Option(
        False, "--in-place", help="Save over FILE itself, keeping the original as FILE.bak (default: FILE.fixed.txt)."
    ),
    force: bool = typer.Option(False, "--force", help="With --in-place: overwrite an existing FILE.bak."),
    open_browser: bool = typer.Option(True, "--open/--no-open", help="Open the page in the default browser."),
    threads: int = typer.Option(0, "--threads", "-j", min=0, help="Threads to run the model on; 0: one per core, at most 4."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Score every paragraph afresh on each re-check."),
) -> None:
    """Review FILE in the browser: each flag with its suggestions, accept or pick one, type a
    replacement, say it is not an error, or add the word to the dictionary. Every verdict is
    recorded (as with `check --fix -i`) and the text re-checked at once; nothing is written
    until you save. Stop with Ctrl+C; edits not saved by then go to FILE.fixed.txt."""
    # Imported when the command runs, not when any command starts (start-up time).
    import webbrowser

    import uvicorn

    from galleyproof.review import fix
    from galleyproof.review.server import allowed_hosts, create_app, new_token
    from galleyproof.review.session import Review
    from galleyproof.text.io import InputError, read_text

    try:  # the file first: a bad one is refused before anything starts
        read_text(file)
        if in_place:
            fix.ensure_backup_free(file, force)
    except (InputError, fix.FixError) as err:
        raise fail(str(err)) from None
    if not _is_loopback(host):
        typer.secho(
            f"WARNING: listening on {host}, not on this machine only: anyone who can reach port {port} "
            "and learns the token can read and change this manuscript. The traffic is not encrypted. "
            "Use the default --host 127.0.0.1 unless you mean it.", err=True, fg="red", bold=True,
        )
    busy = _free(host, port)
    if busy is not None:
        raise fail(f"cannot listen on {host}:{port}: {busy.strerror or busy}; pick another --port")
    with passage_cache(not no_cache) as cache, fast_gil_switch():
        # Unfiltered: the review puts the writer's filter back on, fresh for each check.
        model = load_proofreader(threads or default_threads(), cache, personal=False)
        try:
            review = Review(file, model, in_place=in_place, force=force)
        except (InputError, fix.FixError) as err:
            raise fail(str(err)) from None
        shown_host = f"[{host}]" if ":" in host else host
        token = new_token()
        url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown_host}:{port}/?token={token}"
        n = len(review.issues)
        typer.echo(f"{file}: {n} issue{'s' if n != 1 else ''}; reviewing at {url} (Ctrl+C to stop)")
        app = create_app(review, allowed_hosts(host, allow_host), token)
        server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
        if open_browser:
            threading.Timer(0.5, webbrowser.open, (url,)).start()
        try:
            server.run()  # uvicorn raises the Ctrl+C it caught again once it has shut down
        except KeyboardInterrupt:
            pass
        finally:
            if review.unsaved:
                target, aside = review.write_leftover()
                kept = f" (the earlier one kept as {aside})" if aside else ""
                typer.echo(f"{file}: unsaved edits written to {target}{kept}")
