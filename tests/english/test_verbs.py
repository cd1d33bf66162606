import pytest

from galleyproof.english import verbs
from galleyproof.english.lexicon import Lexicon
from galleyproof.english.verbs import (
    AGREEMENT,
    PAST_PARTICIPLE,
    PRONOUN_CASE,
    corpus_verbs,
    form_kinds,
    form_swaps,
    saved_corpus_verbs,
)


def test_form_kinds_name_what_a_choice_of_form_is_a_choice_of():
    kinds = form_kinds()
    assert kinds["was"] == {AGREEMENT}
    assert kinds["says"] == {AGREEMENT}  # any verb's -s form, not only the listed pairs
    assert kinds["begun"] == {PAST_PARTICIPLE}
    assert kinds["come"] == {AGREEMENT, PAST_PARTICIPLE}  # base form and participle both
    assert kinds["me"] == kinds["him"] == {PRONOUN_CASE}
    assert "walked" not in kinds  # a regular past is its participle: no choice of form there
    assert "the" not in kinds


def test_every_word_with_a_kind_has_a_swap_of_its_form():
    swaps = form_swaps()
    assert all(word in swaps for word in form_kinds())


def _lexicon_file(path, counts):
    Lexicon(counts).save(path)
    return Lexicon.load(path)


_COUNTS = {"paint": 9, "paints": 5, "painted": 7, "painting": 4, "climb": 6, "climbs": 3, "climbed": 5,
           "climbing": 3, "table": 40, "tables": 8}


def test_the_corpus_verbs_saved_for_the_next_process_are_the_ones_worked_out(tmp_path, galleyproof_home,
                                                                             monkeypatch):
    lexicon = _lexicon_file(tmp_path / "lexicon.tsv.gz", _COUNTS)
    assert lexicon.stamp is not None
    worked_out = corpus_verbs(lexicon.counts)
    assert worked_out == (("climb", "climbs", "climbed", "climbing"), ("paint", "paints", "painted", "painting"))
    assert saved_corpus_verbs(lexicon) == worked_out
    assert len(list((galleyproof_home / "cache").glob("verbs-*.tsv"))) == 1

    # The next process reads them: nothing is worked out again.
    monkeypatch.setattr(verbs, "corpus_verbs", lambda counts: pytest.fail("worked out again"))
    again = Lexicon.load(tmp_path / "lexicon.tsv.gz")
    assert saved_corpus_verbs(again) == worked_out


def test_another_lexicon_or_a_damaged_file_has_its_verbs_worked_out(tmp_path, galleyproof_home):
    lexicon = _lexicon_file(tmp_path / "a.tsv.gz", _COUNTS)
    saved_corpus_verbs(lexicon)
    other = _lexicon_file(tmp_path / "b.tsv.gz", {**_COUNTS, "climbed": 1})  # "climb" no longer in all four forms
    assert saved_corpus_verbs(other) == (("paint", "paints", "painted", "painting"),)
    for saved in (galleyproof_home / "cache").glob("verbs-*.tsv"):
        saved.write_text("paint\tpaints\n", encoding="utf-8")  # cut short
    assert saved_corpus_verbs(lexicon) == corpus_verbs(lexicon.counts)
    assert saved_corpus_verbs(Lexicon(dict(_COUNTS))) == corpus_verbs(_COUNTS)  # made, not loaded: no stamp
