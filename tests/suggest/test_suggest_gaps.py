"""Missing words: the neighbour counts shortlist the word that fits a gap, and inserts put it there."""

import re

import numpy as np
import pytest

from galleyproof.english import gaps
from galleyproof.english.gaps import GapCounts
from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.model.tagging import LABELS, MISSING
from galleyproof.suggest import ranking, suggest, words
from galleyproof.suggest.candidates import Site

BOOK = [
    "He would be glad of it. She would be sure, and they would have gone. I would be there.",
    "Take the money and take the bread; take the road to the town, as a rule, as a friend.",
    "She wept, and went away. He spoke, and sat down. They ate, and slept.",
]


@pytest.fixture
def table(monkeypatch):
    counts = GapCounts.from_texts(BOOK, min_pair=1)
    monkeypatch.setattr(gaps, "default_gaps", lambda: counts)
    return counts


def best(counts, before, after):
    return [w for w, _ in counts.fits(before, after)][:2]


def test_the_word_seen_between_such_neighbours_fits_best(table):
    assert best(table, "would", "convinced")[0] == "be"
    assert best(table, "take", "money")[0] == "the"
    assert best(table, "as", "bribe")[0] == "a"
    assert best(table, ",", "made")[0] == "and"  # after a comma


def test_fits_are_log_probabilities_over_the_insertable_words(table):
    fits = table.fits("would", "convinced")
    assert all(p <= 0 for _, p in fits)
    assert sum(2.718281828459045**p for _, p in fits) == pytest.approx(1.0)
    assert [p for _, p in fits] == sorted((p for _, p in fits), reverse=True)


def test_unknown_neighbours_fall_back_to_the_commonest_words(table):
    assert best(table, "zebra", "quagga")[0] == max(table.totals, key=table.totals.get)


def test_table_round_trips_through_its_file(table, tmp_path):
    path = tmp_path / "gaps.tsv.gz"
    table.save(path)
    assert GapCounts.load(path) == table


def test_a_loaded_table_reads_its_rows_as_asked_and_answers_as_the_counted_one(table, tmp_path):
    path = tmp_path / "gaps.tsv.gz"
    table.save(path)
    loaded = GapCounts.load(path)
    for side in ("follows", "precedes"):
        counted, read = getattr(table, side), getattr(loaded, side)
        assert len(read) == len(counted) and sorted(read) == sorted(counted)
        for word, counts in counted.items():
            assert read[word] == counts and word in read
        for word in ("zebra", "*", "", "would\tbe", "would\n"):
            assert word not in read and read.get(word, {}) == {}
        with pytest.raises(KeyError):
            read["*"]  # the totals' row is no word's
    assert loaded.totals == table.totals  # saved commonest first: sums over it may differ in the last bit
    for before, after in (("would", "convinced"), (",", "made"), ("zebra", "quagga"), ("take", "money")):
        assert dict(loaded.fits(before, after)) == pytest.approx(dict(table.fits(before, after)), rel=1e-12)


def inserted(text, span):
    start = text.index(span)
    site = Site(text, start, start + len(span), None)
    return [text[: c.start] + c.new + text[c.end :] for c in words.inserts(site)]


def test_a_word_goes_in_between_the_flagged_neighbours(table):
    assert "I would be convinced by it." in inserted("I would convinced by it.", "would convinced")
    assert "The accusation, and made him" in inserted("The accusation, made him", "accusation, made")


def test_no_word_goes_across_a_full_stop(table):
    assert inserted("He took it. Money was short.", "it. Money") == []


class GapHearingModel:
    """Reads every token as fine, except that it hears a word missing before "convinced"
    when "would" stands right before it."""

    def scores_together(self, passages, doc_counts):
        out = []
        for p in passages:
            offsets = [m.span() for m in re.finditer(r"\S+", p.text)]
            probs = np.zeros((len(offsets), len(LABELS)))
            probs[:, 0] = 1.0
            for i in range(1, len(offsets)):
                if [p.text[s:e] for s, e in offsets[i - 1 : i + 1]] == ["would", "convinced"]:
                    probs[i, 0], probs[i, MISSING] = 0.1, 0.9
            out.append((offsets, probs))
        return out


class DeafModel(GapHearingModel):
    def scores_together(self, passages, doc_counts):
        return [(o, np.eye(len(LABELS))[np.zeros(len(o), dtype=int)]) for o, _ in super().scores_together(passages, doc_counts)]


def test_a_word_is_put_in_first_where_the_model_hears_a_gap(table, monkeypatch):
    lexicon = Lexicon({w: 500 for w in "i would be have convinced of it".split()})
    text = "I would convinced of it."
    issue = Issue(2, 17, "grammar", "m")
    heard = suggest(text, issue, lexicon, GapHearingModel())
    assert text[heard.start : heard.end] == "would convinced" and heard.options[0][0] == "would be convinced"
    # A model deaf to the gap still puts the word in first: the word pairs read it so ...
    deaf = suggest(text, issue, lexicon, DeafModel())
    assert deaf.options[0][0] == "would be convinced"
    # ... which the tagger and the priors alone do not.
    monkeypatch.setattr(ranking, "FLUENCY_WEIGHT", 0.0)
    deaf = suggest(text, issue, lexicon, DeafModel())
    assert deaf.options[0][0] != "would be convinced"
