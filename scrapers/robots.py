"""robots.txt (RFC 9309) per origin, read once per run and kept for it.

A missing robots.txt (4xx) allows everything; an unreachable one (5xx, network
error) allows nothing on that origin for the run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

ROBOTS_AGENT = "complaint-tracker-bot"


@dataclass(frozen=True)
class Rules:
    parser: Protego | None = None  # None: no robots.txt, no restrictions
    refusal: str | None = None  # set when robots.txt was unreachable: fetch nothing
    crawl_delay: float = 0.0

    @classmethod
    def from_text(cls, text: str) -> Rules:
        parser = Protego.parse(text)
        return cls(parser, crawl_delay=float(parser.crawl_delay(ROBOTS_AGENT) or 0.0))

    @classmethod
    def from_failure(cls, status: int | None, reason: str) -> Rules:
        if status is not None and 400 <= status < 500 and status != 429:
            return cls()
        return cls(refusal=f"robots.txt unreachable: {reason}")

    def refusal_for(self, url: str) -> str | None:
        """Why ``url`` must not be fetched, or None."""
        if self.refusal:
            return self.refusal
        if self.parser and not self.parser.can_fetch(url, ROBOTS_AGENT):
            return "disallowed by robots.txt"
        return None


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class RobotsCache:
    """Rules per origin, loaded once (``load(origin)``) even under concurrent use."""

    def __init__(self, load: Callable[[str], Rules]):
        self._load = load
        self._rules: dict[str, Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, url: str) -> Rules:
        origin = origin_of(url)
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._rules:
                self._rules[origin] = self._load(origin)
            return self._rules[origin]

    def known(self, url: str) -> Rules | None:
        """The origin's rules if already loaded (no request)."""
        return self._rules.get(origin_of(url))
