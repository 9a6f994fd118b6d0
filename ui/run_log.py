"""An opt-in record of how long each script run takes on the server, for the load benchmark
(bench/load_test.py): with KLA_RUN_LOG naming a file, every run appends its end time, its
milliseconds and the milliseconds of CPU its thread used (apart from waiting for the CPU while
other processes run) as one line. Without it nothing is measured or written."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from indicators import settings

SETTING = settings.RUN_LOG
_lock = threading.Lock()


@contextmanager
def timed_run() -> Iterator[None]:
    path = settings.text(SETTING)
    if not path:
        yield
        return
    started, cpu = time.perf_counter(), time.thread_time()
    try:
        yield
    finally:
        line = (f"{time.time():.3f}\t{(time.perf_counter() - started) * 1000:.1f}"
                f"\t{(time.thread_time() - cpu) * 1000:.1f}\n")
        with _lock, open(path, "a", encoding="utf-8") as log:
            log.write(line)
