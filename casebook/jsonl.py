"""JSON Lines files: read one line at a time, append without rewriting.

Reading streams (memory does not grow with the file); a line that cannot be
read is reported with its file and line number and left where it is.
Appending never touches existing bytes: new lines go at the end, then fsync.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BadLine:
    """A line of a JSON Lines file that is not a JSON object."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def read_jsonl(path: Path) -> Iterator[tuple[int, dict | BadLine]]:
    """(line number, object or :class:`BadLine`) for every non-blank line, in order."""
    path = Path(path)
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            yield number, parse_line(path, number, raw)


def parse_line(path: Path, number: int, raw: bytes) -> dict | BadLine:
    """One line of bytes as an object, or the :class:`BadLine` saying why not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return BadLine(path, number, f"not UTF-8 (byte {exc.start + 1})")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        kind = "truncated line" if not raw.endswith(b"\n") else "not JSON"
        return BadLine(path, number, f"{kind} ({exc.msg})")
    if not isinstance(value, dict):
        return BadLine(path, number, "not a JSON object")
    return value


def dumps_line(value: dict) -> bytes:
    """One JSON Lines line (UTF-8, keys sorted, ending in a newline)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"


def append_jsonl(path: Path, values: Iterable[dict]) -> int:
    """Append ``values`` to ``path`` as lines, fsync'd; returns how many were written.

    Existing bytes are never rewritten. When the file ends without a newline
    (a line cut short by a crash or another tool), a newline is written first,
    so the damaged line stays on its own line and the new ones stay readable.
    """
    path = Path(path)
    lines = [dumps_line(v) for v in values]
    data = b"".join(lines)
    if not data:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    created = not path.exists()
    with path.open("ab+") as handle:
        if handle.tell() > 0:
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) != b"\n":
                data = b"\n" + data
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if created:  # the new file's name must survive a crash too
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    return len(lines)
