"""Span invariants of the real shipped detector over arbitrary Unicode text.

Whatever the text, every issue must index it (an editor jumps to these offsets), come in
order, carry string suggestions, and be the same on every run and every BLAS thread count.
"""

import json
import math
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from unicode_texts import texts

from galleyproof.cli.main import app
from galleyproof.issues import CATEGORIES, sort_issues
from galleyproof.model.versions import shipped_model_dir
from galleyproof.proofreader import Proofreader
from galleyproof.text.paragraphs import Passage

LETTER = Path(__file__).parents[2] / "examples" / "letter.txt"
runner = CliRunner()


@pytest.fixture(scope="module")
def detector():
    return Proofreader.from_dir(shipped_model_dir())


def assert_well_formed(issues, text):
    for i in issues:
        assert 0 <= i.start < i.end <= len(text), (i, len(text))
        assert i.category in CATEGORIES
        assert all(isinstance(s, str) for s in i.suggestions)
        assert len(i.suggestion_scores) in (0, len(i.suggestions))
        assert math.isfinite(i.score) and 0.0 <= i.score <= 1.0
    assert issues == sort_issues(issues)
    json.dumps([i.to_json() for i in issues])  # every front end serialises them


@pytest.mark.filterwarnings("error")  # a NaN warning from numpy means scores went wrong
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts())
def test_issues_index_the_text_in_order_and_repeat_exactly(detector, text):
    issues = detector.detect(text)
    assert_well_formed(issues, text)
    assert detector.detect(text) == issues


@pytest.mark.filterwarnings("error")
def test_an_empty_passage_scores_nothing_and_quietly(detector):
    # Ranking a "(delete)" fix of a one-word text gives the model an empty passage.
    (empty_offsets, empty), (_, one) = detector.model.token_probs([Passage("", []), Passage("a", [0])], Counter())
    assert empty_offsets == [] and empty.shape == (0, one.shape[1])
    assert np.isfinite(one).all()


THREAD_PROBE = """
import json, sys
from galleyproof.model.versions import shipped_model_dir
from galleyproof.proofreader import Proofreader
from galleyproof.text.document import Document
d = Proofreader.from_dir(shipped_model_dir())
long_text, short_text = json.loads(sys.stdin.read())
flags = [[f.start, f.end, f.category, float(f.score)] for f in d.flags(Document(long_text))]
print(json.dumps([flags, [i.to_json() for i in d.detect(short_text)]]))
"""


def run_with_threads(n: int, texts_: list[str]) -> str:
    env = os.environ | {"OPENBLAS_NUM_THREADS": str(n), "OMP_NUM_THREADS": str(n), "MKL_NUM_THREADS": str(n)}
    done = subprocess.run([sys.executable, "-c", THREAD_PROBE], input=json.dumps(texts_), env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout


def test_same_issues_with_one_or_two_blas_threads():
    # threadpoolctl is not a dependency, so each thread count gets its own process.
    letter = LETTER.read_text(encoding="utf-8")
    long_text = "\r\n\r\n".join([letter] * 2)  # a batch of passages: matrices BLAS splits
    short_text = "\ufeffShe walked into teh house with her freinds.\r\nThier was 😀 no one  there ."
    one, two = run_with_threads(1, [long_text, short_text]), run_with_threads(2, [long_text, short_text])
    assert json.loads(one)[0], "the long text should raise flags, or the comparison proves little"
    assert one == two


def check_json(path: Path):
    result = runner.invoke(app, ["check", "--format", "json", str(path)])
    return result, (json.loads(result.stdout)["files"][0] if result.exit_code in (0, 1) else None)


def test_cli_json_spans_index_the_file_as_read_with_bom_and_crlf(tmp_path, detector):
    p = tmp_path / "letter-crlf.txt"
    p.write_bytes(("\ufeff" + LETTER.read_text(encoding="utf-8").replace("\n", "\r\n")).encode())
    result, payload = check_json(p)
    assert result.exit_code == 1, result.output
    text = open(p, encoding="utf-8", newline="").read()
    spans = [(i["start"], i["end"]) for i in payload["issues"]]
    assert spans == [(i.start, i.end) for i in detector.detect(text)]
    assert "freinds" in {text[s:e] for s, e in spans}


@settings(max_examples=5, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=texts(max_pieces=15), newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans())
def test_cli_json_matches_the_detector_on_the_file_as_read(detector, text, newline, bom):
    text = ("\ufeff" if bom else "") + text.replace("\n", newline)
    with tempfile.TemporaryDirectory() as folder:
        p = Path(folder) / "draft.txt"
        p.write_bytes(text.encode("utf-8"))
        result, payload = check_json(p)
        if "\x00" in text:  # refused as binary, in one line
            assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
            return
        assert result.exit_code in (0, 1), result.output
        as_read = open(p, encoding="utf-8", newline="").read()
    assert as_read == text
    expected = detector.detect(as_read)
    assert [(i["start"], i["end"], i["category"]) for i in payload["issues"]] == [
        (i.start, i.end, i.category) for i in expected
    ]
