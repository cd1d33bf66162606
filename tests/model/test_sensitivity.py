"""`thorough` lowers the model's category thresholds, never below the floor, and leaves the
thresholds that decide a flag's kind alone; `precise` is the model's own."""

import pytest

from galleyproof.model.sensitivity import FLOOR, LOWERED, THOROUGH_OFFSET, thresholds_for
from galleyproof.model.versions import shipped_model_dir
from galleyproof.proofreader import Proofreader

MODEL = {"spelling": 0.65, "punctuation": 0.5, "whitespace": 0.95, "unknown_name": 1.01, "odd_pair": 0.15,
         "unknown_slip": 0.3}


def test_precise_is_the_models_own_thresholds_in_a_new_dict():
    got = thresholds_for(MODEL, "precise")
    assert got == MODEL and got is not MODEL


def test_thorough_lowers_each_category_threshold_by_the_offset_down_to_the_floor():
    got = thresholds_for(MODEL, "thorough")
    assert got["spelling"] == pytest.approx(0.65 - THOROUGH_OFFSET)
    assert got["whitespace"] == pytest.approx(0.95 - THOROUGH_OFFSET)
    assert got["punctuation"] == max(FLOOR, 0.5 - THOROUGH_OFFSET) >= FLOOR
    # The unknown-name, slip and word-pair thresholds say what kind a flag is: left alone.
    assert {k: got[k] for k in ("unknown_name", "odd_pair", "unknown_slip")} == \
        {"unknown_name": 1.01, "odd_pair": 0.15, "unknown_slip": 0.3}
    assert not {"unknown_name", "odd_pair", "odd_missing", "unknown_slip"} & set(LOWERED)


def test_an_unknown_sensitivity_is_refused():
    with pytest.raises(ValueError, match="thorough"):
        thresholds_for(MODEL, "loud")


@pytest.fixture(scope="module")
def proofreader():
    return Proofreader.from_dir(shipped_model_dir())


def test_thorough_finds_a_slip_precise_lets_through_and_keeps_every_precise_flag(proofreader):
    text = "The lamps are the most common bulbs in the house and has a great fit with the old sockets."
    precise = proofreader.check(text, sensitivity="precise")
    thorough = proofreader.check(text)  # the default
    assert "has" not in {text[i.start : i.end] for i in precise}
    has = next(i for i in thorough if text[i.start : i.end] == "has")
    assert has.category == "grammar" and has.score < proofreader.model.thresholds["grammar"]
    assert {(i.start, i.end) for i in precise} <= {(i.start, i.end) for i in thorough}
    # The model's own thresholds are untouched: precise again gives what it gave.
    assert proofreader.check(text, sensitivity="precise") == precise
