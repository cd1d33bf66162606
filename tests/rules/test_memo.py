"""The rules remembered by stretch of paragraphs (`rules.memo`), and the proofreader that
remembers them and the suggestions between checks: after any sequence of edits, the issues
are exactly a fresh full check's, and an edit runs the rules again only near it."""

import random
import re

import pytest

from galleyproof.issues import Issue
from galleyproof.model.versions import shipped_model_dir
from galleyproof.proofreader import Proofreader
from galleyproof.rules import RuleSet, all_rules
from galleyproof.rules.memo import RuleMemo, WindowError, blocks, regions
from galleyproof.rules.registry import Rule
from galleyproof.text.document import Document

# Every rule's own examples, the issue-20 slips, words the text uses once, twice and three
# times (the document's counts decide `unknown_words`, `misspellings`, `lowered_names` and
# `stray_capitals`), both spellings of a pair, verse lines, a paragraph ending without a mark
# before one opening in small letters, speech running on into the next paragraph, and every
# newline style.
PARAGRAPHS = [
    "They were rough in there manners, and a elephant came into the Room.",
    "She walked into teh house with her sister; the colour of the sky was grey.",
    "I confess that i was tired. We sailed from london at dawn, and paris was far.",
    "The color of her eyes was gray, and the Garden was quiet.  Then the the rain came.",
    "“You should of told me,” he said. “I would of come.",
    "“But you did not,” she answered",
    "hence they may go. He was taller then she remembered, and its stolen.",
    "O wild West Wind, thou breath of Autumn’s being,\nThou, from whose unseen presence the leaves dead\n"
    "Are driven, like ghosts from an enchanter fleeing,",
    "The Garden was quiet. In the morning we Walked home , and the Garden was still.",
    "Between you and I, it was over. Alot had happened. me and my dad where in NJ.",
    "CHAPTER II",
    "He sat down by the fire... It was late--very late.  recieve the letter, teh end.",
]
BREAKS = ["\n\n", "\n\n", "\n\n", "\r\n\r\n", "\n \n", "\r\r", "\n\n\n"]


def chapter(rng: random.Random, paragraphs: int) -> str:
    parts = []
    for k in range(paragraphs):
        parts.append(rng.choice(PARAGRAPHS))
        parts.append(rng.choice(BREAKS) if k < paragraphs - 1 else "\n")
    return "".join(parts)


def edit(rng: random.Random, text: str) -> str:
    """One edit a writer might make: a word capitalised, a stretch cut, something typed,
    two paragraphs joined or one split, a paragraph duplicated."""
    kind = rng.choice(["capital", "cut", "type", "join", "split", "copy"])
    if kind == "capital":
        m = rng.choice(list(re.finditer(r"\b[a-z]{3,}\b", text)))
        return text[: m.start()] + m.group()[0].upper() + text[m.start() + 1 :]
    if kind == "cut":
        p = rng.randrange(len(text) - 20)
        return text[:p] + text[p + rng.randrange(1, 15) :]
    if kind == "type":
        p = rng.randrange(len(text))
        return text[:p] + rng.choice([" the", "teh ", "London", ". he", "“", "colour", "\n\n", "Garden"]) + text[p:]
    if kind == "join":
        m = rng.choice(list(re.finditer(r"\n\n", text)))
        return text[: m.start()] + " " + text[m.end() :]
    if kind == "split":
        p = rng.randrange(len(text))
        return text[:p] + "\n\n" + text[p:]
    m = rng.choice(list(re.finditer(r"[^\n]+\n\n", text)))
    return text[: m.end()] + m.group() + text[m.end() :]


@pytest.fixture(scope="module")
def proofreader():
    p = Proofreader.from_dir(shipped_model_dir())
    yield p
    p.close()


def test_the_remembered_rules_find_what_the_whole_text_gives_after_every_edit(proofreader):
    rules = RuleSet(proofreader.model.lexicon, [r.id for r in all_rules() if r.calibrated])
    rng = random.Random(7)
    text = chapter(rng, 120)
    memo = RuleMemo()
    for _ in range(40):
        assert rules.issues(Document(text), memo) == rules.issues(Document(text)), text
        text = edit(rng, text)


def test_an_edit_runs_the_rules_again_only_near_it(proofreader):
    rules = RuleSet(proofreader.model.lexicon, [r.id for r in all_rules() if r.calibrated])
    text = chapter(random.Random(3), 200)
    memo = RuleMemo()
    rules.issues(Document(text), memo)
    windows = len(blocks(text, regions(Document(text))))
    windowed = sum(not r.document_wide for r in rules.rules)
    assert memo.runs == windows * windowed  # the first check runs everything once
    middle = text.index("teh", len(text) // 2)
    memo.runs = 0
    edited = text[:middle] + "the" + text[middle + 3 :]
    assert rules.issues(Document(edited), memo) == rules.issues(Document(edited))
    # The edited block, and the one beside it when the edit is within its context; the count
    # of "teh" changed, so blocks elsewhere that looked it up are run again too.
    assert 0 < memo.runs <= windows * windowed // 4


def test_a_rule_that_reads_all_of_a_fact_cannot_run_on_a_window():
    def greedy(doc, lexicon):
        return [Issue(0, 1, "spelling", f"{len(doc.counts)} words")]

    rule = Rule("greedy", "spelling", "reads every count", ("x",), ("y",), greedy)
    with pytest.raises(WindowError):
        RuleMemo().issues((rule,), Document("One two.\n\nThree four.\n"), lexicon=None)
    whole = Rule("greedy", "spelling", "reads every count", ("x",), ("y",), greedy, document_wide=True)
    assert RuleMemo().issues((whole,), Document("One two.\n\nThree four.\n"), lexicon=None)[0].message == "4 words"


def test_a_proofreader_remembering_between_checks_gives_a_fresh_checks_issues():
    remembering = Proofreader.from_dir(shipped_model_dir())
    remembering.remember_between_checks()
    rng = random.Random(11)
    text = chapter(rng, 40)
    flags = 0
    for _ in range(5):
        fresh = Proofreader.from_dir(shipped_model_dir())  # nothing remembered, not even the model's memos
        found = remembering.check(text)
        assert found == fresh.check(text), text
        flags += len(found)
        fresh.close()
        text = edit(rng, text)
    assert remembering.suggestion_memo.runs < flags  # the flags far from an edit kept their suggestions
    remembering.close()


def test_the_document_facts_summed_from_paragraphs_are_the_same_counters():
    memo = RuleMemo()
    rng = random.Random(5)
    text = "Mr.\n\nGray sky.\n\nThe grey cat. Colour\r\rColor and Mr. Gray\n\n\n“Colour,” she said; Colour.\n"
    for _ in range(30):
        doc = memo.document(text)
        fresh = Document(text)
        # Equal, and with the keys in the same order (anything that goes through them sees the same).
        assert list(doc.counts.items()) == list(fresh.counts.items())
        assert list(doc.capitalised_forms.items()) == list(fresh.capitalised_forms.items())
        text = edit(rng, text + rng.choice(BREAKS) + chapter(rng, 3))
