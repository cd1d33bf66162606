"""The check pipeline: rules and model side by side, each issue naming its rule, the writer's
filter last, and threads and the cache changing nothing."""

import pytest

from galleyproof.feedback.filter import PersonalFilter
from galleyproof.feedback.store import FeedbackStore, record_decision
from galleyproof.model.detector import MESSAGES
from galleyproof.model.passage_cache import PassageCache
from galleyproof.model.versions import shipped_model_dir
from galleyproof.proofreader import Proofreader, load_default
from galleyproof.rules import all_rules

TEXT = ("They were rough in there manners, and a elephant came.\n\n"
        "She walked into teh house with her sister.\n\nI confess that i was tired.\n")


@pytest.fixture(scope="module")
def proofreader():
    return Proofreader.from_dir(shipped_model_dir())


def test_every_issue_names_the_rule_or_the_model_that_raised_it(proofreader):
    issues = proofreader.check(TEXT)
    ids = {r.id for r in all_rules()}
    assert issues and all(i.rule in ids or i.rule == f"model.{i.category}" for i in issues)
    found = {TEXT[i.start : i.end]: i.rule for i in issues}
    assert found["there"] == "confusions" and found["a"] == "articles" and found["teh"] == "model.spelling"


def test_the_model_flags_say_what_is_wrong_and_where(proofreader):
    # The model's flags come with no message; the top suggestion gives them one, never the
    # category's fallback.
    issues = [i for i in proofreader.check(TEXT) if i.rule.startswith("model.")]
    assert issues and not {i.message for i in issues} & set(MESSAGES.values())
    teh = next(i for i in issues if TEXT[i.start : i.end] == "teh")
    assert teh.message == f"Possible misspelling of “{teh.suggestions[0]}”" and teh.suggestions[0] == "the"


def test_the_model_runs_the_calibrated_rules_its_thresholds_name(proofreader):
    assert {r.id for r in proofreader.rules.rules if r.calibrated} == proofreader.model.rules
    assert "repeated_words" in proofreader.model.rules and "unknown_words" not in proofreader.model.rules


def test_threads_and_a_cache_change_nothing(proofreader, tmp_path):
    alone = proofreader.check(TEXT)
    with PassageCache(tmp_path / "c.sqlite3") as cache:
        other = Proofreader.from_dir(shipped_model_dir(), threads=2, cache=cache)
        assert other.check(TEXT) == alone and other.check(TEXT) == alone
        other.close()


def test_the_writers_filter_is_the_last_stage_and_names_itself_in_the_version(proofreader):
    issue = next(i for i in proofreader.check(TEXT) if TEXT[i.start : i.end] == "there")
    record_decision("letter.txt", TEXT, issue, "rejected")
    with FeedbackStore() as store:
        filtered = Proofreader(proofreader.model, PersonalFilter.from_store(store=store))
    assert "there" not in {TEXT[i.start : i.end] for i in filtered.check(TEXT)}
    assert filtered.version.startswith(proofreader.version + "+filter-")
    assert load_default().version == filtered.version
