"""All HTTP of the scrapers: politeness (robots.txt, per-host delay), safety
(schemes, private addresses, size cap, redirect limit) and retries.

Nothing else in the package opens a connection; callers get bytes back.
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from protego import Protego

from scrapers import USER_AGENT

ROBOTS_AGENT = "complaint-tracker-bot"
_RETRY_STATUSES = {429, 500, 502, 503, 504, 520, 521, 522, 523, 524}
_REDIRECT_STATUSES = {301, 302, 303, 307, 308}


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

    def __init__(self, reason: str, url: str, status: int | None = None, retryable: bool = False):
        super().__init__(f"{reason} ({url})")
        self.reason = reason
        self.url = url
        self.status = status
        self.retryable = retryable


@dataclass
class Response:
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass(frozen=True)
class RequestRecord:
    """One request that went on the wire (for summaries, tests and benchmarks)."""

    url: str
    status: int | None
    at: float
    conditional: bool = False


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def address_refusal(addresses: list[str], allow_loopback: bool) -> str | None:
    """Why these resolved addresses must not be contacted, or None when fine."""
    for text in addresses:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
        if ip.is_loopback:
            if not allow_loopback:
                return "host resolves to a loopback address (use --allow-loopback)"
        elif ip.is_link_local:
            return "host resolves to a link-local address"
        elif ip.is_private or ip.is_reserved or ip.is_multicast or ip.is_unspecified:
            return "host resolves to a private or reserved address"
    return None


class HostClock:
    """Per-host spacing of requests; different hosts proceed in parallel."""

    def __init__(self, sleep: Callable[[float], None], clock: Callable[[], float]):
        self._sleep = sleep
        self._clock = clock
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    def wait_turn(self, host: str, delay: float) -> None:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            last = self._last.get(host)
            if last is not None:
                remaining = last + delay - self._clock()
                if remaining > 0:
                    self._sleep(remaining)
            self._last[host] = self._clock()


@dataclass
class _Robots:
    parser: Protego | None  # None: allow everything (no robots.txt)
    refusal: str | None = None  # set when robots.txt was unreachable: fetch nothing
    crawl_delay: float = 0.0


class Fetcher:
    """Fetch http(s) URLs politely. Thread-safe; share one per run."""

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        resolve: Callable[[str, int], list[str]] | None = None,
    ):
        self.policy = policy or Policy()
        self._sleep = sleep
        self._clock = clock
        self._resolve = resolve or _resolve
        self._hosts = HostClock(sleep, clock)
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._local = threading.local()
        self.records: list[RequestRecord] = []

    # -- public -------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None):
        """GET ``url`` following redirects; raises :class:`FetchError`.

        With ``etag``/``last_modified`` the request is conditional and an
        unchanged resource comes back as a 304 :class:`Response` without body.
        """
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        seen: set[str] = set()
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            if current in seen:
                raise FetchError("redirect loop", url)
            seen.add(current)
            self._check_allowed(current)
            response = self._request_with_retries(current, conditional)
            if response.status in _REDIRECT_STATUSES and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                continue
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

    # -- checks -------------------------------------------------------------

    def _check_allowed(self, url: str) -> None:
        self._check_target(url)
        self._check_robots(url)

    def _check_target(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {parts.scheme or 'no scheme'}", url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
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
        robots = self._robots_for(url)
        if robots.refusal:
            raise FetchError(robots.refusal, url)
        if robots.parser and not robots.parser.can_fetch(url, ROBOTS_AGENT):
            raise FetchError("disallowed by robots.txt", url)

    def _robots_for(self, url: str) -> _Robots:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._guard:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin)
            return self._robots[origin]

    def _load_robots(self, origin: str) -> _Robots:
        robots_url = origin + "/robots.txt"
        current = robots_url
        try:
            for _hop in range(self.policy.max_redirects + 1):
                response = self._request_with_retries(current, {}, robots_delay=False)
                if response.status in _REDIRECT_STATUSES and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    self._check_target(current)
                    continue
                break
            else:
                return _Robots(None)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                return _Robots(None)  # RFC 9309: no robots.txt, no restrictions
            # RFC 9309: an unreachable robots.txt means "fetch nothing" for now.
            return _Robots(None, refusal=f"robots.txt unreachable: {exc.reason}")
        text = response.body.decode("utf-8", errors="replace")
        parser = Protego.parse(text)
        delay = parser.crawl_delay(ROBOTS_AGENT) or 0.0
        return _Robots(parser, crawl_delay=float(delay))

    # -- the wire -----------------------------------------------------------

    def _delay_for(self, url: str) -> float:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        robots = self._robots.get(origin)
        crawl_delay = robots.crawl_delay if robots else 0.0
        return max(self.policy.min_delay, crawl_delay)

    def _request_with_retries(
        self, url: str, headers: dict[str, str], robots_delay: bool = True
    ) -> Response:
        attempt = 0
        while True:
            delay = self._delay_for(url) if robots_delay else self.policy.min_delay
            self._hosts.wait_turn(urlsplit(url).netloc.lower(), delay)
            try:
                response = self._request_once(url, headers)
            except FetchError as exc:
                if not exc.retryable or attempt >= self.policy.retries:
                    raise
                wait = self._backoff(attempt)
            else:
                if response.status not in _RETRY_STATUSES:
                    if response.status >= 400:
                        raise FetchError(f"HTTP {response.status}", url, response.status)
                    return response
                if attempt >= self.policy.retries:
                    raise FetchError(f"HTTP {response.status}", url, response.status)
                hinted = retry_after_seconds(response.headers.get("retry-after"))
                wait = self._backoff(attempt) if hinted is None else hinted
            self._sleep(min(wait, self.policy.max_retry_wait))
            attempt += 1

    def _backoff(self, attempt: int) -> float:
        return min(self.policy.backoff * (2**attempt), self.policy.max_retry_wait)

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers.update(
                {"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"}
            )
            self._local.session = session
        return session

    def _request_once(self, url: str, headers: dict[str, str]) -> Response:
        """One request on the wire. Network problems raise FetchError without status."""
        policy = self.policy
        started = self._clock()
        status: int | None = None
        try:
            with self._session().get(
                url,
                headers=headers,
                stream=True,
                allow_redirects=False,
                timeout=(policy.connect_timeout, policy.read_timeout),
            ) as raw:
                status = raw.status_code
                head = {k.lower(): v for k, v in raw.headers.items()}
                length = head.get("content-length", "")
                if length.isdigit() and int(length) > policy.max_bytes:
                    raise FetchError(f"response larger than {policy.max_bytes} bytes", url)
                body = bytearray()
                if status not in _REDIRECT_STATUSES and status != 304:
                    for chunk in raw.iter_content(65536):
                        body.extend(chunk)
                        if len(body) > policy.max_bytes:
                            raise FetchError(f"response larger than {policy.max_bytes} bytes", url)
                        if self._clock() - started > policy.total_timeout:
                            raise FetchError("response too slow (total timeout)", url)
        except FetchError:
            self._record(url, status, headers)
            raise
        except requests.exceptions.Timeout as exc:
            self._record(url, status, headers)
            raise FetchError("timed out", url, retryable=True) from exc
        except requests.exceptions.RequestException as exc:
            self._record(url, status, headers)
            raise FetchError(f"network error: {type(exc).__name__}", url, retryable=True) from exc
        self._record(url, status, headers)
        return Response(url=url, final_url=url, status=status, headers=head, body=bytes(body))

    def _record(self, url: str, status: int | None, headers: dict[str, str]) -> None:
        self.records.append(RequestRecord(url, status, self._clock(), bool(headers)))


def _resolve(host: str, port: int) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)]
