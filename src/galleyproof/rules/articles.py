""""A" or "an": which article the training books always write before a word.

Spelling cannot tell: "an hour" and "a useful" break the vowel-letter rule, and only usage
knows which words do. The table holds the words the books write after an article often
enough (`MIN_COUNT`), always with the same one; a word they write both ways ("a one", "an
one"), or too rarely, is not judged. It is read off the gap table's counts of what precedes
each word (`english.gaps`) and shipped as `data/articles.tsv`, a few thousand words that load
far faster than the gap table; `galleyproof.training.tables` derives it (see
`docs/experiments/rules.md`).
"""

from __future__ import annotations

import re
from pathlib import Path

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.tables import shipped_table
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document

DEFAULT_FILE = "articles.tsv"
#: Times the books must write the word after an article (and never after the other one).
MIN_COUNT = 5
#: Determiners no article follows ("his a old", "the an apple"); not "her" ("gave her a") or "that".
DETERMINERS = frozenset("the his my your our their its this these those every each".split())
_DETERMINER_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_]+)([ \t]+)$")
_ARTICLE = re.compile(r"(?<![\w'’-])([Aa]n?)(?:[ \t]+|[ \t]*\r?\n[ \t]*)([^\W\d_]+(?:['’][^\W\d_]+)*)(?![\w'’-])")


def from_gaps(precedes: dict[str, dict[str, int]], min_count: int = MIN_COUNT) -> dict[str, str]:
    """word -> the article always written before it, from counts of what precedes each word."""
    table = {}
    for word, before in precedes.items():
        a, an = before.get("a", 0), before.get("an", 0)
        if a >= min_count and not an:
            table[word] = "a"
        elif an >= min_count and not a:
            table[word] = "an"
    return table


def save_table(table: dict[str, str], path: Path) -> None:
    """One `word<TAB>article` line a word, sorted."""
    Path(path).write_text("".join(f"{w}\t{a}\n" for w, a in sorted(table.items())), encoding="utf-8")


def load_table(path: Path) -> dict[str, str]:
    text = Path(path).read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line)


#: Lower-case words that start with a vowel letter but a consonant sound ("a one-off", "a
#: European"): "a" before them is right.
_CONSONANT_SOUND = re.compile(r"(?:one|once|eu|ewe|uni|use|usu|ura|ure|uti|ubi|oui)")


#: Letters whose names begin with a vowel sound: "an SNP", "an MRI" (read letter by letter).
_VOWEL_NAMED = frozenset("AEFHILMNORSX")
#: Capitals with no vowel cannot be read as a word: "SRC", "SNP", "BBC" are spelt out.
_SPELT_OUT = re.compile(r"[B-DF-HJ-NP-TV-XZ]{2,5}")


def _by_sound(word: str) -> str | None:
    """For a word the table does not judge: "an" before a lower-case word that begins with
    "a", "e", "i" or "o" and a vowel sound ("A old man"; capitalised too: "a Exploding Lava
    Lamp"), and the article an acronym's first
    letter's name asks for where the acronym has no vowel and so is spelt out ("a SNP" ->
    "an", "an BBC" -> "a"); otherwise no judgement. "u" and "h" words, names and acronyms read
    as words ("NATO", "NASA") are left alone."""
    spelt = spelt_out_article(word)
    if spelt is not None:
        return spelt
    lower = word.lower()
    if len(word) < 2 or not (word.islower() or word.istitle()) or lower[0] not in "aeio" or _CONSONANT_SOUND.match(lower):
        return None
    return "an"


def spelt_out_article(word: str) -> str | None:
    """The article before an acronym with no vowel, read letter by letter ("an SNP", "a BBC");
    None for any other word."""
    if _SPELT_OUT.fullmatch(word):
        return "an" if word[0] in _VOWEL_NAMED else "a"
    return None


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 6) : start].rstrip(" \t\n\"“‘'(")
    return not before or before[-1] in ".!?"


def default_table() -> dict[str, str]:
    return shipped_table(DEFAULT_FILE, load_table)


def article_issues(text: str, table: dict[str, str] | None = None) -> list[Issue]:
    """The article the books never write before the next word ("a elephant", "an large").

    "An" before an h-word is left alone: "an historical", "an hotel" are older usage, not slips.
    """
    table = default_table() if table is None else table
    issues = []
    for m in _ARTICLE.finditer(text):
        article, word = m.group(1), m.group(2).lower()
        wanted = table.get(word)
        if wanted is None and word not in table and (article in ("a", "an") or _starts_sentence(text, m.start(1))):
            wanted = _by_sound(m.group(2))  # a capital "A" inside a sentence may be a letter ("in A or Z")
        if wanted is None or wanted == article.lower() or (article.lower() == "an" and word.startswith("h")):
            continue
        fix = wanted.capitalize() if article[0].isupper() else wanted
        owner = _DETERMINER_BEFORE.search(text, max(0, m.start(1) - 20), m.start(1))
        if owner and owner.group(1).lower() in DETERMINERS:
            # "his a old": no article follows a determiner, so the article is the slip, not its sound.
            issues.append(Issue(owner.start(1), m.end(1), "grammar",
                                f"An article after “{owner.group(1)}”: one of the two is extra",
                                (owner.group(1), f"{owner.group(1)}{owner.group(2)}{fix}"), 0.9))
            continue
        issues.append(Issue(m.start(1), m.end(1), "grammar", f"“{fix}” is the article written before “{m.group(2)}”",
                            (fix,), 0.9))
    return issues


@rule("articles", "grammar", "“a” or “an” where the books always write the other before the word",
      flagged="He saw a elephant.", clean="He saw an elephant.")
def articles(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return article_issues(doc.text)
