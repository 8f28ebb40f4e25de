"""Pelican reader for Markdown files with YAML front matter (cases and site pages)."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from pelican.readers import BaseReader

from casebook import dates
from casebook.frontmatter import read
from casebook.record import normalise
from plugins.tracker import safe_markdown


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


class FrontMatterReader(BaseReader):
    """Reads `---` YAML front matter; a case keeps its whole record under `case`."""

    enabled = True
    file_extensions = ["md"]

    def read(self, source_path):
        doc = read(Path(source_path))
        meta = doc.meta
        html = safe_markdown.render(doc.body)
        if "event_type" in meta:  # a case file
            return html, case_metadata(meta)
        slug = str(meta.get("slug") or Path(source_path).stem)
        metadata = {
            "title": str(meta.get("title", "")),
            "slug": slug,
            "lang": meta.get("lang", self.settings.get("DEFAULT_LANG", "en")),
            "translation_key": meta.get("translation_of") or slug,
        }
        if meta.get("summary"):
            metadata["summary"] = escape(str(meta["summary"]))
        return html, metadata


def case_metadata(meta: dict) -> dict:
    """Pelican's view of a case: the usual keys plus the untouched record."""
    record = normalise(dict(meta))
    updated = dates.parse(record["updated"])
    return {
        "case": record,
        "title": record["title"],
        "slug": record["id"],
        "lang": record["lang"],
        "date": _midnight(dates.parse(record["date"])),
        "modified": _midnight(updated),
        "summary": escape(record["summary"]),
        "translation_key": record.get("translation_of") or record["id"],
    }
