"""The one builder of the shipped lookup tables (`galleyproof.training.tables`)."""

import subprocess
import sys

import pytest

from galleyproof.english.gaps import GapCounts
from galleyproof.english.tables import shipped_table
from galleyproof.rules.articles import from_gaps, load_table
from galleyproof.rules.commas import CommaTable
from galleyproof.rules.confusions import ConfusionTable
from galleyproof.rules.dialogue import count_tags, load_tags, tag_words
from galleyproof.rules.forms import FormTable
from galleyproof.rules.missing_words import MissingWordTable
from galleyproof.rules.modal_verbs import ModalVerbTable
from galleyproof.training.tables import (
    ALL,
    DATA_DIR,
    HELD_OUT_BOOKS,
    TABLES,
    books_to_count,
    build,
    main,
    paragraph_texts,
)

#: Short paragraphs (dedupe leaves those under 40 characters alone), each often enough to
#: pass every table's bar.
PARAGRAPHS = [
    "“Come here,” he said.",
    "Yes, sir, I will come.",
    "It might come soon.",
    "He did not come in.",
    "We had more than enough.",
    "They were going home.",
    "She ran in the middle of it.",
    "It was an hour and a year.",
]


def write_book(folder, name, paragraphs, times=25):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text("\n\n".join(p for p in paragraphs for _ in range(times)) + "\n",
                                        encoding="utf-8")


#: Per counted table: what its file loads back as, and the same counted straight from texts.
EXPECTED = {
    "gaps": (lambda p: vars(GapCounts.load(p)), lambda t: vars(GapCounts.from_texts(t))),
    "commas": (lambda p: CommaTable.load(p).counts, lambda t: CommaTable.from_texts(t).counts),
    "confusions": (lambda p: vars(ConfusionTable.load(p)), lambda t: vars(ConfusionTable.from_texts(t))),
    "dialogue_tags": (load_tags, lambda t: tag_words(*count_tags(t))),
    "forms": (lambda p: FormTable.load(p).counts, lambda t: FormTable.from_texts(t).counts),
    "missing_words": (lambda p: MissingWordTable.load(p).gaps, lambda t: MissingWordTable.from_texts(t).gaps),
    "modal_verbs": (lambda p: ModalVerbTable.load(p).counts, lambda t: ModalVerbTable.from_texts(t).counts),
}


def test_every_counted_table_is_in_all_and_has_a_check_here():
    counted = {name for name, table in TABLES.items() if table.count is not None}
    assert counted == set(EXPECTED) and counted < set(ALL)
    assert ALL[-1] == "articles"  # derived from the gaps `all` has just counted
    assert all((DATA_DIR / table.file).is_file() for table in TABLES.values())


def test_all_counts_each_table_from_a_folder_and_it_loads_back(tmp_path):
    corpus = tmp_path / "corpus"
    write_book(corpus, "one", PARAGRAPHS[:4])
    write_book(corpus, "two", PARAGRAPHS[4:])
    out = tmp_path / "out"
    main(["all", "--corpus", str(corpus), "--out", str(out)])
    texts = list(paragraph_texts(books_to_count(corpus)))
    assert len(texts) == 25 * len(PARAGRAPHS)
    for name, (load, count) in EXPECTED.items():
        loaded = load(out / TABLES[name].file)
        assert loaded and loaded == count(texts), name
    assert load_tags(out / TABLES["dialogue_tags"].file) == {"he"}
    articles = load_table(out / TABLES["articles"].file)
    assert articles == from_gaps(GapCounts.load(out / TABLES["gaps"].file).precedes)
    assert articles["hour"] == "an" and articles["year"] == "a"


def test_one_table_goes_to_out_and_needs_a_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    write_book(corpus, "one", PARAGRAPHS)
    main(["commas", "--corpus", str(corpus), "--out", str(tmp_path / "c.tsv.gz")])
    assert CommaTable.load(tmp_path / "c.tsv.gz").counts[("Yes", "sir")] == (25, 0)
    with pytest.raises(SystemExit):
        main(["commas", "--out", str(tmp_path / "c.tsv.gz")])


def test_the_held_out_books_are_what_the_builder_leaves_out(tmp_path):
    assert HELD_OUT_BOOKS == (
        "austen_persuasion", "crane_the_red_badge_of_courage", "eliot_middlemarch",
        "hardy_far_from_the_madding_crowd", "twain_adventures_of_huckleberry_finn",
        "wells_the_war_of_the_worlds", "kipling_the_jungle_book",
    )
    corpus = tmp_path / "corpus"
    write_book(corpus, "counted", PARAGRAPHS[:1])
    for name in HELD_OUT_BOOKS:
        write_book(corpus, name, ["“Go,” she cried."])
    assert [b.name for b in books_to_count(corpus)] == ["counted"]
    main(["dialogue_tags", "--corpus", str(corpus), "--out", str(tmp_path / "tags.txt")])
    assert load_tags(tmp_path / "tags.txt") == {"he"}
    main(["dialogue_tags", "--corpus", str(corpus), "--out", str(tmp_path / "all.txt"), "--exclude"])
    assert load_tags(tmp_path / "all.txt") == {"he", "she"}


def test_articles_from_the_shipped_gaps_is_the_shipped_file_byte_for_byte(tmp_path):
    build("articles", tmp_path / "articles.tsv")
    assert (tmp_path / "articles.tsv").read_bytes() == (DATA_DIR / TABLES["articles"].file).read_bytes()


def test_a_shipped_table_is_read_once_per_process():
    assert shipped_table(TABLES["articles"].file, load_table) is shipped_table(TABLES["articles"].file, load_table)


def test_the_rules_and_english_modules_import_neither_the_builder_nor_the_corpus():
    code = (
        "import importlib, pkgutil, sys\n"
        "for pkg in ('rules', 'english'):\n"
        "    m = importlib.import_module('galleyproof.' + pkg)\n"
        "    for info in pkgutil.iter_modules(m.__path__):\n"
        "        importlib.import_module(f'galleyproof.{pkg}.{info.name}')\n"
        "print(sorted(k for k in sys.modules if k.startswith(('galleyproof.training', 'galleyproof.corpus'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
