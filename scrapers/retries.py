"""Retries of failed requests: urllib3's ``Retry`` (backoff, ``Retry-After``),
with every wait capped and taken through an injectable ``sleep``."""

from __future__ import annotations

import time
from collections.abc import Callable

from urllib3.util.retry import Retry

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 520, 521, 522, 523, 524})


class PoliteRetry(Retry):
    """``Retry`` whose waits go through ``sleeper`` (tests and benchmarks stay fast)."""

    sleeper: Callable[[float], None] = staticmethod(time.sleep)

    def new(self, **kw):
        fresh = super().new(**kw)
        fresh.sleeper = self.sleeper
        return fresh

    def get_backoff_time(self) -> float:
        """``backoff`` before the first retry, then doubling (urllib3 retries the
        first time at once, which a struggling server does not need)."""
        errors = len(self.history)
        if errors == 0:
            return 0.0
        return min(self.backoff_max, self.backoff_factor * 2 ** (errors - 1))

    def sleep(self, response=None) -> None:
        wait = None
        if self.respect_retry_after_header and response is not None:
            wait = self.get_retry_after(response)
        if wait is None:
            wait = self.get_backoff_time()
        if wait > 0:
            self.sleeper(wait)


def make_retry(
    retries: int, backoff: float, max_wait: float, sleep: Callable[[float], None]
) -> PoliteRetry:
    """Up to ``retries`` retries on network errors, 429 and 5xx: waits of ``backoff``,
    then doubling, or what ``Retry-After`` asks; no wait longer than ``max_wait``."""
    retry = PoliteRetry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        redirect=False,  # redirects are followed by hand, each hop checked again
        allowed_methods=frozenset({"GET", "HEAD"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=backoff,
        backoff_max=max_wait,
        retry_after_max=max_wait,
        respect_retry_after_header=True,
        raise_on_status=False,  # the last answer comes back and is reported as HTTP NNN
    )
    retry.sleeper = sleep
    return retry
