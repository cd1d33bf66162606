import numpy as np

from galleyproof.model.passage_cache import CACHE_FILE, PassageCache, passage_key


def scores(rows, seed=0):
    return np.random.default_rng(seed).random((rows, 8), dtype=np.float32)


def test_arrays_come_back_bit_for_bit(tmp_path):
    a = scores(5)
    with PassageCache(tmp_path / "c.sqlite3") as cache:
        cache.put_many({b"k": a})
    with PassageCache(tmp_path / "c.sqlite3") as cache:
        got = cache.get_many([b"k", b"absent"])
    assert list(got) == [b"k"]
    assert got[b"k"].dtype == np.float32 and np.array_equal(got[b"k"], a)


def test_key_depends_on_model_text_and_lexicon_buckets():
    lex = np.array([0, 3, 5])
    base = passage_key(b"model-a", "It was dark.", lex)
    assert base == passage_key(b"model-a", "It was dark.", lex.copy())
    assert base != passage_key(b"model-b", "It was dark.", lex)
    assert base != passage_key(b"model-a", "It was dork.", lex)
    # Same text, but another word count in the document moved a word to another bucket.
    assert base != passage_key(b"model-a", "It was dark.", np.array([0, 3, 6]))


def test_beyond_the_size_bound_the_least_recently_used_go_first(tmp_path):
    one = scores(100).nbytes  # 3,200 bytes an entry
    path = tmp_path / "c.sqlite3"
    for key in (b"a", b"b", b"c"):
        with PassageCache(path, max_bytes=3 * one) as cache:
            cache.put_many({key: scores(100)})
    with PassageCache(path, max_bytes=3 * one) as cache:
        cache.get_many([b"a"])  # "a" used again: "b" is now the oldest
        cache.put_many({b"d": scores(100)})
    with PassageCache(path, max_bytes=3 * one) as cache:
        assert set(cache.get_many([b"a", b"b", b"c", b"d"])) == {b"a", b"d"}
        assert cache.size_bytes() <= 3 * one


def test_many_small_sessions_stay_under_the_bound(tmp_path):
    one = scores(100).nbytes
    path = tmp_path / "c.sqlite3"
    for n in range(40):
        with PassageCache(path, max_bytes=10 * one) as cache:
            cache.put_many({bytes([n]): scores(100, seed=n)})
    with PassageCache(path, max_bytes=10 * one) as cache:
        assert 0 < cache.size_bytes() <= 10 * one
        assert cache.db.execute("SELECT total FROM meta").fetchone()[0] == cache.size_bytes()
        assert bytes([39]) in cache.get_many([bytes([39])])  # the newest kept


def test_stores_wait_in_memory_and_go_to_the_file_in_one_transaction(tmp_path):
    path = tmp_path / "c.sqlite3"
    with PassageCache(path) as cache:
        for n in range(300):  # as many small files, each stored on its own
            cache.put_many({bytes([n % 256, n // 256]): scores(20, seed=n)})
        assert cache.flushes == 0 and cache.size_bytes() == 0
        got = cache.get_many([bytes([7, 0])])  # found before it is written
        assert np.array_equal(got[bytes([7, 0])], scores(20, seed=7))
    assert cache.flushes == 1
    with PassageCache(path) as cache:
        assert len(cache.get_many([bytes([n % 256, n // 256]) for n in range(300)])) == 300
        assert cache.size_bytes() == 300 * scores(20).nbytes


def test_a_cache_from_before_the_count_is_counted_once(tmp_path):
    path = tmp_path / "c.sqlite3"
    with PassageCache(path) as cache:
        cache.put_many({b"a": scores(10), b"b": scores(30)})
    with PassageCache(path) as cache:
        cache.db.execute("DROP TABLE meta")
    with PassageCache(path) as cache:
        assert cache.db.execute("SELECT total FROM meta").fetchone()[0] == scores(40).nbytes


def test_a_session_stops_storing_once_it_has_stored_the_bound(tmp_path):
    one = scores(100).nbytes
    with PassageCache(tmp_path / "c.sqlite3", max_bytes=2 * one) as cache:
        for key in (b"a", b"b", b"c"):  # a file bigger than the cache
            cache.put_many({key: scores(100)})
        assert set(cache.get_many([b"a", b"b", b"c"])) == {b"a", b"b"}


def test_an_unusable_cache_file_only_means_no_cache(tmp_path):
    (tmp_path / CACHE_FILE).mkdir()  # a folder where the file should be
    with PassageCache(tmp_path / CACHE_FILE) as cache:
        cache.put_many({b"k": scores(2)})
        assert cache.get_many([b"k"]) == {}


def test_default_file_is_in_the_user_data_folder(galleyproof_home):
    with PassageCache() as cache:
        cache.put_many({b"k": scores(1)})
    assert (galleyproof_home / CACHE_FILE).is_file()


def _tamper(path, sql, *args):
    import sqlite3

    db = sqlite3.connect(path)
    db.execute(sql, args)
    db.commit()
    db.close()


def test_a_row_cut_short_or_changed_is_dropped_and_scored_afresh(tmp_path):
    path = tmp_path / "c.sqlite3"
    with PassageCache(path) as cache:
        cache.put_many({b"short": scores(5), b"changed": scores(5, seed=1), b"whole": scores(5, seed=2)})
    _tamper(path, "UPDATE scores SET data = substr(data, 1, 20) WHERE key = ?", b"short")
    flipped = bytearray(scores(5, seed=1).tobytes())
    flipped[7] ^= 0x10  # same length, one bit changed
    _tamper(path, "UPDATE scores SET data = ? WHERE key = ?", bytes(flipped), b"changed")
    with PassageCache(path) as cache:
        assert set(cache.get_many([b"short", b"changed", b"whole"])) == {b"whole"}
        assert cache.db.execute("SELECT count(*) FROM scores").fetchone()[0] == 1  # the bad rows are gone


def test_a_damaged_cache_file_is_rebuilt(tmp_path):
    path = tmp_path / "c.sqlite3"
    with PassageCache(path) as cache:
        cache.put_many({b"k": scores(5)})
    path.write_bytes(b"\x8f" * 8192)
    with PassageCache(path) as cache:
        assert cache.db is not None and cache.get_many([b"k"]) == {}
        cache.put_many({b"k": scores(5)})
    with PassageCache(path) as cache:
        assert set(cache.get_many([b"k"])) == {b"k"}


def test_the_cache_shrinks_to_a_smaller_bound_on_opening(tmp_path):
    path = tmp_path / "c.sqlite3"
    one = scores(1000).nbytes
    with PassageCache(path, max_bytes=20 * one) as cache:
        cache.put_many({bytes([i]): scores(1000, seed=i) for i in range(20)})
    big = path.stat().st_size
    with PassageCache(path, max_bytes=2 * one) as cache:
        assert cache.size_bytes() <= 2 * one
        cache.put_many({b"new": scores(1)})
    assert path.stat().st_size < big / 2


def test_evictions_are_rare_and_in_bulk_and_the_file_stays_bounded(tmp_path):
    one = scores(1000).nbytes  # 32,000 bytes an entry
    path = tmp_path / "c.sqlite3"
    evictions, sizes = 0, []
    for n in range(60):  # a check a day, each storing one new entry
        with PassageCache(path, max_bytes=10 * one) as cache:
            cache.put_many({n.to_bytes(2, "little"): scores(1000, seed=n)})
        evictions += cache.evictions
        sizes.append(path.stat().st_size)
    # Each eviction frees a fifth of the bound: 10 entries and a new one dropped to 8, so the
    # next two sessions store without one (a tenth freed, as before, evicted 25 times).
    assert evictions <= (60 - 10) // 3 + 1
    with PassageCache(path, max_bytes=10 * one) as cache:
        assert 0 < cache.size_bytes() <= 10 * one
        assert cache.db.execute("SELECT total FROM meta").fetchone()[0] == cache.size_bytes()
        assert set(cache.get_many([n.to_bytes(2, "little") for n in range(52, 60)])) == {
            n.to_bytes(2, "little") for n in range(52, 60)}  # the newest kept
    # Freed pages take the new rows: the file does not grow past its size at the first eviction.
    assert max(sizes[20:]) <= max(sizes[:12])


def test_an_eviction_makes_room_before_storing(tmp_path):
    one = scores(1000).nbytes
    path = tmp_path / "c.sqlite3"
    with PassageCache(path, max_bytes=10 * one) as cache:
        cache.put_many({bytes([i]): scores(1000, seed=i) for i in range(10)})
    with PassageCache(path, max_bytes=10 * one) as cache:
        assert cache.evictions == 0  # at the bound, not past it: nothing dropped on opening
        cache.get_many([bytes([0])])  # used again: the newest of the old ones
        cache.put_many({b"new": scores(1000, seed=99)})
    assert cache.evictions == 1
    with PassageCache(path, max_bytes=10 * one) as cache:
        kept = set(cache.get_many([bytes([i]) for i in range(10)] + [b"new"]))
        # Down to 8 entries with the new one: the three used longest ago (1, 2, 3) are gone.
        assert kept == {b"new", bytes([0])} | {bytes([i]) for i in range(4, 10)}
        assert cache.size_bytes() == 8 * one
