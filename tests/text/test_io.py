import pytest

from galleyproof.text.io import MAX_FILE_BYTES, InputError, line_col, read_text


def write(tmp_path, data: bytes, name="f.txt"):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    "text",
    ["plain", "\ufeffBOM first", "a\r\nb\r\n", "cafe\u0301 e\u0301", "emoji 👩‍👩‍👧 here", "tab\tand\u00a0nbsp", ""],
)
def test_read_text_matches_python_open_exactly(tmp_path, text):
    p = write(tmp_path, text.encode("utf-8"))
    assert read_text(p) == open(p, encoding="utf-8", newline="").read() == text


def test_invalid_utf8_says_where(tmp_path):
    p = write(tmp_path, b"line one\nbad \xff byte")
    with pytest.raises(InputError) as err:
        read_text(p)
    assert "not valid UTF-8" in err.value.reason
    assert "byte offset 13" in err.value.reason and "line 2" in err.value.reason


def test_binary_is_refused(tmp_path):
    p = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="binary"):
        read_text(p)


def test_missing_directory_and_oversize(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)
    p = write(tmp_path, b"x" * 101)
    with pytest.raises(InputError, match="over the 100-byte limit"):
        read_text(p, max_bytes=100)
    assert MAX_FILE_BYTES >= 100 * 1024 * 1024


def test_line_col_counts_crlf_as_one_break():
    text = "ab\r\ncd\nef"
    assert line_col(text, 0) == (1, 1)
    assert line_col(text, 4) == (2, 1)
    assert line_col(text, 8) == (3, 2)
