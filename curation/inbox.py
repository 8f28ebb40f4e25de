"""Read candidate items from the inbox (JSON Lines written by the scrapers); trust nothing."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
HTTP_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


@dataclass(frozen=True)
class Problem:
    """A line of an inbox file that could not be read."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}; the line is skipped"


def item_id(item: dict) -> str:
    """The item's id, or one derived from its address when the scraper gave none."""
    value = item.get("id")
    if isinstance(value, str | int) and str(value).strip():
        return str(value).strip()[:200]
    seed = str(item.get("canonical_url") or item.get("url") or item.get("title") or "")
    return "item-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]


def item_urls(item: dict) -> set[str]:
    """Every http(s) address of the item (url and canonical_url)."""
    urls = set()
    for name in ("url", "canonical_url"):
        value = item.get(name)
        if isinstance(value, str) and HTTP_URL.match(value.strip()):
            urls.add(value.strip())
    return urls


def published(item: dict) -> str | None:
    """The item's publication date when it is written YYYY-MM-DD, YYYY-MM or YYYY."""
    value = item.get("published")
    if isinstance(value, str) and DATE.match(value.strip()[:10]):
        return value.strip()[:10]
    return None


def read_items(paths: Iterable[Path], problems: list[Problem] | None = None) -> list[dict]:
    """Items of JSON Lines files, in file and line order; unreadable lines go to `problems`."""
    items = []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                _report(problems, Problem(Path(path), number, f"not JSON ({exc.msg})"))
                continue
            if not isinstance(item, dict):
                _report(problems, Problem(Path(path), number, "not a JSON object"))
                continue
            if not any(
                isinstance(item.get(k), str) and item[k].strip()
                for k in ("title", "summary", "text")
            ):
                _report(problems, Problem(Path(path), number, "no title, summary or text"))
                continue
            item["id"] = item_id(item)
            items.append(item)
    return items


def inbox_files(folder: Path) -> list[Path]:
    """The inbox's JSON Lines files, sorted by name."""
    return sorted(Path(folder).glob("*.jsonl"))


def _report(problems: list[Problem] | None, problem: Problem) -> None:
    if problems is None:
        print(problem, file=sys.stderr)
    else:
        problems.append(problem)
