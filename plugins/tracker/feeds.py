"""Atom feeds: all cases and one per brand, in each interface language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from plugins.tracker.catalogue import Catalogue
from plugins.tracker.incremental import Manifest


def by_field(entries: list, name: str) -> list:
    """Entries newest first by a day of the record ('updated', 'added'); ties by id."""
    dated = [e for e in entries if e.case.case.get(name)]
    return sorted(dated, key=lambda e: (e.case.case[name], e.case.case["id"]), reverse=True)


def write(
    writer,
    manifest: Manifest,
    context: dict,
    catalogue: Catalogue,
    lang: str,
    prefix: str,
    site: str,
    ui: dict,
    defer: Callable | None = None,
) -> list[str]:
    """Write the feeds of one interface language that changed; return every feed's path.

    With `defer`, each feed to write is handed to it as a function to call later (maybe in
    another process) instead of being written now.
    """
    entries = catalogue.entries(lang)
    feeds = {
        f"{prefix}feeds/all.atom.xml": (ui["feed_all"], entries),
        # a corrected or updated case comes back to the top of this one
        f"{prefix}feeds/updated.atom.xml": (ui["feed_updated"], by_field(entries, "updated")),
        f"{prefix}feeds/added.atom.xml": (ui["feed_added"], by_field(entries, "added")),
    }
    for key, entries in catalogue.facets(lang)["brands"].items():
        name = catalogue.vocab.label("brands", key, lang)
        feeds[f"{prefix}feeds/brands/{key}.atom.xml"] = (name, entries)
    limit = context.get("FEED_MAX_ITEMS")
    for path, (title, entries) in feeds.items():
        items = [e.case for e in entries[:limit]]
        if manifest.unchanged(path, "feed", title, items):
            continue
        job = partial(
            writer.write_feed,
            items,
            {**context, "SITENAME": site},
            path,
            feed_type="atom",
            feed_title=title,
        )
        if defer is None:
            job()
        else:
            defer(job)
    return list(feeds)
