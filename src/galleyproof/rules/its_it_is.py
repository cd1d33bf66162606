""""its" for "it's" where a verb, an article or a participle follows: "its a shame", "its
been years", "its not fair", "if you don't know its stolen"; or an adjective that ends a
clause: "Its weird how", "Its slower, but".

The possessive is followed by a noun or an adjective ("its own", "its stolen goods"); the
words listed here do not follow it. A participle counts only before a mark or the end. An
adjective counts only where "its" opens a clause (a sentence, or after "and", "but",
"think"...) and a mark or a clause's first word follows it: "its weird shape" is the
possessive, "its ugly, matted fur" too, after a preposition or mid-clause.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.rules.then_than import comparative_forms
from galleyproof.text.document import Document
from galleyproof.text.words import is_sentence_start, word_before

NEXT = frozenset(
    "a an the not been going gonna so very really just about also still always never ok okay because what"
    " getting got too almost raining snowing as".split()
)
PARTICIPLES = frozenset(
    "stolen broken done gone taken given known seen written made found lost sold closed opened finished"
    " fixed ruined over stuck covered locked".split()
)
_PATTERN = re.compile(r"(?<![\w'’-])([Ii]ts)[ \t]+([a-z]+)(?![\w'’-])([ \t]*(?:[,.!?;:)\"”]|\n[ \t]*\n|\Z|by\b))?")
#: Adjectives a clause "it's" says of a thing or a state ("it's weird how", "it's slower, but"),
#: with their comparatives (`then_than.comparative_forms`).
ADJECTIVES = frozenset(
    "weird strange odd funny hard easy true fine important possible impossible clear obvious amazing crazy"
    " great nice cool fun good bad sad awful terrible horrible worth hot cold late early cheap expensive safe"
    " simple normal okay wonderful beautiful interesting boring scary annoying frustrating difficult"
    " likely unlikely necessary enough ridiculous fair unfair free slow fast quick quiet loud dark real fake"
    " different same better worse harder easier".split()
)
#: Words that open a clause after an adjective ("it's weird how", "it's hard to").
CLAUSE_AFTER = frozenset("how that to when if because but and so like what why since".split())
#: Words after which "its" opens a clause.
CLAUSE_BEFORE = frozenset("and but so because think thought guess know knew said say says feel felt hope if when that".split())
_ADJECTIVE_PATTERN = re.compile(
    r"(?<![\w'’-])([Ii]ts)[ \t]+([a-z]+)(?:[ \t]*[,.!?;:)]|[ \t]+([a-z]+)(?![\w'’-]))")


_PREDICATES = ADJECTIVES | comparative_forms(ADJECTIVES)
#: Words before "its" that make it the possessive ("from its not overpowering", "by its very").
PREPOSITIONS = frozenset("from of by in on with to for at into upon about through under over".split())


def its_issues(text: str) -> list[Issue]:
    issues = []
    for m in _PATTERN.finditer(text):
        nxt, ends = m.group(2), m.group(3) is not None
        if word_before(text, m.start()) in PREPOSITIONS:
            continue
        if not (nxt in NEXT or (ends and (nxt in PARTICIPLES or nxt.endswith("ed")))):
            continue
        fix = "It's" if m.group(1)[0] == "I" else "it's"
        issues.append(Issue(m.start(1), m.end(1), "word_choice", f"“{fix}” (it is), not the possessive “its”",
                            (fix,), 0.88))
    seen = {i.start for i in issues}
    for m in _ADJECTIVE_PATTERN.finditer(text):
        adjective, after = m.group(2), m.group(3)
        if m.start(1) in seen or adjective not in _PREDICATES or (after is not None and after not in CLAUSE_AFTER):
            continue
        if not (is_sentence_start(text, m.start(1)) or word_before(text, m.start()) in CLAUSE_BEFORE):
            continue
        fix = "It's" if m.group(1)[0] == "I" else "it's"
        issues.append(Issue(m.start(1), m.end(1), "word_choice", f"“{fix}” (it is), not the possessive “its”",
                            (fix,), 0.85))
    return sorted(issues, key=lambda i: i.start)


@rule("its_it_is", "word_choice", "“its” for “it's” before a verb, an article or a participle (“its been”)",
      flagged="If you don't know its stolen, its not your fault. Its weird how it works.", clean="The dog wagged its tail; it's stolen.")
def its_it_is(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return its_issues(doc.text)
