"""One run per inbox at a time: an exclusive lock named after the inbox's path.

The lock file lives in the system's temporary folder (never inside the inbox,
which is committed), so two runs on one inbox exclude each other whatever
their state folders.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from filelock import FileLock, Timeout


class InboxBusy(Exception):
    """Another run holds the inbox."""


def lock_path(inbox: Path) -> Path:
    digest = hashlib.sha256(str(Path(inbox).resolve()).encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"complaint-tracker-inbox-{digest}.lock"


def inbox_lock(inbox: Path, wait: float) -> FileLock:
    """The acquired lock of ``inbox`` (use as a context manager); waits up to ``wait`` s."""
    path = lock_path(inbox)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=wait)
    except Timeout as exc:
        raise InboxBusy(
            f"another 'scrapers run' is writing to {inbox} (lock {path});"
            f" waited {wait:g} s. Run again when it has finished."
        ) from exc
    except OSError as exc:
        raise InboxBusy(f"cannot lock {inbox} ({path}: {exc.strerror})") from exc
    return lock
