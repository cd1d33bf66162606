"""Worker threads for a check: the model's passages and the suggestions run on several cores.

numpy gives up the GIL for its large array operations, so threads run the model in parallel
while sharing one copy of it.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Threads `check` uses by default: more than a few gain little and cost memory.
MAX_DEFAULT_THREADS = 4


def default_threads() -> int:
    """The cores this process may use, capped at `MAX_DEFAULT_THREADS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_THREADS))


class Workers:
    """`threads` worker threads, made on first use; with one, everything runs in the caller."""

    def __init__(self, threads: int = 1) -> None:
        self.threads = max(1, threads)
        self._pool: ThreadPoolExecutor | None = None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """`map`, in order; a few items ahead, never the whole input."""
        if self.threads <= 1:
            yield from map(fn, items)
            return
        pool = self._thread_pool()
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= 2 * self.threads:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def submit(self, fn: Callable[[], R]) -> Future[R]:
        """Run `fn` on a worker (in the caller, at once, with one thread)."""
        if self.threads <= 1:
            done: Future[R] = Future()
            done.set_result(fn())
            return done
        return self._thread_pool().submit(fn)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None

    def _thread_pool(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="galleyproof")
        return self._pool


def call(task: Callable[[], R]) -> R:
    """Run a task: what `Workers.map` applies to a stream of tasks."""
    return task()


def in_background(fn: Callable[[], R]) -> Future[R]:
    """Start `fn` on a thread of its own, at once, and return its future: for a load that
    spends most of its time outside the GIL (onnxruntime's import and session), to overlap
    with the caller's own work. The thread is a daemon: a process that ends first is not held."""
    future: Future[R] = Future()

    def run() -> None:
        try:
            future.set_result(fn())
        except BaseException as err:  # noqa: BLE001 - handed to whoever waits on the future
            future.set_exception(err)

    threading.Thread(target=run, name="galleyproof-load", daemon=True).start()
    return future
