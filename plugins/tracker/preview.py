"""The local preview behind `invoke serve`: build, serve, rebuild on every change.

The site is checked and built first (bad content gets the validator's lines and no
traceback; the preview keeps the last good build and waits for a fix). Each save in the
watched folders starts an incremental rebuild; the search index is rebuilt afterwards in
the background, so a changed page is visible before the index catches up.
"""

from __future__ import annotations

import errno
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

IGNORED_PARTS = {"__pycache__", ".git", ".pytest_cache", ".ruff_cache"}
IGNORED_SUFFIXES = (".pyc", ".swp", ".swx", "~", ".tmp")


class _PreviewHandler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")  # a rebuilt page shows on reload
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 (the standard library's name)
        pass


class _PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a browser that closed the connection early is not a problem
        super().handle_error(request, client_address)


def open_server(port: int, output: Path) -> ThreadingHTTPServer | None:
    """The preview server on 127.0.0.1:port, or None after saying why it cannot start."""
    handler = partial(_PreviewHandler, directory=str(output))
    try:
        return _PreviewServer(("127.0.0.1", port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(
                f"port {port} is already in use on 127.0.0.1 (another `invoke serve`?): "
                f"stop it, or choose another port: invoke serve --port {port + 1}",
                file=sys.stderr,
            )
        else:
            print(f"cannot serve on 127.0.0.1:{port}: {exc.strerror}", file=sys.stderr)
        return None


def relevant(path: str) -> bool:
    parts = set(Path(path).parts)
    return not (parts & IGNORED_PARTS) and not path.endswith(IGNORED_SUFFIXES)


class Indexer:
    """The search index, rebuilt in the background; a newer rebuild replaces a running one."""

    def __init__(self, command: list[str]):
        self.command = command
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.stop()
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


def run_build(command: list[str]) -> bool:
    started = time.perf_counter()
    result = subprocess.run(command, check=False)
    if result.returncode:
        print(
            "The site was not rebuilt: fix the problems above and save again "
            "(the preview still shows the last good build).",
            file=sys.stderr,
        )
        return False
    print(f"Built in {time.perf_counter() - started:.1f} s; the search index follows.")
    return True


def serve(
    port: int, watched: list[Path], build_command: list[str], index_command: list[str], output: Path
) -> int:
    """Run the preview until Ctrl-C; return the exit code."""
    from watchfiles import watch

    output.mkdir(parents=True, exist_ok=True)
    server = open_server(port, output)
    if server is None:
        return 1
    indexer = Indexer(index_command)
    if run_build(build_command):
        indexer.start()
    folders = ", ".join(f"{p.name}/" for p in watched)
    print(f"Serving http://localhost:{port}/ (Ctrl-C to stop); watching {folders}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for changes in watch(*watched, watch_filter=lambda _, path: relevant(path)):
            names = sorted(Path(path).name for _, path in changes)
            more = f" and {len(names) - 1} more" if len(names) > 1 else ""
            print(f"Changed: {names[0]}{more}; rebuilding")
            if run_build(build_command):
                indexer.start()
    except KeyboardInterrupt:
        pass
    finally:
        indexer.stop()
        server.shutdown()
        server.server_close()
    return 0
