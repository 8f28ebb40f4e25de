"""The inbox: append-only JSON Lines files ``YYYY-MM.jsonl`` (month of fetching)."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from scrapers.state import replace_file


@dataclass
class InboxFile:
    items: list[dict]
    problems: list[str] = field(default_factory=list)
    valid_lines: list[bytes] = field(default_factory=list)


def read_jsonl(path: Path) -> InboxFile:
    """Items of one inbox file; bad or truncated lines are skipped and reported."""
    result = InboxFile(items=[])
    data = path.read_bytes()
    lines = data.split(b"\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            last = number == len(lines) and not data.endswith(b"\n")
            kind = "truncated last line" if last else "invalid line"
            result.problems.append(f"{path.name}:{number}: {kind} skipped")
            continue
        if isinstance(item, dict):
            result.items.append(item)
            result.valid_lines.append(line)
        else:
            result.problems.append(f"{path.name}:{number}: not a JSON object, skipped")
    return result


class Inbox:
    """Knows every stored id and URL, and appends new items atomically."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.problems: list[str] = []
        self._ids: set[str] = set()
        self._urls: set[str] = set()
        self._lock = threading.Lock()
        if directory.is_dir():
            for path in sorted(directory.glob("*.jsonl")):
                loaded = read_jsonl(path)
                self.problems.extend(loaded.problems)
                for item in loaded.items:
                    self._remember(item)

    def _remember(self, item: dict) -> None:
        if item.get("id"):
            self._ids.add(item["id"])
        for key in ("url", "canonical_url"):
            if item.get(key):
                self._urls.add(item[key])

    def knows(self, item_id: str | None = None, *urls: str | None) -> bool:
        """True when an item with this id, or any of these normalised URLs, is stored."""
        with self._lock:
            return (item_id in self._ids) or any(u in self._urls for u in urls if u)

    def add(self, items: list[dict], month: str, *, write: bool = True) -> list[dict]:
        """Store the items not yet known into ``month``.jsonl; returns those stored.

        The file is rewritten through a temporary file and ``os.replace``, so a
        crash at any point leaves either the old or the new file, both valid.
        """
        with self._lock:
            fresh = []
            for item in items:
                if item["id"] in self._ids or item["url"] in self._urls:
                    continue
                if item.get("canonical_url") in self._urls:
                    continue
                fresh.append(item)
                self._ids.add(item["id"])
                self._remember(item)
            if fresh and write:
                self._write(self.directory / f"{month}.jsonl", fresh)
            return fresh

    def _write(self, path: Path, items: list[dict]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        old = read_jsonl(path).valid_lines if path.exists() else []
        new = [json.dumps(i, ensure_ascii=False, sort_keys=True).encode() for i in items]
        replace_file(path, b"".join(line + b"\n" for line in old + new))
