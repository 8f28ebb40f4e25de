"""Conditional-request validators (ETag / Last-Modified) kept between runs."""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path

STATE_FILE = "http-validators.json"


def replace_file(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, fsync it, then rename it over `path`.

    A crash at any moment leaves either the old file or the new one, never half of it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json_atomically(path: Path, data: object) -> None:
    """Write JSON through :func:`replace_file`."""
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    replace_file(path, text.encode("utf-8"))


class Validators:
    """URL → {"etag", "last_modified"}; saved only after the URL's items are stored,
    so an interrupted run never turns unsaved items into a later 304."""

    def __init__(self, path: Path | None):
        self.path = path
        self._data: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()
        if path and path.exists():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                loaded = {}  # a damaged cache only costs one full fetch
            if isinstance(loaded, dict):
                self._data = {k: v for k, v in loaded.items() if isinstance(v, dict)}

    def get(self, url: str) -> tuple[str | None, str | None]:
        entry = self._data.get(url, {})
        return entry.get("etag"), entry.get("last_modified")

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Record and persist (when a path is set) the validators of ``url``."""
        with self._lock:
            if etag or last_modified:
                entry = {"etag": etag, "last_modified": last_modified}
                self._data[url] = {k: v for k, v in entry.items() if v}
            else:
                self._data.pop(url, None)
            if self.path:
                write_json_atomically(self.path, self._data)
