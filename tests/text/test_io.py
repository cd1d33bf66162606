import os
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from galleyproof.text.io import (
    MAX_FILE_BYTES,
    InputError,
    LineIndex,
    changed_since,
    line_col,
    read_stamped,
    read_text,
)


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


def test_line_col_counts_a_lone_cr_as_a_break():
    text = "ab\rcd\ref\r\ngh"
    assert line_col(text, 3) == (2, 1)
    assert line_col(text, 7) == (3, 2)
    assert line_col(text, 8) == (3, 3)  # the LF of a CRLF stays on its line
    assert line_col(text, 10) == (4, 1)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", " ", "\n", "\r", "\r\n", "\n\r", "é"]), max_size=30).map("".join))
def test_a_line_index_gives_line_col_of_every_offset(text):
    lines = LineIndex(text)
    assert [lines.line_col(i) for i in range(len(text) + 1)] == [line_col(text, i) for i in range(len(text) + 1)]


def test_a_long_text_gives_the_same_lines_through_its_index():
    from galleyproof.text import io

    text = ("ab\r\ncd\nef\rgh " * 3000) + "\r"
    assert len(text) > io.INDEXED_CHARS
    offsets = [0, 1, 2, 3, 4, 7, 9, 10, 11, len(text) // 2, len(text) - 1, len(text)]
    counted = []
    for offset in offsets:  # the counting path, as a short text takes it
        before = text[:offset]
        lone_cr = before.count("\r") - before.count("\r\n") - (before.endswith("\r") and text[offset : offset + 1] == "\n")
        counted.append((before.count("\n") + lone_cr + 1, offset - io.line_start(text, offset) + 1))
    assert [line_col(text, o) for o in offsets] == counted


def test_a_named_pipe_is_refused_at_once_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = []
    reader = threading.Thread(target=lambda: result.append(_reason(fifo)), daemon=True)
    reader.start()
    reader.join(5)
    assert result == ["is a named pipe, not a regular file"]


def _reason(path, **kw):
    try:
        read_text(path, **kw)
    except InputError as err:
        return err.reason
    return None


def test_a_device_is_refused_and_never_read_into_memory():
    assert _reason("/dev/zero") == "is a device, not a regular file"
    assert _reason("/dev/null") == "is a device, not a regular file"


def test_a_file_read_stops_one_byte_past_the_limit(tmp_path, monkeypatch):
    p = write(tmp_path, b"x" * 50)
    real_fstat = os.fstat

    def growing(fd):  # as if the file grew after fstat looked at it
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 0, *info[7:10]))

    monkeypatch.setattr(os, "fstat", growing)
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    assert "over the 10-byte limit" in _reason(p, max_bytes=10)
    assert sum(reads) <= 11


def test_utf16_and_a_symlink_loop_are_named_for_what_they_are(tmp_path):
    assert "UTF-16" in _reason(write(tmp_path, "Hello there\n".encode("utf-16")))
    assert "UTF-16" in _reason(write(tmp_path, "Hello there\n".encode("utf-16-le"), "le.txt"))
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert "symbolic link loop" in _reason(loop)


def test_a_stamp_notices_any_change_since_the_read(tmp_path):
    p = write(tmp_path, b"one two")
    text, stamp = read_stamped(p)
    assert text == "one two" and changed_since(p, stamp) is None
    p.write_bytes(b"one two three")
    assert "size" in changed_since(p, stamp)
    p.write_bytes(b"one TWO")  # same size
    os.utime(p, ns=(stamp.mtime_ns, stamp.mtime_ns))  # and the same time: only the hash tells
    assert changed_since(p, stamp) == "its content differs"
    p.unlink()
    assert changed_since(p, stamp) == "no such file"
