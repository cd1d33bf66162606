"""A detector whose loading waits for the test to let it go (`GALLEYPROOF_DETECTOR=slow_detector:make`):
the test sees what the server does while its model is still loading. `SLOW_LOAD_STARTED` names a
file written when the load begins, `SLOW_LOAD_RELEASE` the file whose appearance ends it."""

import os
import time
from pathlib import Path

from fake_detector import FakeDetector

#: However long the test takes to release it, the load gives up after this (no stray server).
MAX_WAIT_S = 300


def make():
    Path(os.environ["SLOW_LOAD_STARTED"]).touch()
    release = Path(os.environ["SLOW_LOAD_RELEASE"])
    deadline = time.monotonic() + MAX_WAIT_S
    while not release.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return FakeDetector()
