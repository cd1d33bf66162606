"""Worker threads: results in order, whatever the number of threads."""

import threading

import pytest

from galleyproof.threads import Workers, call, default_threads, in_background


def test_map_keeps_the_order_on_one_thread_or_several():
    for n in (1, 3):
        workers = Workers(n)
        assert list(workers.map(lambda x: x * x, range(50))) == [x * x for x in range(50)]
        workers.close()


def test_several_threads_do_run_the_work_elsewhere():
    workers = Workers(2)
    names = set(workers.map(lambda _: threading.current_thread().name, range(20)))
    assert all(n.startswith("galleyproof") for n in names)
    workers.close()


def test_submit_with_one_thread_runs_at_once_in_the_caller():
    workers = Workers(1)
    future = workers.submit(lambda: threading.current_thread().name)
    assert future.done() and future.result() == threading.current_thread().name


def test_call_and_default_threads():
    assert call(lambda: 7) == 7
    assert 1 <= default_threads() <= 4


def test_in_background_runs_elsewhere_and_hands_back_the_result_or_the_error():
    started = threading.Event()
    found = in_background(lambda: (started.set(), threading.current_thread().name)[1])
    assert started.wait(5) and found.result(5) != threading.current_thread().name

    def fail():
        raise OSError("no such file")

    with pytest.raises(OSError, match="no such file"):
        in_background(fail).result(5)
