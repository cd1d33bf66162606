"""Contractions written without their apostrophe: "dont", "Im", "ive", "whats", "didnt".

Web and chat habits that novel drafts pick up. Forms that are no English word ("dont",
"doesnt", "im") are always flagged; forms that are words too are judged by their neighbours:
"wont" unless it is the noun or adjective ("as was his wont", "wont to"), "cant" after a
subject pronoun ("I cant" but "the cant of the age"), "ill" only at a sentence start before
a verb ("Ill be there"), "lets" opening a sentence or clause before a verb ("Come, lets
go"). "its", "were", "well", "hell", "shell", "wed", "id" are left to
other rules or alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import match_case

#: Apostrophe-less form -> the contraction (lower case; "i" forms are fixed to "I").
ALWAYS: dict[str, str] = {
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "arent": "aren't",
    "wasnt": "wasn't", "werent": "weren't", "hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't",
    "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "mustnt": "mustn't",
    "neednt": "needn't", "aint": "ain't", "im": "I'm", "ive": "I've", "youre": "you're", "youve": "you've",
    "youll": "you'll", "theyre": "they're", "theyve": "they've", "theyll": "they'll", "weve": "we've",
    "thats": "that's", "whats": "what's", "whos": "who's", "heres": "here's", "theres": "there's",
    "wheres": "where's", "hows": "how's", "shouldve": "should've", "couldve": "could've",
    "wouldve": "would've", "itll": "it'll", "shes": "she's", "hes": "he's",
    "thatll": "that'll", "whatre": "what're", "yall": "y'all", "lets": None,
}
ALWAYS = {k: v for k, v in ALWAYS.items() if v}
SUBJECTS = frozenset("i you we they he she it who u".split())
#: Words before "wont" that make it the noun ("his wont") or the adjective ("was wont").
_WONT_NOUN = frozenset("his her their its my your our was were is are as be been the a".split())
_ILL_VERBS = frozenset(
    "be have go get see take make try let tell never just do need send call come give keep show check"
    " probably definitely always talk write bring find put".split()
)
#: Verbs "let's" opens a proposal with ("Lets go", "Come, lets stop"); "lets" before anything
#: else is the verb ("she lets him in").
_LETS_VERBS = frozenset(
    "go get see stop start try make do take talk have be look hope say keep move find eat face get not just all "
    "meet wait play begin think put give sit walk run leave head call check work".split()
)
_WORD = re.compile(r"(?<![\w'’-])([A-Za-z]+)(?![\w'’-])")
_KEYS = sorted({*ALWAYS, "wont", "cant", "ill", "lets"}, key=len, reverse=True)
#: The `_WORD`s that may want an apostrophe, in lower case; and in any mix of cases (ASCII
#: letters only, as `_WORD`), for a text whose lower case is not one character a character.
_LOWER_CANDIDATE = re.compile(r"(?<![\w'’-])(" + "|".join(_KEYS) + r")(?![\w'’-])")
_CANDIDATE = re.compile(r"(?<![\w'’-])(" + "|".join("".join(f"[{c}{c.upper()}]" for c in key) for key in _KEYS)
                        + r")(?![\w'’-])")


def _candidates(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the `_WORD`s that may want an apostrophe. Searched in the text's lower
    case, where that is one character a character (2.5x faster than the mixed-case pattern):
    no character's lower case differs from it in being a word character, and only the
    Kelvin sign lowers to an ASCII letter, so that search finds the same words, less those."""
    low = text.lower()
    if len(low) != len(text):
        yield from (m.span(1) for m in _CANDIDATE.finditer(text))
        return
    for m in _LOWER_CANDIDATE.finditer(low):
        start, end = m.span(1)
        if text[start:end].isascii():
            yield start, end


def _fix(word: str, contraction: str) -> str:
    if contraction.startswith("I'"):
        return contraction
    return match_case(word, contraction)  # words in capitals are skipped, but for "IM", done above


#: What may stand between a word and the mark before it that says where it stands.
_OPENERS = " \t\"“‘'("


def _mark_before(text: str, start: int) -> str:
    """The character before `start` past spaces and opening marks ("" at the text's start);
    walked back from `start`, not by copying all the text before it."""
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    return text[i - 1] if i else ""


def _sentence_start(text: str, start: int) -> bool:
    before = _mark_before(text, start)
    return not before or before in ".!?\n"


def _after_comma(text: str, start: int) -> bool:
    return _mark_before(text, start) == ","


def apostrophe_issues(text: str) -> list[Issue]:
    issues = []
    # Only the words that could take an apostrophe are visited (a novel has a few hundred in
    # 75,000 words); their neighbours are the `_WORD`s either side, found around each.
    for start, end in _candidates(text):
        word = text[start:end]
        key = word.lower()
        if word.isupper() and len(word) > 1 and key not in ("im",):
            continue  # an acronym or shouting in capitals: leave it
        fix = None
        if key in ALWAYS:
            fix = ALWAYS[key]
        else:
            prev = _word_before(text, start)
            after = _WORD.search(text, end)
            nxt = after.group(1).lower() if after else ""
            if key == "wont" and prev not in _WONT_NOUN and nxt != "to":
                fix = "won't"
            elif key == "cant" and prev in SUBJECTS:
                fix = "can't"
            elif key == "ill" and _sentence_start(text, start) and nxt in _ILL_VERBS:
                fix = "I'll"
            elif key == "lets" and nxt in _LETS_VERBS and (_sentence_start(text, start)
                                                          or _after_comma(text, start)):
                fix = "let's"
        if fix is None:
            continue
        fix = _fix(word, fix)
        issues.append(Issue(start, end, "punctuation", f"A contraction needs its apostrophe: “{fix}”",
                            (fix,), 0.92))
    return issues


def _word_before(text: str, start: int) -> str:
    """The last `_WORD` ending before `start`, lower-cased ("" if none): looked for in a stretch
    before it, then in the whole text before it (a word cut by the stretch's start is no match)."""
    for lo in (max(0, start - 200), 0):
        found = None
        for found in _WORD.finditer(text, lo, start):
            pass
        if found is not None or lo == 0:
            return found.group(1).lower() if found is not None else ""
    return ""


@rule("missing_apostrophes", "punctuation", "A contraction without its apostrophe (“dont”, “Im”, “I wont go”)",
      flagged="I dont know what Im doing.", clean="It was his wont to rise early; I don't know.")
def missing_apostrophes(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return apostrophe_issues(doc.text)
