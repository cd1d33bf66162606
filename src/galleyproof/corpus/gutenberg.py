"""Fetching Project Gutenberg eBooks as plain text, boilerplate and licence stripped."""

from __future__ import annotations

import http.client
import os
import re
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from galleyproof.corpus.clean import body_span

#: Tried in order; the second serves older eBooks that have no cache copy.
DEFAULT_URLS = (
    "https://www.gutenberg.org/cache/epub/{id}/pg{id}.txt",
    "https://www.gutenberg.org/files/{id}/{id}-0.txt",
)
#: eBook numbers of the shared corpus's reserved and eval books (see its MANIFEST.tsv):
#: fetching one into a training folder would leak it.
HELDOUT_GUTENBERG_IDS = frozenset({11, 84, 95, 155, 394})
#: A long novel is ~2 MB; anything far larger is not a book.
MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024
USER_AGENT = "galleyproof/0.1 (corpus fetch)"

_TRAILER = re.compile(
    r"^[ \t]*End of (?:the )?Project Gutenberg\b[^\n]*(?:\n[ \t]*\S[^\n]*)*\s*\Z", re.I | re.M
)
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


class FetchError(Exception):
    """A download that failed; the message is one line, fit for the terminal."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """What `fetch_book` saved, for the report line."""

    gutenberg_id: int
    path: Path
    url: str
    characters: int
    had_markers: bool


def strip_boilerplate(text: str) -> tuple[str, bool]:
    """``(text, had_markers)``: the book between the ``*** START OF``/``*** END OF`` lines,
    without a trailing "End of the Project Gutenberg EBook" paragraph, with a BOM removed,
    ``\\n`` line endings, no blank lines around it and one final newline."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    start, end = body_span(text)
    had_markers = start > 0 or end < len(text)
    body = _TRAILER.sub("", text[start:end])
    body = _LEADING_BLANK_LINES.sub("", body).rstrip()
    return (body + "\n" if body else ""), had_markers


def candidate_urls(gutenberg_id: int, mirror: str | None = None) -> list[str]:
    """URLs to try for one eBook: the mirror template's alone, or the defaults."""
    if mirror is not None and "{id}" not in mirror:
        raise FetchError(f"mirror URL template {mirror!r} has no {{id}} to put the eBook number in")
    templates = [mirror] if mirror else list(DEFAULT_URLS)
    return [t.replace("{id}", str(gutenberg_id)) for t in templates]


def download(url: str, timeout: float) -> bytes:
    """The body at ``url``; `FetchError` with the reason on any failure."""
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_DOWNLOAD_BYTES + 1)
    except urllib.error.HTTPError as err:
        raise FetchError(f"HTTP {err.code} {err.reason} from {url}") from None
    except urllib.error.URLError as err:
        raise FetchError(f"cannot reach {url}: {err.reason}") from None
    except (OSError, http.client.HTTPException, ValueError) as err:
        raise FetchError(f"download of {url} failed: {err or type(err).__name__}") from None
    if len(data) > MAX_DOWNLOAD_BYTES:
        raise FetchError(f"{url} is over {MAX_DOWNLOAD_BYTES:,} bytes; not a book")
    return data


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so a reader never sees half a book."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fetch_book(
    gutenberg_id: int, out_dir: Path, *, mirror: str | None = None, timeout: float = 30.0
) -> Fetched:
    """Download one eBook, strip the boilerplate, save it as ``out_dir/pg{id}.txt``.

    Tries each candidate URL in turn; raises `FetchError` naming every failure if none works.
    """
    failures = []
    for url in candidate_urls(gutenberg_id, mirror):
        try:
            data = download(url, timeout)
        except FetchError as err:
            failures.append(str(err))
            continue
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise FetchError(f"{url} is not UTF-8 text (byte offset {err.start})") from None
        text, had_markers = strip_boilerplate(raw)
        if not text:
            raise FetchError(f"{url} has no text between its Project Gutenberg markers")
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"pg{gutenberg_id}.txt"
        write_atomically(path, text)
        return Fetched(gutenberg_id, path, url, len(text), had_markers)
    raise FetchError(f"eBook {gutenberg_id}: " + "; ".join(failures))
