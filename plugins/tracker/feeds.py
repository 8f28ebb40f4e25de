"""Atom feeds: all cases and one per brand, in each interface language."""

from __future__ import annotations

from plugins.tracker.catalogue import Catalogue


def write(
    writer, context: dict, catalogue: Catalogue, lang: str, prefix: str, site: str, ui: dict
) -> list[str]:
    """Write the feeds of one interface language; return their paths."""
    feeds = {f"{prefix}feeds/all.atom.xml": (ui["feed_all"], catalogue.entries(lang))}
    for key, entries in catalogue.facets(lang)["brands"].items():
        name = catalogue.vocab.label("brands", key, lang)
        feeds[f"{prefix}feeds/brands/{key}.atom.xml"] = (name, entries)
    for path, (title, entries) in feeds.items():
        writer.write_feed(
            [e.case for e in entries],
            {**context, "SITENAME": site},
            path,
            feed_type="atom",
            feed_title=title,
        )
    return list(feeds)
