"""A stand-in for the model in ranking tests: it finds any token in `bad` wrong and every
other token right, and counts its calls."""

import re

import numpy as np

from galleyproof.model.tagging import LABELS


class WordScorer:
    """Scores passages as `ModelDetector.scores_together` does, from a set of bad words."""

    def __init__(self, bad):
        self.bad = set(bad)
        self.calls = 0

    def scores_together(self, passages, doc_counts):
        self.calls += 1
        out = []
        for p in passages:
            offsets = [m.span() for m in re.finditer(r"\w+|[^\w\s]", p.text)]
            probs = np.full((len(offsets), len(LABELS)), 0.01 / (len(LABELS) - 1))
            for i, (s, e) in enumerate(offsets):
                probs[i, 0] = 0.01 if p.text[s:e].lower() in self.bad else 0.99
            out.append((offsets, probs))
        return out
