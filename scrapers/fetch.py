"""All HTTP of the scrapers. Nothing else in the package opens a connection.

The pieces, each small and tested on its own (the way Scrapy splits its
downloader middlewares), are put together here:

- :mod:`robots` – robots.txt rules per origin;
- :mod:`throttle` – per-host spacing (and robots.txt ``Crawl-delay``);
- :mod:`netguard` – allowed addresses, checked on the names and at connect time;
- :mod:`limits` – body size and total reading time;
- :mod:`retries` – urllib3 ``Retry`` (backoff, ``Retry-After``);
- conditional requests (ETag / Last-Modified) by requests-cache's HTTP cache.

Redirects are followed by hand so every hop passes the checks again.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests_cache import DO_NOT_CACHE, CachedSession
from requests_cache.backends import BaseCache, SQLiteCache

from scrapers import USER_AGENT
from scrapers.limits import BodyLimitExceeded, LimitedBody
from scrapers.netguard import AddressRefused, address_refusal, guarded_pools
from scrapers.retries import make_retry
from scrapers.robots import ROBOTS_AGENT, RobotsCache, Rules
from scrapers.throttle import HostClock

__all__ = ["ROBOTS_AGENT", "FetchError", "Fetcher", "Policy", "Response", "address_refusal"]

_REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CACHE_FILE = "http-cache.sqlite"


@dataclass(frozen=True)
class Policy:
    """How politely and how defensively to fetch."""

    user_agent: str = USER_AGENT
    min_delay: float = 1.0  # seconds between two requests to one host
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # whole body, so a trickling server cannot hold us
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 1.0  # first retry wait; doubles each time
    max_retry_wait: float = 60.0  # cap for backoff and Retry-After
    allow_loopback: bool = False
    obey_robots: bool = True


class FetchError(Exception):
    """A URL could not be fetched; ``reason`` is short and meant for people."""

    def __init__(self, reason: str, url: str, status: int | None = None):
        super().__init__(f"{reason} ({url})")
        self.reason = reason
        self.url = url
        self.status = status


@dataclass
class Response:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    revalidated: bool = False  # the server answered 304: the cached copy is current
    from_cache: bool = False  # the body is the cache's (after a 304, or still fresh)

    @property
    def not_modified(self) -> bool:
        return self.from_cache

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass(frozen=True)
class RequestRecord:
    """One request that went on the wire (for summaries, tests and benchmarks)."""

    url: str
    status: int | None
    at: float
    revalidated: bool = False


class PoliteAdapter(HTTPAdapter):
    """requests' adapter with urllib3 retries, guarded connections and bounded bodies."""

    def __init__(self, policy: Policy, sleep: Callable[[float], None], clock):
        self._policy = policy
        self._clock = clock
        retry = make_retry(policy.retries, policy.backoff, policy.max_retry_wait, sleep)
        super().__init__(max_retries=retry, pool_maxsize=4)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = guarded_pools(self._policy.allow_loopback)

    def build_response(self, req, resp):
        limited = LimitedBody(resp, self._policy.max_bytes, self._policy.total_timeout, self._clock)
        return super().build_response(req, limited)


def http_cache(path: Path | None) -> BaseCache:
    """The HTTP cache behind conditional requests: a SQLite file, or memory only."""
    if path is None:
        return BaseCache()
    path.parent.mkdir(parents=True, exist_ok=True)
    return SQLiteCache(str(path), wal=True)


class Fetcher:
    """Fetch http(s) URLs politely. Thread-safe; share one per run."""

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        resolve: Callable[[str, int], list[str]] | None = None,
        cache_path: Path | None = None,
    ):
        self.policy = policy or Policy()
        self._sleep = sleep
        self._clock = clock
        self._resolve = resolve or _resolve
        self._hosts = HostClock(sleep, clock)
        self._robots = RobotsCache(self._load_robots)
        self._cache = http_cache(cache_path)
        self._local = threading.local()
        self._records_lock = threading.Lock()
        self.records: list[RequestRecord] = []

    # -- public -------------------------------------------------------------

    def get(self, url: str, *, cache: bool = True) -> Response:
        """GET ``url`` following redirects; raises :class:`FetchError`.

        A resource fetched before with validators is asked for conditionally;
        when unchanged (304) the cached body comes back with ``not_modified``.
        ``cache=False`` (article pages, read once) keeps the response out of
        the cache, so the cache holds feeds and robots.txt files only.
        """
        seen: set[str] = set()
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            if current in seen:
                raise FetchError("redirect loop", url)
            seen.add(current)
            self._check_target(current)
            self._check_robots(current)
            response = self._request(current, cache=cache)
            if response.status in _REDIRECT_STATUSES and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                continue
            if response.status >= 400:
                raise FetchError(f"HTTP {response.status}", url, response.status)
            response.url = url
            return response
        raise FetchError(f"more than {self.policy.max_redirects} redirects", url)

    def robots_allows(self, url: str) -> bool:
        """True when robots.txt lets this project fetch ``url``."""
        try:
            self._check_robots(url)
        except FetchError:
            return False
        return True

    @property
    def request_count(self) -> int:
        return len(self.records)

    def close(self) -> None:
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()

    # -- checks -------------------------------------------------------------

    def _check_target(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {parts.scheme or 'no scheme'}", url)
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError as exc:
            raise FetchError("bad port in URL", url) from exc
        try:
            addresses = self._resolve(parts.hostname, port)
        except OSError as exc:
            raise FetchError(f"cannot resolve host: {exc}", url) from exc
        refusal = address_refusal(addresses, self.policy.allow_loopback)
        if refusal:
            raise FetchError(refusal, url)

    def _check_robots(self, url: str) -> None:
        if not self.policy.obey_robots:
            return
        refusal = self._robots.rules(url).refusal_for(url)
        if refusal:
            raise FetchError(refusal, url)

    def _load_robots(self, origin: str) -> Rules:
        current = origin + "/robots.txt"
        try:
            for _hop in range(self.policy.max_redirects + 1):
                response = self._request(current, robots_file=True)
                if response.status in _REDIRECT_STATUSES and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    self._check_target(current)
                    continue
                if response.status >= 400:
                    return Rules.from_failure(response.status, f"HTTP {response.status}")
                return Rules.from_text(response.body.decode("utf-8", errors="replace"))
        except FetchError as exc:
            return Rules.from_failure(exc.status, exc.reason)
        return Rules()

    # -- the wire -----------------------------------------------------------

    def _wait_turn(self, url: str, robots: bool = True) -> None:
        known = self._robots.known(url) if robots else None
        delay = max(self.policy.min_delay, known.crawl_delay if known else 0.0)
        self._hosts.wait_turn(urlsplit(url).netloc.lower(), delay)

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = CachedSession(
                backend=self._cache,
                cache_control=True,  # a server's max-age spares even the conditional request
                expire_after=0,  # otherwise: keep only what has validators, revalidate each time
                allowable_codes=(200,),
            )
            adapter = PoliteAdapter(self.policy, self._sleep, self._clock)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            session.headers.update(
                {"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"}
            )
            self._local.session = session
        return session

    def _request(self, url: str, robots_file: bool = False, cache: bool = True) -> Response:
        """One request (with its retries). Network problems raise FetchError without status."""
        self._wait_turn(url, robots=not robots_file)
        policy = self.policy
        try:
            raw = self._session().get(
                url,
                stream=True,
                allow_redirects=False,
                timeout=(policy.connect_timeout, policy.read_timeout),
                **({} if cache else {"expire_after": DO_NOT_CACHE}),
            )
            with raw:
                body = raw.content if raw.status_code not in _REDIRECT_STATUSES else b""
        except BodyLimitExceeded as exc:
            self._record(url, None)
            raise FetchError(exc.reason, url) from exc
        except AddressRefused as exc:
            self._record(url, None)
            raise FetchError(str(exc), url) from exc
        except requests.exceptions.RequestException as exc:
            self._record(url, None)
            raise FetchError(_network_reason(exc), url) from exc
        from_cache = bool(getattr(raw, "from_cache", False))
        revalidated = bool(getattr(raw, "revalidated", False))
        if not from_cache or revalidated:
            self._record(url, 304 if revalidated else raw.status_code, revalidated)
        head = {k.lower(): v for k, v in raw.headers.items()}
        return Response(
            url=url,
            final_url=url,
            status=raw.status_code,
            headers=head,
            body=body or b"",
            revalidated=revalidated,
            from_cache=from_cache,
        )

    def _record(self, url: str, status: int | None, revalidated: bool = False) -> None:
        with self._records_lock:
            self.records.append(RequestRecord(url, status, self._clock(), revalidated))


def _network_reason(exc: requests.exceptions.RequestException) -> str:
    """A short reason for a network failure, unwrapping urllib3's retry errors."""
    text = repr(exc)
    if isinstance(exc, requests.exceptions.Timeout) or "Timeout" in text or "timed out" in text:
        return "timed out"
    cause = exc.args[0] if exc.args else exc
    reason = getattr(cause, "reason", None)
    name = type(reason).__name__ if reason is not None else type(exc).__name__
    return f"network error: {name}"


def _resolve(host: str, port: int) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)]
