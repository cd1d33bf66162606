"""A detector with a fixed word list, so view tests need no model (`GALLEYPROOF_DETECTOR=fake_detector:make`)."""

import re

from galleyproof.issues import Issue

#: wrong word -> (category, message, suggestions, score[, suggestion_scores])
WORDS = {
    "teh": ("spelling", "Unknown word.", ("the",), 0.97),
    "icey": ("spelling", "Unknown word.", ("icy", "ice"), 0.91, (0.8, 0.15)),
    "there": ("word_choice", "Possibly 'their'.", ("their",), 0.55),
    "alot": ("spelling", "Two words.", ("a lot",), 0.9),
    "monday": ("capitalization", "Day names take a capital.", ("Monday",), 0.85),
    "zzyzx": ("grammar", "No idea what this is.", (), 0.99),
}


class FakeDetector:
    version = "fake-1"

    def detect(self, text):
        found = [
            Issue(m.start(), m.end(), *WORDS[m.group()])
            for m in re.finditer(r"\w+", text)
            if m.group() in WORDS
        ]
        found += [
            Issue(m.start(), m.end(), "whitespace", "Two spaces.", (" ",), 0.95)
            for m in re.finditer(r"(?<=\S)  (?=\S)", text)
        ]
        return sorted(found, key=lambda i: (i.start, i.end))


def make():
    return FakeDetector()
