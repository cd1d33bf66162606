"""A paragraph that opens in lower case: "hence they may hand over that color".

A paragraph begins a sentence, so its first word takes a capital. Left alone: words with a
capital inside ("iPhone", "eBay"), a web address ("usflight.org"), a byline ("by Jane Austen"), and a paragraph that goes on
from one ending without a full stop, "!", "?" or a closing quote (a verse, a list, a letter's
salutation, a sentence broken by a quotation).
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_START = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*([a-z]+)(?![\w'’-]*[A-Z])(?=[\w'’-]*(?:[ \t,;:!?]|\.(?!\w)))")
_ENDED = re.compile(r"[.!?][\"”’')\]]*\s*\Z")


def paragraph_start_issues(text: str) -> list[Issue]:
    issues = []
    for m in _START.finditer(text):
        word = m.group(1)
        if word == "by" or len(word) < 2:
            continue
        before = text[: m.start(1)]
        if before.strip() and not _ENDED.search(before):
            continue  # goes on from a verse line, a list, a salutation, a broken sentence
        fix = word.capitalize()
        issues.append(Issue(m.start(1), m.end(1), "capitalization", f"A paragraph begins with a capital: “{fix}”",
                            (fix,), 0.85))
    return issues


@rule("paragraph_starts", "capitalization", "A paragraph that opens in lower case (“hence they may”)",
      flagged="hence they may hand over that color.", clean="Hence they may hand over that color.\n\niPhones sell.")
def paragraph_starts(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return paragraph_start_issues(doc.text)
