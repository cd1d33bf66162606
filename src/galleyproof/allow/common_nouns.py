"""A common word in small letters after a determiner ("see the footnote", "during my
sessions"), which the model would capitalise.

The training books are Project Gutenberg texts, whose own apparatus writes some common
words with a capital ("[Footnote 1: ...]", "Quarter Sessions"); the model learnt those
capitals, and on modern text flags "the footnote" as "Footnote" with a high score. After a
determiner a word in small letters is a common noun far more often than a name whose
capital was forgotten. Allowed: an all-lower-case word after "the", "a", "my", "their",
"this" and the like, mid-sentence, that English writes in small letters (the English word
list knows it) and that the books either write mostly in small letters or use too seldom
(under `RARE_IN_BOOKS` times) for their capital to mean much. A name the books use often,
always capitalised ("the thames", "a bible study"), stays flagged.
"""

from __future__ import annotations

from galleyproof.allow.licences import DETERMINERS as LICENCE_DETERMINERS
from galleyproof.english.lexicon import Lexicon
from galleyproof.english.wordlist import is_english_word
from galleyproof.model.tagging import MODEL_RULE, Flag
from galleyproof.text.document import Document
from galleyproof.text.words import word_before

#: The determiners of `allow.licences` but "that" (as often a conjunction: "knew that ..."),
#: "either" and "neither".
DETERMINERS = LICENCE_DETERMINERS - {"that", "either", "neither"}
#: Fewer uses than this in the books, and their capital says little about the word.
RARE_IN_BOOKS = 20
#: A word the books capitalise less often than this is theirs in small letters.
MOSTLY_SMALL = 0.5


def common_after_determiner(text: str, flag: Flag, lexicon: Lexicon) -> bool:
    """Whether a capitalisation flag of the model's stands on a common word in small letters
    after a determiner (a rule's, as `lowered_names`' "the thames" where the text writes
    "Thames", has its own evidence)."""
    if flag.category != "capitalization" or not flag.rule.startswith(MODEL_RULE):
        return False
    word = text[flag.start : flag.end]
    if not (word.isalpha() and word.islower()):
        return False
    if word_before(text, flag.start) not in DETERMINERS or not is_english_word(word):
        return False
    return lexicon.count(word) < RARE_IN_BOOKS or lexicon.capitalised_share(word) < MOSTLY_SMALL


def drop_common_nouns(doc: Document, flags: list[Flag], lexicon: Lexicon) -> list[Flag]:
    """Flags less capitalisation flags on a common word after a determiner (the module docstring)."""
    return [f for f in flags if not common_after_determiner(doc.text, f, lexicon)]
