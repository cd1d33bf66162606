"""A hyphen closed up to one word and spaced from the next: "clear- cut", "a five- year plan",
"for years- the thermostat", "the lifespan- a paradox".

Either a compound with a space let in ("clear-cut") or a dash typed as a hyphen ("years—the").
The hyphen of a suspended compound is spaced on purpose ("two- and three-dimensional", "pre-
or post-war"): one before "and", "or", "to", "nor" or "through" with a hyphened word a few words
on is left alone. A fragment that is no word ("exper- experimenting"), or one the next word
repeats, is a false start (`false_starts`); fiction's stammers inside dialogue ("I- I") and
single letters ("B- and") are left alone. The fixes: the compound closed up where English often
writes the two words together (`english.bigrams`: "clear cut", "five year") and the second is
no function word, else the dash; the other second.
"""

from __future__ import annotations

import re

from galleyproof.english.bigrams import is_common_pair
from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.false_starts import FILLERS, SUSPENDED, in_dialogue, is_word
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

_SPACED = re.compile(r"(?<![\w'’-])([^\W\d_]{2,})-([ \t]+)([^\W\d_]+)")
#: A hyphened word this far after "and"/"or" makes the hyphen a suspended compound's.
_HYPHENED_AFTER = re.compile(r"[ \t]+(?:[^\W\d_]+[ \t]+){0,2}[^\W\d_]+-[^\W\d_]")
#: Prefixes that stand for a suspended compound before "and" ("inter- and transdisciplinary").
PREFIXES = frozenset("inter intra extra pre post anti non sub super over under multi micro macro mid semi co re un"
                     " bi tri uni mono poly pro counter trans cross out self half".split())
#: Words this common are function words ("the", "a", "and"): a dash stands before them.
FUNCTION_COUNT = 5000


def spaced_hyphen_issues(doc: Document, lexicon: Lexicon) -> list[Issue]:
    text = doc.text
    issues = []
    for m in _SPACED.finditer(text):
        first, second = m.group(1), m.group(3)
        if second.lower().startswith(first.lower()) or not is_word(lexicon, first):
            continue  # a false start
        if second.lower() in FILLERS:
            continue  # a false start
        if second.lower() in SUSPENDED and (first.lower() in PREFIXES or _HYPHENED_AFTER.match(text, m.end(3))):
            continue
        if in_dialogue(text, m.start(1)):
            continue
        joined, dashed = f"{first}-{second}", f"{first}—{second}"
        compound = is_common_pair(first, second) and lexicon.count(second.lower()) < FUNCTION_COUNT
        fixes = (joined, dashed) if compound else (dashed, joined)
        issues.append(Issue(m.start(1), m.end(3), "whitespace", f"A spaced hyphen: “{fixes[0]}”", fixes, 0.7))
    return issues


@rule("spaced_hyphens", "whitespace", "A hyphen spaced from the next word (“clear- cut”, “years- the”)",
      flagged="The work is clear- cut, almost coldly stylized.",
      clean="The work is clear-cut, both two- and three-dimensional.")
def spaced_hyphens(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return spaced_hyphen_issues(doc, lexicon)
