"""The inbox: append-only JSON Lines files ``YYYY-MM.jsonl`` (month of fetching).

Only an index is kept in memory (ids, URLs and title keys → where the item's
latest line is), so a run's memory does not grow with the size of the stored
items. New items and richer copies of stored ones are appended (fsync'd); no
existing line is ever rewritten. A line that cannot be read stays in its file
and is reported with file and line.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from casebook.jsonl import BadLine, append_jsonl, parse_line
from scrapers.merge import is_aggregator_copy, merge, title_key


@dataclass
class Added:
    new: list[dict] = field(default_factory=list)
    merged: list[dict] = field(default_factory=list)  # richer copies of stored items
    duplicates: int = 0


class Inbox:
    """Knows every stored id and URL, and appends new items."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.problems: list[str] = []
        self._where: dict[str, tuple[Path, int]] = {}  # id → (file, offset of latest line)
        # URLs and title keys are indexed by an 8-byte digest, not kept as text.
        self._by_url: dict[bytes, str] = {}
        self._by_title: dict[bytes, str] = {}
        self._unsaved: dict[str, dict] = {}  # added but not on disk (dry runs)
        self._lock = threading.Lock()
        if self.directory.is_dir():
            for path in sorted(self.directory.glob("*.jsonl")):
                self._index(path, 0)

    def _index(self, path: Path, start: int) -> None:
        """Index the lines of ``path`` from byte ``start``; report unreadable ones."""
        with path.open("rb") as handle:
            handle.seek(start)
            offset = start
            for number, raw in enumerate(handle, 1):
                here, offset = offset, offset + len(raw)
                if not raw.strip():
                    continue
                value = parse_line(path, number, raw)
                if isinstance(value, BadLine):
                    if start == 0:
                        self.problems.append(f"{value}; the line is kept as it is")
                elif isinstance(value.get("id"), str):
                    self._remember(value, path, here)

    def _remember(self, item: dict, path: Path, offset: int) -> None:
        self._where[item["id"]] = (path, offset)
        for key in ("url", "canonical_url"):
            if isinstance(item.get(key), str) and item[key]:
                self._by_url.setdefault(_digest(item[key]), item["id"])
        key = title_key(item.get("title"), item.get("publisher"))
        if key:
            self._by_title.setdefault(_digest(key), item["id"])

    def __len__(self) -> int:
        return len(self._where)

    def knows(self, item_id: str | None = None, *urls: str | None) -> bool:
        """True when an item with this id, or any of these normalised URLs, is stored."""
        with self._lock:
            return (item_id in self._where) or any(_digest(u) in self._by_url for u in urls if u)

    def load(self, item_id: str) -> dict:
        """The latest stored copy of an item, read back from its file."""
        if item_id in self._unsaved:
            return self._unsaved[item_id]
        path, offset = self._where[item_id]
        with path.open("rb") as handle:
            handle.seek(offset)
            return json.loads(handle.readline())

    def _stored_copy(self, item: dict) -> str | None:
        """Id of the stored item that ``item`` is a copy of, if any."""
        if item["id"] in self._where:
            return item["id"]
        for key in ("url", "canonical_url"):
            if item.get(key) and _digest(item[key]) in self._by_url:
                return self._by_url[_digest(item[key])]
        key = title_key(item.get("title"), item.get("publisher"))
        found = self._by_title.get(_digest(key)) if key else None
        if found and (is_aggregator_copy(item) or is_aggregator_copy(self.load(found))):
            return found  # the aggregator's copy of the outlet's article, or the reverse
        return None

    def add(self, items: list[dict], month: str, *, write: bool = True) -> Added:
        """Append the new items, and richer copies of stored ones, to ``month``.jsonl."""
        result = Added()
        path = self.directory / f"{month}.jsonl"
        with self._lock:
            changed: dict[str, dict] = {}
            for item in items:
                stored = self._stored_copy(item)
                if stored is None:
                    self._unsaved[item["id"]] = changed[item["id"]] = item
                    self._remember(item, path, -1)
                    result.new.append(item)
                    continue
                better = merge(self.load(stored), item)
                if better is None:
                    result.duplicates += 1
                    continue
                self._unsaved[stored] = changed[stored] = better
                self._remember(better, *self._where[stored])
                if any(i["id"] == stored for i in result.new):
                    result.new = [better if i["id"] == stored else i for i in result.new]
                else:
                    result.merged = [i for i in result.merged if i["id"] != stored] + [better]
            if changed and write:
                start = path.stat().st_size if path.exists() else 0
                append_jsonl(path, changed.values())
                self._index(path, start)
                for item_id in changed:
                    self._unsaved.pop(item_id, None)
        return result


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
