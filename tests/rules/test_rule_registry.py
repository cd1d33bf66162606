"""The rule registry: every rule file registered, every rule's examples true, ids carried."""

import pkgutil

import pytest

import galleyproof.rules
from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import CATEGORIES
from galleyproof.rules import LEGACY_GROUPS, RULE_MODULES, RuleSet, all_rules, calibrated_ids, resolve
from galleyproof.rules.registry import rule
from galleyproof.text import document
from galleyproof.text.document import Document

RULES = all_rules()


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load_default()


def test_every_file_in_rules_is_a_registered_rule_listed_once():
    files = {m.name for m in pkgutil.iter_modules(galleyproof.rules.__path__)} - {"registry", "memo"}
    assert files == set(RULE_MODULES) and len(RULE_MODULES) == len(set(RULE_MODULES))
    assert sorted(r.find.__module__.rpartition(".")[2] for r in RULES) == sorted(RULE_MODULES)


def test_ids_are_unique_and_each_rule_says_what_it_does():
    assert len({r.id for r in RULES}) == len(RULES)
    for r in RULES:
        assert r.category in CATEGORIES and r.description and "\n" not in r.description
        assert r.flagged and r.clean


@pytest.mark.parametrize("r", RULES, ids=[r.id for r in RULES])
def test_each_rule_flags_its_flagged_examples_and_leaves_its_clean_ones(r, lexicon):
    for text in r.flagged:
        found = r.issues(Document(text), lexicon)
        assert found, f"{r.id} missed its example {text!r}"
        assert all(i.rule == r.id and 0 <= i.start < i.end <= len(text) for i in found)
    for text in r.clean:
        assert r.issues(Document(text), lexicon) == [], f"{r.id} flagged its clean example {text!r}"


def test_older_thresholds_name_rule_groups_by_category_and_still_load():
    assert resolve(["grammar", "punctuation", "whitespace"]) == {
        "repeated_words", "doubled_marks", "double_space", "space_before_mark", "missing_space"}
    assert resolve(["capitalization"]) == frozenset()  # its rule always runs now
    assert resolve(["unknown_words", "spelling"]) == {"unknown_words"}
    assert set(LEGACY_GROUPS) == set(CATEGORIES) - {"word_choice"}
    with pytest.raises(ValueError, match="unknown rule"):
        resolve(["no_such_rule"])


def test_a_rule_set_runs_every_always_on_rule_and_only_the_calibrated_ones_named(lexicon):
    text = "He came,, and went  home. then he saw a elephant."
    ran = {i.rule for i in RuleSet(lexicon, ["doubled_marks"]).issues(Document(text))}
    assert {"doubled_marks", "sentence_starts", "articles"} <= ran
    assert "double_space" not in ran
    assert "double_space" in calibrated_ids() and "articles" not in calibrated_ids()
    assert {i.rule for i in RuleSet(lexicon, calibrated_ids(), always_on=False).issues(Document(text))} == {
        "doubled_marks", "double_space"}


def test_a_rule_needs_a_known_category_and_both_kinds_of_example():
    with pytest.raises(ValueError, match="category"):
        rule("x", "style", "?", flagged="a", clean="b")
    with pytest.raises(ValueError, match="example"):
        rule("x", "grammar", "?", flagged=(), clean="b")


def test_every_rule_finds_the_same_whether_the_document_holds_its_words_or_walks_them(lexicon, monkeypatch):
    text = "\n\n".join(t for r in RULES for t in (*r.flagged, *r.clean))
    held = RuleSet(lexicon, calibrated_ids()).issues(Document(text))
    monkeypatch.setattr(document, "HELD_WORDS_CHARS", 0)
    assert held and RuleSet(lexicon, calibrated_ids()).issues(Document(text)) == held


def test_repeated_words_are_latin_words():
    from galleyproof.rules.repeated_words import repeated_words
    from galleyproof.text.document import Document

    text = "We reach the the port.\n𪮈\n𪮈\nи и"
    assert [text[i.start : i.end] for i in repeated_words(Document(text), None)] == ["the the"]
