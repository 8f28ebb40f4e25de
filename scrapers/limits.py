"""Bounded bodies: a response is cut off beyond a size or a total reading time."""

from __future__ import annotations

import time
from collections.abc import Callable


class BodyLimitExceeded(Exception):
    """The body was larger, or slower, than allowed; ``reason`` is for people."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class LimitedBody:
    """Wraps a urllib3 response: reading beyond ``max_bytes`` or past ``total_timeout``
    seconds raises :class:`BodyLimitExceeded`. Everything else is the wrapped
    response's (an HTTP cache may read the body and rewind it: reading again
    starts the count again)."""

    def __init__(
        self,
        raw,
        max_bytes: int,
        total_timeout: float,
        clock: Callable[[], float] = time.monotonic,
    ):
        own = object.__setattr__
        own(self, "_lb_raw", raw)
        own(self, "_lb_max", max_bytes)
        own(self, "_lb_timeout", total_timeout)
        own(self, "_lb_clock", clock)
        own(self, "_lb_started", clock())
        own(self, "_lb_read", 0)
        length = (raw.headers.get("content-length") or "").strip()
        if length.isdigit() and int(length) > max_bytes:
            raw.release_conn()
            raise BodyLimitExceeded(f"response larger than {max_bytes} bytes")

    def _lb_count(self, chunk: bytes) -> bytes:
        total = self._lb_read + len(chunk)
        object.__setattr__(self, "_lb_read", total)
        if total > self._lb_max:
            raise BodyLimitExceeded(f"response larger than {self._lb_max} bytes")
        if self._lb_clock() - self._lb_started > self._lb_timeout:
            raise BodyLimitExceeded("response too slow (total timeout)")
        return chunk

    def stream(self, amt: int | None = 65536, decode_content: bool | None = None):
        for chunk in self._lb_raw.stream(amt or 65536, decode_content=decode_content):
            yield self._lb_count(chunk)

    def read(self, amt: int | None = None, decode_content: bool | None = None, **kwargs) -> bytes:
        if amt is None:
            return b"".join(self.stream(65536, decode_content))
        return self._lb_count(self._lb_raw.read(amt, decode_content=decode_content, **kwargs))

    def __getattr__(self, name: str):
        return getattr(self._lb_raw, name)

    def __setattr__(self, name: str, value) -> None:
        if name == "_fp":  # the body was rewound to be read again
            object.__setattr__(self, "_lb_read", 0)
        setattr(self._lb_raw, name, value)
