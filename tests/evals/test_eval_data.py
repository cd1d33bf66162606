"""Loading eval files and predictions: exact bytes hashed, bad input named by file and line."""

import hashlib
import json

import pytest

from galleyproof.evals.clean import clean_report, count_words
from galleyproof.evals.data import Prediction, load_eval, load_predictions, write_texts
from galleyproof.text.io import InputError

ITEM = {"id": "a", "category": "spelling", "text": "teh cat\u2028sat", "errors": [
    {"start": 0, "end": 3, "wrong": "teh", "correct": "the"}]}


def write_jsonl(path, *rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_loads_items_and_hashes_the_file_bytes(tmp_path):
    p = write_jsonl(tmp_path / "e.jsonl", ITEM, {**ITEM, "id": "b"})
    data = load_eval(p)
    assert [i.id for i in data.items] == ["a", "b"]
    assert data.items[0].text == "teh cat\u2028sat"  # a line separator inside a string is not a line break
    assert data.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "bad, message",
    [
        ("{oops", "line 2: not valid JSON"),
        (json.dumps({**ITEM, "id": "a"}), "line 2: duplicate id 'a' (first on line 1)"),
        (json.dumps({**ITEM, "id": "c", "errors": [{"start": 0, "end": 3, "wrong": "cat", "correct": "x"}]}),
         "line 2: error 1: text[0:3] is 'teh', not 'cat'"),
        (json.dumps({**ITEM, "id": "c", "errors": [{"start": 4, "end": 99, "wrong": "x", "correct": "x"}]}),
         "line 2: error 1: span [4, 99) is outside"),
        (json.dumps({"id": "c", "category": "spelling"}), "line 2: 'text' missing"),
    ],
)
def test_bad_lines_are_named(tmp_path, bad, message):
    p = tmp_path / "e.jsonl"
    p.write_text(json.dumps(ITEM) + "\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2") as err:
        load_eval(p)
    assert str(p) in str(err.value) and message in str(err.value)


def test_missing_and_empty_files_are_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_eval(tmp_path / "nope.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="no eval items"):
        load_eval(tmp_path / "empty.jsonl")


def test_predictions_as_list_or_single_object(tmp_path):
    p = tmp_path / "c.json"
    issue = {"start": 0, "end": 3, "category": "spelling", "message": "m", "suggestions": [], "score": 0.5}
    p.write_text(json.dumps([{"file": "x/a.txt", "issues": [issue]}, {"file": "b.txt", "issues": []}]))
    assert load_predictions(p) == {"a": [Prediction(0, 3, "spelling", 0.5)], "b": []}
    p.write_text(json.dumps({"file": "a.txt", "issues": [{"start": 1, "end": 2}]}))
    assert load_predictions(p) == {"a": [Prediction(1, 2)]}
    p.write_text(json.dumps({"file": "a.txt", "issues": [{"start": 2, "end": 2}]}))
    with pytest.raises(InputError, match="entry 1 issue 1"):
        load_predictions(p)


def test_write_texts_keeps_every_character(tmp_path):
    data = load_eval(write_jsonl(tmp_path / "e.jsonl", {**ITEM, "text": "teh\r\ncat", "errors": []}))
    (path,) = write_texts(data.items, tmp_path / "items")
    assert path.name == "a.txt" and path.read_bytes() == "teh\r\ncat".encode()


def test_clean_report_counts_words_and_top_strings():
    assert count_words("Don't stop, 3 times—ever.") == 5
    texts = {"a.txt": "teh cat and teh dog", "b.txt": "fine"}
    flags = {"a.txt": [Prediction(0, 3, "spelling"), Prediction(12, 15, "spelling"), Prediction(8, 11, "grammar")]}
    r = clean_report(texts, flags, top=1)
    assert (r.words, r.flags) == (6, 3) and r.per_1000_words == 500.0
    assert r.by_category == {"spelling": 2, "grammar": 1}
    assert r.top == [("teh", "spelling", 2)]
