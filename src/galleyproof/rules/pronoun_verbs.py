"""A verb in its plain form after "he", "she" or "it": "he go to school", "she want to",
"It make sense".

The verb must be one of `english.verbs`' listed verbs, or one the books write in all four of
its regular forms (`corpus_verbs`), and its "-s" form common in the books. Left alone, where
the plain form is right or a writer of the books meant it:
- a question or a negation with "do", a modal or "to" before the pronoun ("did he go", "will
  she want", "didn't he ask", "to see it fall");
- a plain form that is also a past ("he found", "she saw", "it lay"), "need" and "dare"
  ("he need not"), and "do" ("She do, sir");
- a pair near a word cut short in dialect ("he begin t’ rip up an’ cuss");
- the old subjunctive after "if", "that", "lest", "till", "though" and the like ("lest he
  fall", "if she please", "I insist that he go");
- "it" after a verb, where it is an object ("let it go", "made it happen", "watched it fall"):
  "it" is read only where it opens a sentence or a clause (after a comma or "and", "but",
  "so", "because" ...);
- a manuscript that writes the pronoun and a plain verb three times or more: that is its
  voice ("he say", "she don't" in dialect), not a slip.

The fixes are the "-s" form and the past; the past first in a text told in the past
(`suggest.tense.told_in_past`): "When the man saw me, he aim a gun" -> "aimed".
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon, PerLexicon
from galleyproof.english.verbs import VERBS, VerbForms, saved_corpus_verbs
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.suggest.tense import told_in_past
from galleyproof.text.document import Document
from galleyproof.text.words import match_case, word_before

#: The books must have seen the "-s" form this often.
THIRD_COUNT = 20
#: A manuscript writing pronoun + plain verb this often is writing a voice.
VOICE_COUNT = 3
_PAIR = re.compile(r"(?<![\w'’-])(he|she|it|He|She|It)[ \t]+([a-z]+)(?![\w'’-])")
#: Before the pronoun: a question with "do" or a modal, "to", a subjunctive's conjunction (the
#: word before is read as letters alone: a negation, "didn't he", is `_NEGATION_BEFORE`'s).
_PLAIN_BEFORE = frozenset(
    "do does did will would shall should can could may might must cannot to let if that lest till until "
    "though although unless whether ere before except save".split()
)
#: Words after which "it" opens a clause (its subject).
_CLAUSE_OPENERS = frozenset("and but so because since when while where as or yet then though although".split())
#: Plain forms that are also another verb's past ("he found", "she saw", "it lay"), and the
#: pasts of listed verbs.
_PAST_TOO = frozenset({v[2] for v in VERBS} | {v[3] for v in VERBS}
                      | set("found wound bound ground lay bore fell rose spat lit sped".split()))
#: "he need not", "she dare not" (modal), "She do, sir" (elliptic, or a dialect's).
_NOT_AGREEING = frozenset({"need", "dare", "do"})
#: A word cut short in dialect ("an’", "t’", "goin’") near the pair: the writer's voice.
_ELISION = re.compile(r"[a-z][’'](?![a-z])")
_NEGATION_BEFORE = re.compile(r"(?:n['’]t|\bnot)[ \t]+$", re.IGNORECASE)
_VERBS: PerLexicon[VerbForms] = PerLexicon(lambda lexicon: VerbForms.of(saved_corpus_verbs(lexicon)))
#: The listed irregular verbs' pasts, by their plain form.
_IRREGULAR_PASTS = {v[0]: v[2] for v in VERBS}


def verbs_for(lexicon: Lexicon) -> VerbForms:
    """The listed verbs and the lexicon's own regular verbs, worked out once per lexicon."""
    return _VERBS.of(lexicon)


def _opens_clause(text: str, pos: int) -> bool:
    """Whether the word at `pos` opens a sentence or a clause: nothing, a mark, or a
    conjunction before it."""
    before = text[max(0, pos - 3) : pos].rstrip(" \t")
    if not before or before[-1] in ".!?;:,—–\"“(\n":
        return True
    return word_before(text, pos) in _CLAUSE_OPENERS


def past_of(verb: str, verbs: VerbForms) -> str | None:
    """A verb's simple past from its plain form ("aim" -> "aimed", "go" -> "went"); None if unknown."""
    regular = verbs.by_form.get(verb)
    return regular[2] if regular is not None and regular[0] == verb else _IRREGULAR_PASTS.get(verb)


def pronoun_verb_issues(text: str, lexicon: Lexicon, past: bool = False) -> list[Issue]:
    """The flags, with the "-s" form first, or the past where the text is told in it (`past`)."""
    verbs = verbs_for(lexicon)
    found = []
    for m in _PAIR.finditer(text):
        pronoun, verb = m.group(1).lower(), m.group(2)
        third = verbs.base_to_third.get(verb)
        if third is None or third == verb or verb in _PAST_TOO or verb in _NOT_AGREEING:
            continue
        if lexicon.count(third) < THIRD_COUNT or _ELISION.search(text, max(0, m.start() - 40), m.end() + 40):
            continue
        if word_before(text, m.start(1)) in _PLAIN_BEFORE or _NEGATION_BEFORE.search(text, max(0, m.start(1) - 12),
                                                                                     m.start(1)):
            continue
        if pronoun == "it" and not _opens_clause(text, m.start(1)):
            continue
        found.append((m, third))
    if len(found) >= VOICE_COUNT:
        return []
    issues = []
    for m, third in found:
        fixes = [third] + [f for f in (past_of(m.group(2), verbs),) if f is not None and f != third]
        if past:
            fixes.reverse()
        shown = " or ".join(f"“{f}”" for f in fixes)
        issues.append(Issue(m.start(2), m.end(2), "grammar", f"After “{m.group(1)}”, {shown}",
                            tuple(match_case(m.group(2), f) for f in fixes), 0.85))
    return issues


@rule("pronoun_verbs", "grammar", "A verb's plain form after “he”, “she” or “it” (“he go to school”)",
      flagged="After school he go to the park.",
      clean="Did he go to the park? Let it go, lest he fall. She goes home.")
def pronoun_verbs(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return pronoun_verb_issues(doc.text, lexicon, told_in_past(doc.counts))
