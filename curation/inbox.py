"""Read candidate items from the inbox (JSON Lines written by the scrapers); trust nothing.

Each line is checked against ``casebook/inbox_item.schema.json``; a line that
fails is reported with its file and line and skipped. A later line with the
same id is a richer copy of the item (the scrapers merged a duplicate) and
replaces the earlier one, in the earlier one's place.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from casebook.inbox_item import AGGREGATOR_LINK, item_problems
from casebook.item_id import item_id
from casebook.jsonl import BadLine, read_jsonl
from casebook.language import normalize_lang

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
HTTP_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")

__all__ = [
    "AGGREGATOR_LINK",
    "DATE",
    "HTTP_URL",
    "Problem",
    "inbox_files",
    "item_id",
    "item_urls",
    "published",
    "read_items",
]


class Problem(BadLine):
    """A line of an inbox file that could not be read (not JSON, or not an item): the same
    record as `BadLine`, said with what curation does about it."""

    def __str__(self) -> str:
        return f"{super().__str__()}; the line is skipped"


def item_urls(item: dict) -> set[str]:
    """Every http(s) address of the item (url and canonical_url) that names the article:
    an aggregator's opaque link (flag ``aggregator-link``) is left out."""
    urls = set()
    for name in ("url", "canonical_url"):
        if name == "url" and AGGREGATOR_LINK in (item.get("flags") or []):
            continue
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


def _tidy(item: dict) -> dict:
    """Tolerated variants made canonical before the schema check (``FR-fr`` → ``fr``)."""
    lang = normalize_lang(item.get("lang"))
    if lang:
        item["lang"] = lang
    return item


def read_items(paths: Iterable[Path], problems: list[Problem] | None = None) -> list[dict]:
    """Items of JSON Lines files, in file and line order; unreadable lines go to `problems`."""
    items: dict[str, dict] = {}
    for path in paths:
        for number, value in read_jsonl(Path(path)):
            if isinstance(value, BadLine):
                _report(problems, Problem(Path(path), number, value.message))
                continue
            found = item_problems(_tidy(value))
            if found:
                _report(problems, Problem(Path(path), number, "; ".join(found)))
                continue
            value["id"] = item_id(value)
            items[value["id"]] = value  # a later copy replaces, keeping the first's place
    return list(items.values())


def inbox_files(folder: Path) -> list[Path]:
    """The inbox's JSON Lines files, sorted by name."""
    return sorted(Path(folder).glob("*.jsonl"))


def _report(problems: list[Problem] | None, problem: Problem) -> None:
    if problems is None:
        print(problem, file=sys.stderr)
    else:
        problems.append(problem)
