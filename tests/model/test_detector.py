"""The shipped model's detector: scores that depend on a passage alone, so threads and the
passage cache change how fast a check is and never what it finds."""

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from galleyproof.model.passage_cache import PassageCache
from galleyproof.model.tagging import flags_from_probs
from galleyproof.model.versions import shipped_model_dir
from galleyproof.proofreader import Proofreader
from galleyproof.text.document import Document
from galleyproof.text.paragraphs import passages

LETTER = (Path(__file__).parents[2] / "examples" / "letter.txt").read_text(encoding="utf-8")
SENTENCES = (
    "It was a dark and stormy night.",
    "She walked into teh house with her freinds.",
    "The captain , a quiet man, has promised to sail at noon.",
    "i confess that his tales filled me with delight.",
    "They was living creatures of the the ice.",
    "We shall write again when we reach the first port, and I beg you to remember me.",
)


@pytest.fixture(scope="module")
def detector():
    return Proofreader.from_dir(shipped_model_dir())


@pytest.fixture
def cache(tmp_path):
    with PassageCache(tmp_path / "cache.sqlite3") as c:
        yield c


@pytest.fixture
def configured(detector):
    """Hand the detector back as the other tests expect it: one thread, no cache."""
    yield detector
    detector.configure(threads=1, cache=None)


def spy_scored(monkeypatch, detector):
    """Record every passage the model actually runs on (as its token ids)."""
    scored = []
    real = detector.model._score

    def spy(items):
        scored.extend(tuple(ids.tolist()) for ids, _ in items)
        return real(items)

    monkeypatch.setattr(detector.model, "_score", spy)
    return scored


def test_a_passage_scores_the_same_whatever_it_is_batched_with(detector):
    parts = passages(LETTER * 3)  # some passages longer than a window
    counts = Counter()
    together = detector.model.token_probs(parts, counts)
    for part, (offsets, probs) in zip(parts, together, strict=True):
        ((alone_offsets, alone),) = detector.model.token_probs([part], counts)
        assert alone_offsets == offsets
        assert np.array_equal(alone, probs)  # bit for bit: what makes a cached score exact


def test_threads_find_exactly_the_same_issues(configured):
    text = "\n\n".join([LETTER] * 4)
    configured.configure(threads=1)
    one = configured.detect(text)
    configured.configure(threads=2)
    assert configured.detect(text) == one


def test_a_warm_cache_gives_exactly_what_a_fresh_check_gives(configured, cache):
    fresh = configured.detect(LETTER)
    configured.configure(cache=cache)
    cold = configured.detect(LETTER)
    assert cache.misses
    hits = cache.hits  # ranking two flags in one passage may read its scores twice
    warm = configured.detect(LETTER)
    assert cache.hits > hits
    assert fresh == cold == warm


def test_after_a_one_paragraph_edit_only_that_paragraph_is_run(configured, cache, monkeypatch):
    paragraphs = [p.text for p in passages(LETTER)]
    text = "\n\n".join(paragraphs)
    configured.configure(cache=cache)
    configured.flags(Document(text))
    edited = paragraphs[:]
    edited[2] = edited[2].replace("delight", "pleasure")
    new_text = "\n\n".join(edited)
    scored = spy_scored(monkeypatch, configured)
    with_cache = configured.flags(Document(new_text))
    assert len(scored) == 1  # of the letter's paragraphs, only the edited one went through the model
    assert list(scored[0]) == configured.model.tokenizer.encode(edited[2]).ids
    configured.configure(cache=None)
    assert with_cache == configured.flags(Document(new_text))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    doc=st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map(" ".join),
                 min_size=1, max_size=5),
    edit=st.integers(0, 4),
    sentence=st.sampled_from(SENTENCES),
)
def test_whole_or_through_the_cache_the_issues_are_identical(configured, tmp_path_factory, doc, edit, sentence):
    with PassageCache(tmp_path_factory.mktemp("cache") / "c.sqlite3") as cache:
        configured.configure(cache=cache)
        configured.detect("\n\n".join(doc))  # warm it with the text before the edit
        doc[edit % len(doc)] += " " + sentence
        text = "\n\n".join(doc)
        via_cache = configured.detect(text)
        configured.configure(cache=None)
        assert via_cache == configured.detect(text)


def test_a_lookup_flag_keeps_its_own_message_and_fixes_first(detector):
    text = "It was cold. the wind rose over the hill, and the sea was grey."
    (issue,) = [i for i in detector.detect(text) if "cold." in text[i.start : i.end]]
    assert text[issue.start : issue.end] == "cold. the"
    assert issue.message == "A sentence starts with a capital letter"
    assert issue.suggestions[0] == "cold. The"
    assert len(issue.suggestion_scores) == len(issue.suggestions)


def test_rule_fixes_are_put_first_in_a_widened_span_and_merging_keeps_them_only_when_they_fit():
    from galleyproof.issues import Issue
    from galleyproof.model.tagging import Flag, merge_flags
    from galleyproof.suggest import with_rule_fixes

    text = "He went home. and slept."
    flag = Flag(8, 18, "punctuation", 0.8, "A comma here?", ("home, and", "home. And"))
    widened = Issue(3, 18, "punctuation", "m", ("went home. And",), 0.8, suggestion_scores=(0.4,))
    got = with_rule_fixes(text, widened, flag)
    assert got.suggestions == ("went home, and", "went home. And")
    assert got.suggestion_scores == (0.8, 0.4)
    model = Flag(8, 12, "spelling", 0.5)
    assert merge_flags([model, flag]) == [flag]  # the rule's flag is the stronger and spans both
    stronger = Flag(8, 18, "capitalization", 0.99)
    assert merge_flags([stronger, flag]) == [Flag(8, 18, "capitalization", 0.99, "", flag.fixes)]
    (merged,) = merge_flags([Flag(14, 24, "grammar", 0.95), flag])
    assert (merged.start, merged.end, merged.fixes, merged.message) == (8, 24, (), "")
    assert merge_flags([Flag(14, 24, "grammar", 0.95), flag], text) == [merged]  # another category: no fit


def test_a_rule_fix_inside_a_wider_merged_flag_of_its_category_is_widened_to_fit():
    from galleyproof.model.tagging import Flag, merge_flags

    text = "she could of called her"
    model = Flag(10, 19, "grammar", 0.95, rule="model.grammar")  # "of called"
    rule = Flag(10, 12, "grammar", 0.93, "“have”, not “of”", ("have",), "of_for_have")
    assert merge_flags([model, rule], text) == [
        Flag(10, 19, "grammar", 0.95, "“have”, not “of”", ("have called",), "of_for_have")]
    assert merge_flags([model, rule]) == [Flag(10, 19, "grammar", 0.95, "", (), "model.grammar")]  # no text: as before
    # The model's guess at another category gives way to the rule's diagnosis and fix.
    guess = Flag(10, 19, "word_choice", 0.95, rule="model.word_choice")
    assert merge_flags([guess, rule], text) == [
        Flag(10, 19, "grammar", 0.95, "“have”, not “of”", ("have called",), "of_for_have")]


def test_the_winning_rules_fix_widened_beats_another_categorys_fix_for_the_whole_span():
    from galleyproof.model.tagging import Flag, merge_flags

    text = "I wont take up. ive been"
    starts = Flag(12, 19, "capitalization", 0.85, "A sentence starts with a capital", ("up. Ive",), "sentence_starts")
    apostrophe = Flag(16, 19, "punctuation", 0.92, "“I've”", ("I've",), "missing_apostrophes")
    assert merge_flags([starts, apostrophe], text) == [
        Flag(12, 19, "punctuation", 0.92, "“I've”", ("up. I've",), "missing_apostrophes")]
    # Without the text to widen it, the whole span's fix is all there is.
    assert merge_flags([starts, apostrophe])[0].fixes == ("up. Ive",)


def test_headings_are_not_read_by_the_model_as_training_never_read_them(monkeypatch, configured):
    text = "CHAPTER IX.\n\nby Jane Austen\n\nShe walked into teh house with her sister.\n"
    scored = spy_scored(monkeypatch, configured)
    flags = configured.flags(Document(text))
    prose = configured.model.tokenizer.encode("She walked into teh house with her sister.").ids
    assert scored == [tuple(prose)]  # the heading and the byline never reach the model
    assert [text[f.start : f.end] for f in flags] == ["teh"]


def test_one_issue_per_problem_when_suggestions_widen_two_flags_onto_one_another(detector):
    from galleyproof.issues import Issue, drop_overlapping_repeats

    text = "It was a plain house of remotest affiliations.  Above these apparent hierarchies stood a tower."
    found = [i for i in detector.detect(text) if i.category == "whitespace"]
    assert len(found) == 1 and text.index("  ") in range(found[0].start, found[0].end)
    wide, narrow, other = Issue(0, 9, "whitespace", "m", score=0.9), Issue(4, 6, "whitespace", "m", score=0.9), \
        Issue(5, 8, "grammar", "m", score=0.5)
    assert drop_overlapping_repeats([wide, other, narrow]) == [narrow, other]  # a tie: the narrower
    strong = Issue(0, 9, "whitespace", "m", score=0.95)
    assert drop_overlapping_repeats([narrow, strong, other]) == [strong, other]
    same_words = Issue(4, 6, "grammar", "m", score=0.5)  # another category on the very same span
    assert drop_overlapping_repeats([same_words, narrow]) == [narrow]
    apart = Issue(9, 12, "whitespace", "m", score=0.5)
    assert drop_overlapping_repeats([strong, apart]) == [strong, apart]  # touching is not overlapping


def test_a_re_check_works_out_flags_again_only_for_the_paragraph_that_changed(monkeypatch):
    from galleyproof.model import detector as detector_module

    proofreader = Proofreader.from_dir(shipped_model_dir())
    paragraphs = [p.text for p in passages(LETTER)]
    proofreader.flags(Document("\n\n".join(paragraphs)))
    worked = []
    real = detector_module.flags_from_probs

    def spy(text, *args, **kwargs):
        worked.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(detector_module, "flags_from_probs", spy)
    edited = paragraphs[:]
    edited[2] = edited[2].replace("delight", "pleasure")
    again = proofreader.flags(Document("\n\n".join(edited)))
    assert worked == [edited[2]]
    assert again == Proofreader.from_dir(shipped_model_dir()).flags(Document("\n\n".join(edited)))


def test_remembered_flags_are_not_used_when_the_document_counts_an_unknown_word_differently(monkeypatch):
    from galleyproof.model import detector as detector_module

    model = Proofreader.from_dir(shipped_model_dir()).model  # its own memory
    text = "She walked into teh house with her freinds and the glorpish dog."
    ((offsets, probs),) = model.token_probs(passages(text), Counter())
    worked = []
    monkeypatch.setattr(detector_module, "flags_from_probs", lambda *a: worked.append(a) or flags_from_probs(*a))
    once, twice = Counter({"teh": 1, "freinds": 1, "glorpish": 1}), Counter({"teh": 2, "freinds": 2, "glorpish": 2})
    for counts in (once, twice, once, once):  # the same text and scores, read by other counts
        found = model._text_flags(text, offsets, probs, counts, model.unknown_test(counts), model.thresholds)
        expected = flags_from_probs(text, offsets, probs, model.thresholds, model.unknown_test(counts),
                                    model.odd_spans(text), model.is_slip)
        assert found == expected
    assert len(worked) == 3  # worked out afresh each time the counts changed; the last one remembered


def test_the_document_a_paragraph_sits_in_decides_its_flags_however_often_it_is_checked(detector):
    a = "She walked into teh house with her freinds and the glorpish dog.\n\nIt was a dark and stormy night."
    b = a + "\n\nThe teh, the freinds, the glorpish."
    for text in (a, b, a, b):
        assert detector.flags(Document(text)) == Proofreader.from_dir(shipped_model_dir()).flags(Document(text))


def test_what_is_remembered_of_passages_stays_under_its_bound(monkeypatch):
    from galleyproof.model import detector as detector_module

    monkeypatch.setattr(detector_module, "PASSAGE_MEMO_CHARS", 600)
    proofreader = Proofreader.from_dir(shipped_model_dir())
    text = "\n\n".join([LETTER] * 2)
    first = proofreader.flags(Document(text))
    model = proofreader.model
    assert sum(map(len, model._encoded)) <= 600 and sum(len(k[0]) for k in model._flags_memo) <= 600
    assert proofreader.flags(Document(text)) == first


def test_a_one_shot_check_remembers_no_passages_and_finds_the_same_issues():
    """`remember_passages` off (a one-file `check`): nothing kept for a next check, which
    took memory off the book's peak; the issues the same as with it on."""
    remembering = Proofreader.from_dir(shipped_model_dir())
    one_shot = Proofreader.from_dir(shipped_model_dir())
    one_shot.model.remember_passages = False
    text = "\n\n".join([LETTER, "She walked into teh house with her freinds."])
    assert one_shot.check(text) == remembering.check(text)
    assert remembering.model._encoded and remembering.model._flags_memo and remembering.model._buckets
    assert not one_shot.model._encoded and not one_shot.model._flags_memo and not one_shot.model._buckets


class _WhereTagger:
    """Stands in for the tagger: each token's 'probabilities' say which token it was (its id)
    and where it sat in its window, so the test can see which window scored it."""

    def __init__(self, cfg: dict) -> None:
        self.cfg = cfg

    def probs(self, ids, lex, mask=None):
        out = np.zeros((*ids.shape, self.cfg["n_labels"]), dtype=np.float32)
        out[..., 0] = ids
        out[..., 1] = np.arange(ids.shape[1])
        return out


@pytest.mark.parametrize("n", [1, 127, 128, 129, 200, 1000])
def test_every_token_is_scored_once_with_its_windows_context_each_side(detector, monkeypatch, n):
    """Long passages go through in overlapping windows, each keeping the scores of its middle.
    16 tokens of context each side of that middle (8 lost two real finds on the public eval:
    docs/experiments/inference_speed.md, "Fourth round")."""
    model = detector.model
    monkeypatch.setattr(model, "tagger", _WhereTagger(model.tagger.cfg))
    w, context = model.window, 16
    ids = np.arange(n, dtype=np.int64)
    (scores,) = model._score([(ids, np.zeros(n, dtype=np.int64))])
    assert np.array_equal(scores[:, 0], ids)  # every token, once, in place
    where = scores[:, 1].astype(int)
    for i in range(n):
        # at least `context` tokens before it in its window, unless the passage starts nearer
        assert where[i] >= min(i, context)
        # and after it, unless the passage ends nearer
        assert w - 1 - where[i] >= min(n - 1 - i, context)


def test_a_word_put_in_by_a_rule_yields_to_a_word_dropped_that_the_model_clearly_prefers():
    from galleyproof.issues import Issue
    from galleyproof.model.tagging import Flag
    from galleyproof.suggest import with_rule_fixes

    text = "It was be a long night."
    flag = Flag(3, 11, "grammar", 0.9, "A word may be missing", ("was to be a",))
    prefers_drop = Issue(3, 11, "grammar", "m", ("was a", "was to be a"), 0.9, suggestion_scores=(0.5, 0.1))
    assert with_rule_fixes(text, prefers_drop, flag).suggestions == ("was a", "was to be a")
    close = Issue(3, 11, "grammar", "m", ("was a", "was to be a"), 0.9, suggestion_scores=(0.3, 0.2))
    assert with_rule_fixes(text, close, flag).suggestions == ("was to be a", "was a")
    # A rule that changes a word keeps its fix before a word dropped ...
    swap = Flag(3, 6, "grammar", 0.9, "", ("were",))
    issue = Issue(3, 6, "grammar", "m", ("", "were"), 0.9, suggestion_scores=(0.6, 0.1))
    assert with_rule_fixes(text, issue, swap).suggestions[0] == "were"


def test_a_confusion_or_apostrophe_rule_keeps_its_named_fix_first():
    """The rule's message names its word ("you're"); the model's liking for another reading
    ("yours") does not put that first, where the message would say one thing and the list another."""
    from galleyproof.issues import Issue
    from galleyproof.model.tagging import Flag
    from galleyproof.suggest import with_rule_fixes

    text = "Send it when your done."
    flag = Flag(13, 17, "word_choice", 0.88, "“you're” (you are), not the possessive “your”", ("you're",), "your_youre")
    issue = Issue(13, 17, "word_choice", flag.message, ("yours", "you're"), 0.88, suggestion_scores=(0.6, 0.1))
    kept = with_rule_fixes(text, issue, flag)
    assert kept.suggestions[0] == "you're" and kept.message == flag.message
    misspelt = Flag(13, 17, "spelling", 0.9, "Possible misspelling of “you're”", ("you're",), "misspellings")
    led = with_rule_fixes(text, Issue(13, 17, "spelling", misspelt.message, ("yours", "you're"), 0.9,
                                      suggestion_scores=(0.6, 0.1)), misspelt)
    assert led.suggestions[0] == "yours" and led.message == ""  # told again from "yours" by the proofreader


def test_a_rule_fix_yields_to_a_fix_of_the_same_kind_that_the_model_clearly_prefers():
    from galleyproof.issues import Issue
    from galleyproof.model.tagging import Flag
    from galleyproof.suggest import with_rule_fixes

    # ... but not before a word split or respelt that the model prefers by far ("hadits").
    text = "She hadits colour."
    flag = Flag(4, 10, "spelling", 0.9, "", ("habits",))
    split = Issue(4, 10, "spelling", "m", ("had its", "habits"), 0.9, suggestion_scores=(0.6, 0.2))
    assert with_rule_fixes(text, split, flag).suggestions == ("had its", "habits")
    close = Issue(4, 10, "spelling", "m", ("had its", "habits"), 0.9, suggestion_scores=(0.35, 0.25))
    assert with_rule_fixes(text, close, flag).suggestions == ("habits", "had its")
    # A rule's word put in stays first before a fix that puts in or drops none.
    text = "It was be a long night."
    insert = Flag(3, 11, "grammar", 0.9, "", ("was to be a",))
    respelt = Issue(3, 11, "grammar", "m", ("was he a", "was to be a"), 0.9, suggestion_scores=(0.6, 0.1))
    assert with_rule_fixes(text, respelt, insert).suggestions[0] == "was to be a"
