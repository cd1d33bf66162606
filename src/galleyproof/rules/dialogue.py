"""The mark a line of dialogue ends with before its tag: `“Come here,” he said`, not
`“Come here” he said`.

Which words open a dialogue tag is read off the training books: a word the books write after
a closing quote at least `MIN_COUNT` times, with a mark (comma, stop, question or
exclamation mark, dash) before the quote at least `MIN_SHARE` of the time ("said", "he",
"asked", "replied"...). A closing quote straight after a letter and followed by such a word
is flagged. A quoted word mid-sentence ("the word “militate” she used") is the false alarm
this leaves. The shipped list is `data/dialogue_tags.txt`, built by
`galleyproof.training.tables`; its measurements are in `docs/experiments/rules.md`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.tables import shipped_table
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

DEFAULT_FILE = "dialogue_tags.txt"
MIN_COUNT = 20
MIN_SHARE = 0.98
#: A closing quote (after a letter or a mark), spaces or one line break, then a lower-case word.
_CLOSE = re.compile(r"(?<=[^\W\d_])([,.!?;:—–-]?)([”\"])(?:[ \t]+|[ \t]*\r?\n[ \t]*)([a-z]+)\b")


def count_tags(texts: Iterable[str]) -> tuple[Counter, Counter]:
    """(with a mark before the quote, without one), by the word after the quote."""
    marked, bare = Counter(), Counter()
    for text in texts:
        for m in _CLOSE.finditer(text):
            (marked if m.group(1) else bare)[m.group(3)] += 1
    return marked, bare


def tag_words(marked: Counter, bare: Counter) -> frozenset[str]:
    return frozenset(w for w, n in marked.items() if n >= MIN_COUNT and n >= MIN_SHARE * (n + bare[w]))


def save_tags(tags: Iterable[str], path: Path) -> None:
    """One tag word a line, sorted."""
    Path(path).write_text("\n".join(sorted(tags)) + "\n", encoding="utf-8")


def load_tags(path: Path) -> frozenset[str]:
    return frozenset(Path(path).read_text(encoding="utf-8").split())


def default_tags() -> frozenset[str]:
    return shipped_table(DEFAULT_FILE, load_tags)


def dialogue_issues(text: str, tags: frozenset[str] | None = None) -> list[Issue]:
    """A closing quote with no mark before it, followed by a word that opens a dialogue tag."""
    tags = default_tags() if tags is None else tags
    issues = []
    for m in _CLOSE.finditer(text):
        if m.group(1) or m.group(3) not in tags:
            continue
        quote = m.start(2)
        start = quote - 1
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’"):
            start -= 1
        word = text[start:quote]
        issues.append(Issue(start, quote + 1, "punctuation", "A comma (or other mark) ends the words before the tag",
                            tuple(f"{word}{mark}{m.group(2)}" for mark in ",?!"), 0.9))
    return issues


@rule("dialogue", "punctuation", "Speech closed with no comma before a dialogue tag (“here” he said), where the books write one",
      flagged="“Come here” he said.", clean="“Come here,” he said.")
def dialogue(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return dialogue_issues(doc.text)
