"""Two copies of one article (an aggregator's and the outlet's, or two runs):
keep the richer value of every field instead of whichever arrived first (pure)."""

from __future__ import annotations

import re

from casebook.inbox_item import AGGREGATOR_LINK

_LONGER_WINS = ("summary", "text")
_FILL_GAPS = ("published", "modified", "author", "publisher", "lang", "canonical_url")
_WORDS = re.compile(r"\w+")


def title_key(title: str | None, publisher: str | None) -> str | None:
    """Key that finds an aggregator's copy of an outlet's article: its words and outlet.

    None for short titles, which different articles share too often.
    """
    if not title or not publisher:
        return None
    words = _WORDS.findall(title.casefold())
    if len(words) < 4:
        return None
    return " ".join(words) + "|" + " ".join(_WORDS.findall(publisher.casefold()))


def is_aggregator_copy(item: dict) -> bool:
    return AGGREGATOR_LINK in (item.get("flags") or [])


def merge(old: dict, new: dict) -> dict | None:
    """``old`` completed with what ``new`` adds; None when ``new`` adds nothing.

    The stored id and first fetch time stay. The outlet's own address and
    title beat an aggregator's; longer summary and text win; other fields
    fill gaps; ``seen_in`` lists every source that delivered a richer copy.
    """
    merged = dict(old)
    by = dict(old.get("extracted_by") or {}) if isinstance(old.get("extracted_by"), dict) else {}
    new_by = new.get("extracted_by") if isinstance(new.get("extracted_by"), dict) else {}

    def take(name: str) -> None:
        merged[name] = new.get(name)
        if name in new_by:
            by[name] = new_by[name]

    if is_aggregator_copy(old) and not is_aggregator_copy(new):
        for name in ("url", "title", "canonical_url"):
            if new.get(name):
                take(name)
        merged["flags"] = [f for f in old.get("flags", []) if f != AGGREGATOR_LINK]
    for name in ("title", *_FILL_GAPS):
        if not merged.get(name) and new.get(name):
            take(name)
    for name in _LONGER_WINS:
        if len(new.get(name) or "") > len(merged.get(name) or ""):
            take(name)
    sources = list(old.get("seen_in") or [old.get("source")])
    for name in new.get("seen_in") or [new.get("source")]:
        if name and name not in sources:
            sources.append(name)
    sources = [s for s in sources if s]
    if sources:
        merged["seen_in"] = sources
    if by:
        merged["extracted_by"] = by
    # A copy that only says who else saw the item is not worth a line.
    unchanged = {k: v for k, v in merged.items() if k != "seen_in"} == {
        k: v for k, v in old.items() if k != "seen_in"
    }
    return None if unchanged else merged
