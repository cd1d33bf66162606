"""A past form where "to" wants the base, before the verb's object: "able to maximized the
benefits", "trying to convinced her".

After "to", a word in "-ed" followed straight by a determiner or an object pronoun can only
be a verb, and a verb there is an infinitive: the fix is its base, one that the books or the
English word list know ("maximize"). An "-ed" word before a noun ("to interested parties",
"to married women") is an adjective and is not read; capitalised words are left alone.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.wordlist import is_english_word
from galleyproof.issues import Issue
from galleyproof.rules.modal_verbs import base_forms
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import match_case

#: Words that open a verb's object: after one, the "-ed" word before it is a verb.
OBJECT_OPENERS = ("the", "a", "an", "his", "her", "their", "its", "my", "your", "our", "this", "these",
                  "those", "them", "him", "me", "us", "myself", "yourself", "himself", "herself", "itself",
                  "ourselves", "yourselves", "themselves")
_SLOT = re.compile(r"(?<![\w'’-])to[ \t]+([a-z]{3,}ed)[ \t]+(?:" + "|".join(OBJECT_OPENERS) + r")(?![\w'’-])")
#: A base the books wrote this often, or one the English word list has, is a verb to offer.
MIN_BASE_COUNT = 5


def infinitive_issues(text: str, lexicon: Lexicon) -> list[Issue]:
    issues = []
    for m in _SLOT.finditer(text):
        word = m.group(1)
        bases = [b for b in base_forms(word) if lexicon.count(b) >= MIN_BASE_COUNT or is_english_word(b)]
        if not bases:
            continue
        bases.sort(key=lambda b: -lexicon.count(b))
        fixes = tuple(match_case(word, b) for b in bases[:3])
        issues.append(Issue(m.start(1), m.end(1), "grammar", f"After “to” the verb takes its base form: “{fixes[0]}”",
                            fixes, 0.85))
    return issues


@rule("infinitive_forms", "grammar", "A past form after “to” before the verb's object (“to maximized the”)",
      flagged="Universities have been able to maximized the benefits.",
      clean="They sold it to interested parties and to the married couple; he came to maximize the benefits.")
def infinitive_forms(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return infinitive_issues(doc.text, lexicon)
