"""How much the model flags: `thorough` (the default) or `precise` (its calibrated thresholds).

The calibration chooses each category's threshold for F0.5 on synthetic errors in clean
novel paragraphs: few false alarms, at the cost of the slips the model is less sure of. On
real writers' errors (the real dev sets, `benchmarks/real_errors.py`) that leaves recall
below Harper's. `thorough` lowers each of the model's category thresholds by
`THOROUGH_OFFSET` (not below `FLOOR`): more of a writer's slips found, beside more false
alarms (still fewer than Harper's). The offset is the one that gave the best F1 on the real dev
sets, cweb_dev and GUM pooled, of 0.2-0.6 in steps of 0.1, with the synthetic validation
set's F1 no lower than `precise` gives (`benchmarks/sensitivity.py`; `docs/experiments/real_errors.md`,
"Fourth round").
The thresholds of the unknown-name, slip and word-pair tests are left as calibrated: they
decide what kind of flag a score makes, not how sure it must be.
"""

from __future__ import annotations

from collections.abc import Mapping

PRECISE = "precise"
THOROUGH = "thorough"
SENSITIVITIES = (PRECISE, THOROUGH)
#: What `check`, the editor, the review page and `eval` use unless told: the one that finds at
#: least as many of real writers' errors as Harper on both real dev sets, with fewer false
#: alarms than Harper on clean modern text and on clean novel prose (`docs/experiments/real_errors.md`,
#: "Fifth round"). `precise` is one option away for a writer who wants only the surest flags.
DEFAULT = THOROUGH
THOROUGH_OFFSET = 0.5
#: No threshold goes lower: at a floor of 0.05, the model's flags scoring under 0.1 were an eighth
#: of thorough's false alarms on clean novel paragraphs (29 of 236) and hit under 3% of the errors
#: it found on the real dev sets (22 of 830).
FLOOR = 0.1
#: The thresholds `thorough` lowers: one per category, missing words, and unknown words.
LOWERED = ("spelling", "word_choice", "punctuation", "whitespace", "capitalization", "grammar", "missing",
           "unknown_word")


def thresholds_for(thresholds: Mapping[str, float], sensitivity: str = DEFAULT) -> dict[str, float]:
    """The model's thresholds at `sensitivity` (a new dict; the model's are left alone)."""
    if sensitivity not in SENSITIVITIES:
        raise ValueError(f"unknown sensitivity {sensitivity!r}; known: {', '.join(SENSITIVITIES)}")
    if sensitivity == PRECISE:
        return dict(thresholds)
    return lowered(thresholds, THOROUGH_OFFSET)


def lowered(thresholds: Mapping[str, float], offset: float) -> dict[str, float]:
    """`thresholds` with those of `LOWERED` lowered by `offset`, not below `FLOOR`
    (`benchmarks/sensitivity.py` tries several offsets)."""
    return {key: max(FLOOR, round(value - offset, 4)) if key in LOWERED else value
            for key, value in thresholds.items()}


class AtSensitivity:
    """A proofreader at a given sensitivity, as a plain `Detector` (`detect(text)`), for the
    evals and benchmarks; its version names the sensitivity, so a saved result says which was
    scored."""

    def __init__(self, proofreader, sensitivity: str) -> None:
        thresholds_for({}, sensitivity)  # an unknown one is refused here, not at the first text
        self.proofreader = proofreader
        self.sensitivity = sensitivity
        self.version = f"{proofreader.version} ({sensitivity})"

    def detect(self, text: str) -> list:
        return self.proofreader.detect(text, sensitivity=self.sensitivity)
