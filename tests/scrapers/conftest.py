"""A local HTTP server on 127.0.0.1 (random port) for offline scraper tests."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    etag: bool = False  # answer If-None-Match with 304
    failures: int = 0  # answer `fail_status` this many times first
    fail_status: int = 500
    fail_headers: dict[str, str] = field(default_factory=dict)
    trickle: float = 0.0  # seconds between body chunks
    no_length: bool = False  # stream without Content-Length


@dataclass
class Hit:
    path: str
    at: float
    headers: dict[str, str]
    status: int


class FixtureServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep pytest output clean
                pass

            def do_GET(self):  # noqa: N802 (http.server's naming)
                server.handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Route | None = None, **kwargs) -> str:
        self.routes[path] = route or Route(**kwargs)
        return self.url(path)

    def add_file(self, path: str, name: str, **kwargs) -> str:
        """Serve a fixture file; ``http://BASE`` in it becomes this server's address."""
        body = (FIXTURES / name).read_bytes().replace(b"http://BASE", self.base.encode())
        return self.add(path, Route(body=body, **kwargs))

    def hits(self, path: str) -> list[Hit]:
        return [h for h in self.log if h.path == path]

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(request.path.split("?", 1)[0])
        headers = {k.lower(): v for k, v in request.headers.items()}
        if route is None:
            self._send(request, headers, 404, {"Content-Type": "text/plain"}, b"not found")
            return
        if route.delay:
            time.sleep(route.delay)
        if route.failures > 0:
            route.failures -= 1
            self._send(request, headers, route.fail_status, route.fail_headers, b"failure")
            return
        out = {"Content-Type": route.content_type, **route.headers}
        if route.etag:
            tag = '"' + hashlib.sha1(route.body).hexdigest()[:12] + '"'
            out["ETag"] = tag
            if headers.get("if-none-match") == tag:
                self._send(request, headers, 304, {"ETag": tag}, b"")
                return
        self._send(request, headers, route.status, out, route.body, route)

    def _send(self, request, req_headers, status, headers, body, route: Route | None = None):
        path = request.path.split("?", 1)[0]
        self.log.append(Hit(path, time.monotonic(), req_headers, status))
        request.send_response(status)
        for key, value in headers.items():
            request.send_header(key, value)
        chunked = route is not None and route.no_length
        if chunked:
            request.send_header("Transfer-Encoding", "chunked")
        else:
            request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        try:
            if chunked:
                step = 65536
                for start in range(0, len(body), step):
                    piece = body[start : start + step]
                    request.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                    if route.trickle:
                        time.sleep(route.trickle)
                request.wfile.write(b"0\r\n\r\n")
            elif route is not None and route.trickle:
                for start in range(0, len(body), 16):
                    request.wfile.write(body[start : start + 16])
                    request.wfile.flush()
                    time.sleep(route.trickle)
            else:
                request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on purpose (size cap, timeout)

    def start(self):
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = FixtureServer()
    srv.add("/robots.txt", body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def fixture_bytes():
    return lambda name: (FIXTURES / name).read_bytes()
