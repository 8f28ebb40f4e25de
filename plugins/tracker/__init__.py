"""The tracker's Pelican plugin: cases as a content type, with their listings and exports."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from plugins.tracker import citation, i18n, spans, template_helpers
from plugins.tracker.generator import get_generators
from plugins.tracker.incremental import get_writer
from plugins.tracker.reader import FrontMatterReader

ROOT = Path(__file__).resolve().parents[2]

DEFAULTS = {
    "CASE_PATHS": ["cases"],
    "CASE_URL": "cases/{slug}/",
    "CASE_SAVE_AS": "cases/{slug}/index.html",
    "CASE_LANG_URL": "{lang}/cases/{slug}/",
    "CASE_LANG_SAVE_AS": "{lang}/cases/{slug}/index.html",
    # Interface languages: each needs a catalogue theme/i18n/<lang>.yaml (or in
    # TRACKER_STRINGS_PATH); the first is DEFAULT_LANG's, served at the root.
    "TRACKER_LANGUAGES": ["en", "fr"],
    "TRACKER_STRINGS_PATH": None,
    # Links to folders end in index.html, so the output opens from file:// (invoke build
    # --offline); search still needs a server, and the search page says so.
    "TRACKER_OFFLINE": False,
    "TRACKER_SHOW_DRAFTS": False,  # a preview (pelicanconf.py) shows drafts, marked as such
    # Processes that read case files and render case pages and feeds; None: one per usable
    # CPU, at most two (each process holds its own copy of what it touches). The files are
    # the same whatever the number (tests/site/test_incremental.py).
    "TRACKER_PROCESSES": None,
    "TRACKER_PARALLEL_FROM": 400,  # fewer files or pages than this: no extra process
    "TIMELINE_PAGE_SIZE": 150,
    "HOME_LATEST": 8,
    "VOCABULARY_PATH": str(ROOT / "data" / "vocab"),
    # where the content folder is in REPOSITORY_URL's repository (edit and revision links)
    "TRACKER_CONTENT_IN_REPOSITORY": "content",
}


def add_reader(readers):
    # Only the sanitising reader: Pelican's own would publish a .html page as it is, or
    # a .markdown file with its raw HTML (the validator names such files).
    readers.reader_classes.clear()
    readers.reader_classes["md"] = FrontMatterReader


def set_defaults(pelican):
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    settings.setdefault("CANONICAL_SITEURL", settings.get("SITEURL", ""))
    # the commit the site is built from, for revision-pinned citations (None outside git)
    settings.setdefault("TRACKER_REVISION", citation.build_revision(ROOT))
    settings.setdefault("TRACKER_REVISION_DATE", citation.build_revision_date(ROOT))
    # the day an ongoing state's span runs to: the commit's date, so a build is reproducible
    settings.setdefault("TRACKER_AS_OF", spans.as_of_day(settings))
    settings["JINJA_GLOBALS"] = {
        **settings.get("JINJA_GLOBALS", {}),
        "UI": i18n.strings(i18n.strings_path(settings)),
        **template_helpers.GLOBALS,
        "event_span": spans.event_span,
    }


def register():
    signals.initialized.connect(set_defaults)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
