"""Weights read from an uncompressed copy in the cache: the same arrays as the original, a
damaged or foreign copy never used, and a cache that cannot be written only costs time."""

import zipfile

import numpy as np
import pytest

from galleyproof.model.unpacked import load_arrays


@pytest.fixture
def arrays():
    rng = np.random.default_rng(0)
    return {"a.weight": rng.standard_normal((50, 8)).astype(np.float32), "b": np.arange(7, dtype=np.int64)}


def _same(found, arrays):
    assert found.keys() == arrays.keys()
    for name, array in arrays.items():
        assert found[name].dtype == array.dtype and np.array_equal(found[name], array)


def test_a_compressed_file_is_read_through_a_stored_copy(tmp_path, monkeypatch, arrays):
    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path / "home"))
    original = tmp_path / "weights.npz"
    np.savez_compressed(original, **arrays)
    _same(load_arrays(original), arrays)
    (copy,) = (tmp_path / "home" / "cache").glob("weights-*.npz")
    with zipfile.ZipFile(copy) as z:
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_STORED}
    stamp = copy.stat().st_mtime_ns
    _same(load_arrays(original), arrays)
    assert copy.stat().st_mtime_ns == stamp  # read, not written again
    np.savez_compressed(original, **{**arrays, "b": arrays["b"] + 1})  # new weights: a new copy, the old one dropped
    _same(load_arrays(original), {**arrays, "b": arrays["b"] + 1})
    assert [p for p in (tmp_path / "home" / "cache").glob("weights-*.npz")] != [copy]
    assert len(list((tmp_path / "home" / "cache").glob("weights-*.npz"))) == 1


def test_a_damaged_copy_is_never_used(tmp_path, monkeypatch, arrays):
    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path / "home"))
    original = tmp_path / "weights.npz"
    np.savez_compressed(original, **arrays)
    load_arrays(original)
    (copy,) = (tmp_path / "home" / "cache").glob("weights-*.npz")
    data = bytearray(copy.read_bytes())
    at = data.index(arrays["a.weight"].tobytes()[:16])  # a byte of the weights themselves
    data[at] ^= 0xFF
    copy.write_bytes(bytes(data))
    _same(load_arrays(original), arrays)  # the CRC check caught it: read from the original, copied afresh
    assert copy.read_bytes() != bytes(data)
    copy.write_bytes(b"not a zip")
    _same(load_arrays(original), arrays)


def test_a_stored_file_is_read_as_it_is(tmp_path, monkeypatch, arrays):
    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path / "home"))
    original = tmp_path / "weights.npz"
    np.savez(original, **arrays)
    _same(load_arrays(original), arrays)
    assert not list((tmp_path / "home").glob("cache/weights-*"))


def test_without_a_data_folder_the_original_is_read(tmp_path, monkeypatch, arrays):
    (tmp_path / "home").write_text("a file where the folder should be")
    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path / "home"))
    original = tmp_path / "weights.npz"
    np.savez_compressed(original, **arrays)
    _same(load_arrays(original), arrays)


def test_a_damaged_original_raises(tmp_path, monkeypatch, arrays):
    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path / "home"))
    original = tmp_path / "weights.npz"
    original.write_bytes(b"PK not really")
    with pytest.raises((zipfile.BadZipFile, ValueError, OSError)):
        load_arrays(original)


def test_the_content_stamp_follows_the_arrays_not_the_packing(tmp_path, arrays):
    from galleyproof.model.unpacked import content_stamp

    a, b, c = tmp_path / "a.npz", tmp_path / "b.npz", tmp_path / "c.npz"
    np.savez_compressed(a, **arrays)
    np.savez(b, **arrays)
    np.savez_compressed(c, **{**arrays, "b": arrays["b"] + 1})
    assert content_stamp(a) == content_stamp(b) != content_stamp(c)
    (tmp_path / "d.npz").write_bytes(b"not a zip")
    assert content_stamp(tmp_path / "d.npz") == b"not a zip"


def test_a_byte_flipped_anywhere_in_the_copy_is_never_used(tmp_path, monkeypatch, arrays):
    monkeypatch.setenv("GALLEYPROOF_HOME", str(tmp_path / "home"))
    original = tmp_path / "weights.npz"
    np.savez_compressed(original, **arrays)
    load_arrays(original)
    (copy,) = (tmp_path / "home" / "cache").glob("weights-*.npz")
    good = copy.read_bytes()
    for at in range(0, len(good), max(1, len(good) // 60)):
        damaged = bytearray(good)
        damaged[at] ^= 0xFF
        copy.write_bytes(bytes(damaged))
        _same(load_arrays(original), arrays)
