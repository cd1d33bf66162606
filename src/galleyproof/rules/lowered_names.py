"""A name written small: "ireland", "irish", "agrippa".

The training books write some words with a capital nearly every time they use them: places,
peoples, people, days and months ("Ireland", "Irish", "Monday"). Written in small letters
such a word is most likely a slip, and the model, which reads the lexicon's "a name written
small" bucket, leaves most of them to its capitalisation threshold. This lookup flags a
word in small letters that the books use at least `MIN_COUNT` times, a capital on at least
`MIN_SHARE` of them (sentence starts count too, so common words stay far below the bar:
"will" and "rose" are names as well, but mostly not). A word the document itself writes
small `DOCUMENT_USES` times or more is the writer's choice ("french windows"), and is left
alone. Measurements are in `docs/experiments/rules.md`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from galleyproof.english.lexicon import Lexicon
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import iter_words

MIN_COUNT = 20
MIN_SHARE = 0.99
DOCUMENT_USES = 3
SCORE = 0.9


def lowered_name_issues(text: str, lexicon: Lexicon, small: Mapping[str, int] | None = None) -> list[Issue]:
    """Words of two letters or more in small letters that the books always capitalise; `small`
    (`Document.small_forms` of `text`) lends the document's counts of such words."""
    found = [m for m in iter_words(text) if len(m.group()) > 1 and m.group().islower()]
    if small is None:
        small = Counter(m.group() for m in found)
    issues = []
    for m in found:
        word = m.group()
        # The document's count last: a re-check looks it up for names only (`rules.memo`).
        if lexicon.count(word) < MIN_COUNT or lexicon.capitalised_share(word) < MIN_SHARE or small[word] >= DOCUMENT_USES:
            continue
        fix = word[0].upper() + word[1:]
        issues.append(Issue(m.start(), m.end(), "capitalization", f"The books write “{fix}” with a capital",
                            (fix,), SCORE))
    return issues


@rule("lowered_names", "capitalization", "A name the books always capitalise, written in small letters",
      flagged="We sailed from london at dawn.", clean="We sailed from London at dawn.")
def lowered_names(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return lowered_name_issues(doc.text, lexicon, doc.small_forms)
