"""A simple past after "have" where the participle belongs: "someone had wrote it", "she had
went home", "I have ate", "it would have came".

And "lead" after "was", "been" and the like before "to", "by", "astray" (the metal is no
passive): "I was lead to believe" -> "led".

"had", "has", "have", "having" (and "'ve", "hadn't", "haven't", "hasn't"), perhaps with "not",
"never", "already", "just" or "ever" between, take the participle. The verbs are those of
`english.verbs` whose past and participle differ ("wrote"/"written"). Left out: past forms that
are also nouns a "had" may own ("had rose petals", "had a bit"), and pasts that stand as
participles in some English ("had got", "had forgot", "had hid", "had bit").

`forms` finds some of these from the books' counts of the words either side, but only where
the training books never write the slip between those neighbours, and the dialect in them
("had went home") keeps it quiet; here the auxiliary alone decides.
"""

from __future__ import annotations

import re

from galleyproof.english.lexicon import Lexicon
from galleyproof.english.verbs import VERBS
from galleyproof.issues import Issue
from galleyproof.rules.registry import rule
from galleyproof.text.document import Document
from galleyproof.text.words import match_case

#: Pasts left alone: nouns a "had" may own, or pasts some English uses as participles.
LEFT_ALONE = frozenset("rose fell bit hid got forgot saw lay lit".split())
PARTICIPLE_OF = {past: pp for _, _, past, pp, _ in VERBS if past != pp and past not in LEFT_ALONE}
_PATTERN = re.compile(
    r"(?:(?<![\w'’-])ha(?:d|s|ve|ving)(?:n['’]t)?|(?<=\w)['’]ve)"
    r"(?:[ \t]+(?:not|never|already|just|ever|once|since|always))?[ \t]+([a-z]+)(?![\w'’-])",
    re.IGNORECASE,
)


_LEAD = re.compile(
    r"(?<![\w'’-])(?:was|were|been|being|be|is|are|am|get|got|gets|getting)[ \t]+(lead)"
    r"(?=[ \t]+(?:to|by|astray|away|into|off|back)(?![\w'’-]))", re.IGNORECASE)


def participle_issues(text: str) -> list[Issue]:
    issues = []
    for m in _LEAD.finditer(text):
        fix = match_case(m.group(1), "led")
        issues.append(Issue(m.start(1), m.end(1), "grammar", f"The participle of “lead” is “{fix}”", (fix,), 0.9))
    for m in _PATTERN.finditer(text):
        past = m.group(1)
        participle = PARTICIPLE_OF.get(past.lower())
        if participle is None:
            continue
        fix = match_case(past, participle)
        auxiliary = m.group(0).split()[0]
        issues.append(Issue(m.start(1), m.end(1), "grammar", f"After “{auxiliary}”, the participle “{fix}”, not “{past}”",
                            (fix,), 0.9))
    return sorted(issues, key=lambda i: i.start)


@rule("participles", "grammar", "A simple past after “have” where the participle belongs (“had went”, “have ate”)",
      flagged="Someone had wrote it on the board, and she had went home. I was lead to believe it.",
      clean="Someone had written it on the board; she had gone home, and he had rose petals. Lead is soft.")
def participles(doc: Document, lexicon: Lexicon) -> list[Issue]:
    return participle_issues(doc.text)
