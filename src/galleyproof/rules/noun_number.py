"""A noun in the singular where the words before it count more than one: "these kind of
historians", "all sort of occasions", "one of the reason behind", "two thing".

- "these", "those", "all", "many", "several", "various", "different" before "kind of",
  "sort of" or "type of" want "kinds", "sorts", "types".
- "one of the" (or "my", "his", "their"...), at most two words, then a noun whose plural the
  books use often (`PLURAL_COUNT`, `PLURAL_SHARE`), before a mark or a word that ends the noun
  phrase ("behind", "that", "is"): "one of the best reason that" -> "reasons". Collective nouns
  ("one of the family", "one of the party") and nouns that are no count nouns are left alone.
- "a" or "an" before a plural that a mark, "of" or a relative or "is" follows wants the
  singular: "a stories that" -> "story". Words singular in "-s" ("a series of", "a means of",
  "a glass of", "a crisis of") are left alone: the word less its "s" must be a count noun.
- "two" to "ten" (as words) then such a noun before a mark or such a word: "two thing:"; not
  "two hundred", nor the measures dialect writes in the singular ("two mile").
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.verbs import s_form
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import match_case, word_before

#: Times the books must write the plural for a word to count as a count noun, and its share of
#: the singular's count ("rights" is 4% of "right": an adjective or an adverb most of the time).
PLURAL_COUNT = 20
PLURAL_SHARE = 0.15
#: Words after the noun that end its phrase.
PHRASE_ENDS = frozenset(
    "behind that which who whom whose is was are were has have had will would can could in on at for to from with"
    " by about and or but i we you he she they".split()
)
#: Words a number stands before in the singular ("two hundred", "ten fold"), and measures a
#: dialect writes so ("two mile", "three year").
NUMBER_WORDS = frozenset("hundred thousand million billion dozen score fold mile year foot pound head pair".split())
#: Nouns of groups, and others whose singular follows "one of the" in good prose.
COLLECTIVE = frozenset(
    "family party company crowd staff team group household number people police public class crew band army"
    " committee council family's audience majority minority rest whole lot kind sort type".split()
)
#: Words "one" numbers ("phase one of the project", "day one of the trip"): not "one of many".
NUMBERED = frozenset(
    "phase part chapter day step book volume act scene season episode level stage round number page section year"
    " week game lesson unit".split()
)
_COUNTED_KIND = re.compile(
    r"(?<![\w'’-])(?<!\ba )(?<!\bthe )(?<!\bone )(?<!\bA )(?<!\bThe )(?:[Tt]hese|[Tt]hose|[Aa]ll|[Mm]any|[Ss]everal|[Vv]arious|[Dd]ifferent)[ \t]+(kind|sort|type)"
    r"[ \t]+of(?![\w'’-])")
_PHRASE_END = r"(?=[ \t]*[,.;:!?)]|[ \t]+(?i:" + "|".join(sorted(PHRASE_ENDS)) + r")(?![\w'’-]))"
_ONE_OF = re.compile(
    r"(?<![\w'’-])[Oo]ne[ \t]+of[ \t]+(?:the|my|your|his|her|its|our|their|these|those)[ \t]+"
    r"(?:[a-z]+[ \t]+){0,2}?([a-z]{3,})" + _PHRASE_END)
_NUMBER = re.compile(
    r"(?<![\w'’-])(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en)[ \t]+([a-z]{3,})"
    + _PHRASE_END)


#: "-s" words a singular "a" stands before ("a series of", "a news item").
SINGULAR_S = frozenset("series species means news ways gallows kudos chaos".split())
_ARTICLE_PLURAL = re.compile(
    r"(?<![\w'’-])(?:[Aa]n?)[ \t]+([a-z]{3,}s)(?=[ \t]*[,.;:!?)]|[ \t]+(?:of|was|is|that|which|who)(?![\w'’-]))")


def _singular(word: str, lexicon: Lexicon) -> str | None:
    """The singular of the plural `word` if it is a count noun's plural (`_count_noun`), else None."""
    if word in SINGULAR_S or word.endswith(("ss", "us", "is", "os")):
        return None
    for singular in (word[:-3] + "y" if word.endswith("ies") else None, word[:-2] if word.endswith("es") else None,
                     word[:-1]):
        if singular and lexicon.count(singular) >= PLURAL_COUNT and _count_noun(singular, lexicon) == word:
            return singular
    return None


def _count_noun(word: str, lexicon: Lexicon) -> str | None:
    """The plural of `word` if the books use it at least `PLURAL_COUNT` times and the word is no
    collective and no plural already; else None."""
    if word in COLLECTIVE or word.endswith("s"):
        return None
    plural = s_form(word)
    count = lexicon.count(plural)
    return plural if count >= PLURAL_COUNT and count >= PLURAL_SHARE * lexicon.count(word) else None


def noun_number_issues(text: str, lexicon: Lexicon) -> list[Issue]:
    issues = []
    for m in _COUNTED_KIND.finditer(text):
        fix = m.group(1) + "s"
        issues.append(Issue(m.start(1), m.end(1), "grammar", f"“{fix} of”: the words before count more than one",
                            (fix,), 0.85))
    for m in _ARTICLE_PLURAL.finditer(text):
        singular = _singular(m.group(1), lexicon)
        if singular is not None:
            issues.append(Issue(m.start(1), m.end(1), "grammar", f"“{singular}”: “a” or “an” counts one",
                                (singular,), 0.8))
    for pattern in (_ONE_OF, _NUMBER):
        for m in pattern.finditer(text):
            if pattern is _ONE_OF and word_before(text, m.start()) in NUMBERED:
                continue
            noun = m.group(1)
            if pattern is _NUMBER and noun in NUMBER_WORDS:
                continue
            plural = _count_noun(noun, lexicon)
            if plural is None:
                continue
            fix = match_case(noun, plural)
            issues.append(Issue(m.start(1), m.end(1), "grammar", f"“{fix}”: the words before count more than one",
                                (fix,), 0.8))
    return sorted(issues, key=lambda i: i.start)


@rule("noun_number", "grammar", "a singular noun after words that count more than one (“these kind of”, “two thing”)",
      flagged="These kind of historians know one of the reason behind it.",
      clean="This kind of historian knows one of the reasons behind it, and one of the family came.")
def noun_number(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return noun_number_issues(doc.text, lexicon)
