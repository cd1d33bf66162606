"""Build the lookup tables shipped in `galleyproof/data/`: one command for all of them.

Most tables are counted from a folder of books, less `HELD_OUT_BOOKS` (the default model's
validation books and the book benchmarks/learning.py leaves out), so that the rules can be
measured on books they were not counted on. Two are derived instead: `articles` from the gap
table's counts, `more_words` from pyspellchecker's dictionary. Rebuild one table, or every
table counted from the corpus (and `articles` from the new gap table), with

    uv run python -m galleyproof.training.tables NAME --corpus ../shared/corpus/train
    uv run python -m galleyproof.training.tables all --corpus ../shared/corpus/train
    uv run python -m galleyproof.training.tables articles
    uv run --with pyspellchecker==0.9.1 python -m galleyproof.training.tables more_words

`--out PATH` writes elsewhere (a folder for `all`) instead of over the shipped file;
`--exclude NAME...` replaces the held-out list. The check path never imports this module:
it only reads the shipped files (`galleyproof.english.tables.shipped_table`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from galleyproof.corpus.book import Book
from galleyproof.corpus.load import load_books
from galleyproof.english import gaps, wordlist
from galleyproof.rules import articles, commas, confusions, dialogue, forms, missing_words, modal_verbs

#: Books of the shared corpus no shipped table is counted on: the default model's validation
#: books and the book left out for benchmarks/learning.py.
HELD_OUT_BOOKS: tuple[str, ...] = (
    "austen_persuasion",
    "crane_the_red_badge_of_courage",
    "eliot_middlemarch",
    "hardy_far_from_the_madding_crowd",
    "twain_adventures_of_huckleberry_finn",
    "wells_the_war_of_the_worlds",
    "kipling_the_jungle_book",
)
#: Where the shipped tables live (the source tree, in a development checkout).
DATA_DIR = Path(str(resources.files("galleyproof.data")))


@dataclass(frozen=True)
class Table:
    """One shipped table: its file in `galleyproof/data/`, and how it is built. `count(texts,
    out)` counts it from the corpus's paragraphs; `derive(source, out)` makes it from the
    tables in the folder `source` (or from elsewhere). Either writes `out` and returns a summary."""

    file: str
    about: str
    count: Callable[[Iterable[str], Path], str] | None = None
    derive: Callable[[Path, Path], str] | None = None


def _count_gaps(texts: Iterable[str], out: Path) -> str:
    table = gaps.GapCounts.from_texts(texts)
    table.save(out)
    pairs = sum(map(len, table.follows.values())) + sum(map(len, table.precedes.values()))
    return f"{pairs:,} pairs"


def _count_commas(texts: Iterable[str], out: Path) -> str:
    table = commas.CommaTable.from_texts(texts)
    table.save(out)
    wanted = sum(c > n for c, n in table.counts.values())
    return f"{len(table.counts):,} pairs ({wanted:,} with a comma)"


def _count_confusions(texts: Iterable[str], out: Path) -> str:
    table = confusions.ConfusionTable.from_texts(texts)
    table.save(out)
    return f"{len(table.before) + len(table.after):,} entries"


def _count_dialogue_tags(texts: Iterable[str], out: Path) -> str:
    tags = dialogue.tag_words(*dialogue.count_tags(texts))
    dialogue.save_tags(tags, out)
    return f"{len(tags)} tag words"


def _count_forms(texts: Iterable[str], out: Path) -> str:
    table = forms.FormTable.from_texts(texts)
    table.save(out)
    return f"{len(table.counts):,} pairs of neighbours"


def _count_missing_words(texts: Iterable[str], out: Path) -> str:
    table = missing_words.MissingWordTable.from_texts(texts)
    table.save(out)
    return f"{len(table.gaps):,} pairs"


def _count_modal_verbs(texts: Iterable[str], out: Path) -> str:
    table = modal_verbs.ModalVerbTable.from_texts(texts)
    table.save(out)
    return f"{len(table.counts):,} words"


def _derive_articles(source: Path, out: Path) -> str:
    table = articles.from_gaps(gaps.GapCounts.load(source / gaps.DEFAULT_FILE).precedes)
    articles.save_table(table, out)
    return f"{len(table):,} words ({sum(a == 'an' for a in table.values()):,} take “an”)"


def _derive_more_words(source: Path, out: Path) -> str:
    """The words of pyspellchecker's English dictionary that symspellpy's list lacks (needs
    pyspellchecker installed: `uv run --with pyspellchecker==0.9.1 ...`)."""
    base = {w.lower() for w in wordlist.symspell_words()}
    raw = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    words = {w.lower() for w in json.loads(gzip.decompress(raw))}
    more = sorted(w for w in words - base if w.replace("'", "").isalpha())
    wordlist.save_words(more, out)
    return f"{len(more):,} words"


#: Every shipped table by name, the counted ones first (`articles` derives from `gaps`).
TABLES: dict[str, Table] = {
    "gaps": Table(gaps.DEFAULT_FILE, "which short word fits a gap (english.gaps)", count=_count_gaps),
    "commas": Table(commas.DEFAULT_FILE, "commas the books always or never write", count=_count_commas),
    "confusions": Table(confusions.DEFAULT_FILE, "its/it's, than/then...", count=_count_confusions),
    "dialogue_tags": Table(dialogue.DEFAULT_FILE, "words that open a dialogue tag", count=_count_dialogue_tags),
    "forms": Table(forms.DEFAULT_FILE, "the form written between two neighbours", count=_count_forms),
    "missing_words": Table(missing_words.DEFAULT_FILE, "a word left out between two others",
                           count=_count_missing_words),
    "modal_verbs": Table(modal_verbs.DEFAULT_FILE, "the verb after a modal", count=_count_modal_verbs),
    "articles": Table(articles.DEFAULT_FILE, "'a' or 'an', from the gap table", derive=_derive_articles),
    "more_words": Table(wordlist.MORE_WORDS_FILE, "words pyspellchecker adds to symspellpy's list",
                        derive=_derive_more_words),
}
#: What `all` builds: the tables counted from the corpus, then `articles` from the new gaps.
ALL = ("gaps", "commas", "confusions", "dialogue_tags", "forms", "missing_words", "modal_verbs", "articles")


def books_to_count(corpus: str | Path, exclude: Iterable[str] = HELD_OUT_BOOKS) -> list[Book]:
    """The corpus's books (cleaned, unwrapped, deduplicated) less those named in `exclude`;
    the corpus's held-out splits are refused (`corpus.load.load_books`)."""
    left_out = frozenset(exclude)
    return [b for b in load_books(corpus) if b.name not in left_out]


def paragraph_texts(books: Iterable[Book]) -> Iterator[str]:
    return (p.text for b in books for p in b.paragraphs)


def build(name: str, out: Path, books: Sequence[Book] | None = None, source: Path = DATA_DIR) -> str:
    """Build table `name` into `out` (counted from `books`, or derived from the tables in
    `source`) and return a one-line summary."""
    table = TABLES[name]
    if table.count is not None:
        if books is None:
            raise ValueError(f"the {name} table is counted from books: pass --corpus")
        return table.count(paragraph_texts(books), out)
    return table.derive(source, out)


def main(argv: Sequence[str] | None = None) -> None:
    listing = ", ".join(f"{n} ({t.file}: {t.about})" for n, t in TABLES.items())
    parser = argparse.ArgumentParser(
        prog="python -m galleyproof.training.tables",
        description=f"Build a lookup table shipped in galleyproof/data/. Tables: {listing}.",
    )
    parser.add_argument("name", choices=[*TABLES, "all"], help="The table to build; 'all': every table but more_words.")
    parser.add_argument("--corpus", type=Path, help="Folder of books to count from (../shared/corpus/train); "
                        "needed by every table but articles and more_words.")
    parser.add_argument("--exclude", nargs="*", default=list(HELD_OUT_BOOKS), metavar="BOOK",
                        help="Book names to leave out, instead of the held-out books: " + " ".join(HELD_OUT_BOOKS))
    parser.add_argument("--out", type=Path, help="Where to write: a file, or a folder for 'all' "
                        "(default: the shipped file in galleyproof/data/).")
    args = parser.parse_args(argv)

    names = list(ALL) if args.name == "all" else [args.name]
    if args.name == "all":
        folder = args.out or DATA_DIR
        folder.mkdir(parents=True, exist_ok=True)
        outs = {n: folder / TABLES[n].file for n in names}
        source = folder
    else:
        outs = {args.name: args.out or DATA_DIR / TABLES[args.name].file}
        source = DATA_DIR

    books = None
    if any(TABLES[n].count is not None for n in names):
        if args.corpus is None:
            parser.error(f"{args.name} is counted from books: pass --corpus DIR")
        books = books_to_count(args.corpus, args.exclude)
        print(f"{args.corpus}: {len(books)} books counted, less {' '.join(args.exclude) or 'none'}",
              file=sys.stderr)
    for name in names:
        summary = build(name, outs[name], books, source)
        print(f"{outs[name]}: {summary}")


if __name__ == "__main__":
    main()
