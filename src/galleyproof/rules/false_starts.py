"""A cut-off word left in the text: "he was exper- experimenting", "Sarah Stoddar- Stoddart",
"You can't understan- – he".

Spoken text written down, and drafts, keep the start of a word the writer then abandoned: a
fragment closed by a hyphen and a space, then the word again in full, a dash or a filler ("uh",
"um"), or another word where the fragment is none. The fix is to delete the fragment. A
hyphen and a space also end the first word of a suspended compound ("two- and three-day",
"pre- or post-war"): before a word, a fragment before "and", "or", "to" or "nor" is left
alone, and so is one under `MIN_FRAGMENT` letters, and a word of any list ("self- motivated",
"years- the": a spacing slip, not a false start) unless the next word repeats it. Fiction
writes stammers on purpose ("I- I don't", "W- what"), inside dialogue: a fragment inside
quotation marks is left alone.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.modern import is_used_word
from galleyproof.english.wordlist import is_english_word
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

MIN_FRAGMENT = 2
#: Fillers a speaker says after breaking off.
FILLERS = frozenset("uh um er".split())
#: What may follow the fragment: a dash or a filler (the speaker broke off), or a word.
_FRAGMENT = re.compile(r"(?<![\w'’-])([^\W\d_]+)-[ \t]+(?:(–|—|--|(?:" + "|".join(FILLERS) + r")\b)|([^\W\d_]+))")
_CLOSING_SINGLE = re.compile(r"’(?![^\W\d_])")
#: Words after the first part of a suspended compound ("two- and three-day").
SUSPENDED = frozenset("and or to nor through".split())


def is_word(lexicon: Lexicon, word: str) -> bool:
    return bool(lexicon.count(word.lower())) or is_english_word(word) or is_used_word(word)


def in_dialogue(text: str, pos: int) -> bool:
    """Is `pos` inside quotation marks opened earlier in its paragraph (double or single; a
    right single quote before a letter is an apostrophe: "don’t")?"""
    start = max(text.rfind("\n\n", 0, pos), 0)
    before = text[start:pos]
    return (before.count("“") > before.count("”") or before.count('"') % 2 == 1
            or before.count("‘") > len(_CLOSING_SINGLE.findall(before)))


def false_start_issues(doc: Document, lexicon: Lexicon) -> list[Issue]:
    text = doc.text
    issues = []
    for m in _FRAGMENT.finditer(text):
        fragment, word = m.group(1), m.group(3)
        if word is not None:
            repeats = word.lower().startswith(fragment.lower())
            if len(fragment) < MIN_FRAGMENT or word.lower() in SUSPENDED:
                continue
            if not repeats and is_word(lexicon, fragment):
                continue
        if in_dialogue(text, m.start(1)):
            continue
        end = m.start(3) if word is not None else m.start(2)
        issues.append(Issue(m.start(1), end, "grammar", f"A cut-off word: delete “{fragment}-”", ("",), 0.85))
    return issues


@rule("false_starts", "grammar", "A cut-off word left before the word in full (“he was exper- experimenting”)",
      flagged="He was exper- experimenting with new methods.",
      clean=("He was experimenting with two- and three-day trips.", "“I- I don't know,” she said."))
def false_starts(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return false_start_issues(doc, lexicon)
