"""Reading a folder of books for training, and refusing the shared corpus's held-out splits."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from galleyproof.corpus.book import Book
from galleyproof.corpus.clean import clean_text
from galleyproof.corpus.dedupe import dedupe_books
from galleyproof.text.io import read_text

#: Folders of the shared corpus (``corpus/reserved``, ``corpus/eval``) that must not be trained on.
HELDOUT_SPLITS = ("reserved", "eval")


class HeldOutCorpusError(ValueError):
    """A path inside a held-out split of the corpus, loaded without ``allow_heldout``."""


def heldout_split(path: str | os.PathLike) -> str | None:
    """The held-out split (``"reserved"`` or ``"eval"``) a path lies in, or None.

    Both the path as given and with links resolved are checked, so a link is no way round.
    """
    absolute = Path(os.path.abspath(path))
    for candidate in (absolute, absolute.resolve()):
        parts = [part.casefold() for part in candidate.parts]
        for parent, part in zip(parts, parts[1:]):
            if parent == "corpus" and part in HELDOUT_SPLITS:
                return part
    return None


def check_not_heldout(path: str | os.PathLike) -> None:
    """Raise `HeldOutCorpusError` for a path inside ``corpus/reserved`` or ``corpus/eval``."""
    split = heldout_split(path)
    if split is not None:
        raise HeldOutCorpusError(
            f"{path}: inside the held-out corpus split '{split}' (corpus/{split}); these books "
            "must never be used for training or tuning. Pass allow_heldout=True "
            "(--allow-heldout on the command line) only to evaluate on them."
        )


def book_files(root: Path) -> list[Path]:
    """``root`` itself if it is a file, else every ``*.txt`` under it, in path order."""
    if not root.exists():
        raise FileNotFoundError(errno.ENOENT, "no such file or directory", str(root))
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.txt") if p.is_file())


def load_books(directory: str | os.PathLike, *, allow_heldout: bool = False) -> list[Book]:
    """Every ``*.txt`` under ``directory`` (or that one file), cleaned, unwrapped and with
    near-duplicate paragraphs removed across books; ``source_offsets`` index the file as
    `galleyproof.text.io.read_text` returns it.

    Raises `HeldOutCorpusError` for held-out books unless ``allow_heldout``,
    `FileNotFoundError` for a missing path, `galleyproof.text.io.InputError` for a file
    that is not UTF-8 text.
    """
    root = Path(directory)
    if not allow_heldout:
        check_not_heldout(root)
    files = book_files(root)
    if not allow_heldout:
        for path in files:
            check_not_heldout(path)
    books = []
    for path in files:
        name = path.stem if path == root else path.relative_to(root).with_suffix("").as_posix()
        books.append(Book(name, path, clean_text(read_text(path))))
    return dedupe_books(books)
