"""A possessive written without its apostrophe where the words round it leave no doubt: "a
friends birthday", "at a moments notice", "this years festival".

"a" or "an" never stands before a plural, so "a friends" + a noun is the singular's
possessive: "a friend's birthday". Only for words that name someone or a stretch of time
(`POSSESSORS`: "a managers responsibility", "a moments notice"): today's English writes
plurals before nouns as modifiers ("a weapons cache", "a systems analyst", "a rules file"),
and a noun or an adjective must follow (not "a friends and"). And
"this years" or "next years" (or "last years" after no determiner: "his last years" is the
plural) before a noun is the year's: "this year's festival". A time word alone stands in the
second pattern, since "last weeks" and "next months" are as often plurals read right.

The other way round: an acronym's plural written with an apostrophe, where no noun follows
for it to own ("RV's or trailers", "the PSU's that cover", "(PSU's)") -> "RVs".
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import apostrophe_of, match_case, word_before

#: Words after "a friends" that show no possessive follows: marks aside, these begin no noun phrase.
NOT_A_NOUN = frozenset(
    "and or but nor of in on at to for from with by as than that which who whom whose is are was were be been"
    " have has had do does did will would can could shall should may might must not who when where while if"
    " so because into onto upon about over under after before through".split()
)
#: Those whose possessive "a" may stand before: people, animals, stretches of time.
POSSESSORS = frozenset(
    "friend manager mother father sister brother cousin neighbour neighbor girl boy kid teacher student doctor"
    " nurse patient customer client user owner parent wife husband son daughter aunt uncle grandmother"
    " grandfather mom dad mum boss colleague employee writer author reader stranger lady gentleman king queen"
    " soldier farmer servant master mistress dog cat horse bird moment minute hour day night week month year"
    " lifetime".split()
)
_ARTICLE_PLURAL = re.compile(r"(?<![\w'’-])[Aa]n?[ \t]+([a-z]{3,}s)[ \t]+([a-z]+)\b(?![’'])")
_THIS_YEARS = re.compile(r"(?<![\w'’-])([Tt]his|[Nn]ext|[Ll]ast)[ \t]+(years)[ \t]+([a-z]+)\b(?![’'])")
_ACRONYM_PLURAL = re.compile(r"(?<![\w'’-])([A-Z]{2,5})(['’]s)(?=[ \t]*[,.;:!?)]|[ \t]+([a-z]+)\b)")
_DETERMINERS = frozenset("the his her its their my your our these those all few many several".split())


def possessive_issues(text: str) -> list[Issue]:
    apostrophe = apostrophe_of(text)
    issues = []
    for m in _ARTICLE_PLURAL.finditer(text):
        word, nxt = m.group(1), m.group(2)
        singular = word[:-1]
        if singular not in POSSESSORS or nxt in NOT_A_NOUN:
            continue
        fix = f"{singular}{apostrophe}s"
        issues.append(Issue(m.start(1), m.end(1), "punctuation",
                            f"“{fix}”: a possessive needs its apostrophe (“{m.group().split()[0]}” takes no plural)",
                            (fix,), 0.85))
    for m in _THIS_YEARS.finditer(text):
        if m.group(3) in NOT_A_NOUN or (m.group(1).lower() == "last" and word_before(text, m.start()) in _DETERMINERS):
            continue
        fix = match_case(m.group(2), f"year{apostrophe}s")
        issues.append(Issue(m.start(2), m.end(2), "punctuation", f"“{m.group(1)} {fix}”: a possessive needs its apostrophe",
                            (fix,), 0.85))
    for m in _ACRONYM_PLURAL.finditer(text):
        if m.group(3) is not None and m.group(3) not in NOT_A_NOUN:
            continue
        fix = m.group(1) + "s"
        issues.append(Issue(m.start(1), m.end(2), "punctuation", f"“{fix}”: a plural takes no apostrophe",
                            (fix,), 0.8))
    return sorted(issues, key=lambda i: i.start)


@rule("possessives", "punctuation",
      "a possessive without its apostrophe (“a friends birthday”, “this years festival”), an acronym's plural with one",
      flagged="I missed a friends birthday, and this years festival. It takes RV's or trailers.",
      clean="I have a friend's car, a sports car, a news story, and friends who came; in his last years he wrote.")
def possessives(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return possessive_issues(doc.text)
