"""Per-host spacing of requests; different hosts proceed in parallel."""

from __future__ import annotations

import threading
from collections.abc import Callable


class HostClock:
    def __init__(self, sleep: Callable[[float], None], clock: Callable[[], float]):
        self._sleep = sleep
        self._clock = clock
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    def wait_turn(self, host: str, delay: float) -> None:
        """Return when at least ``delay`` seconds passed since the host's last turn."""
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            last = self._last.get(host)
            if last is not None:
                remaining = last + delay - self._clock()
                if remaining > 0:
                    self._sleep(remaining)
            self._last[host] = self._clock()
