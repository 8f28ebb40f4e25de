"""Incremental output: a page whose inputs did not change is neither rendered nor written.

Every page the case generator writes has a key: a hash of the output stamp (templates,
strings, code, vocabularies, settings) and of the values the page is rendered from, where a
case counts as the digest of its source file. The keys of the last build are kept in a
manifest inside the output folder, so the manifest travels with the files it describes.
A page whose key is unchanged and whose file exists is skipped; a file the last build wrote
and this one did not is removed. A publishing build runs without a manifest, from scratch.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import pickle
from pathlib import Path

from markupsafe import Markup
from pelican.writers import Writer

from casebook.atomic import write_atomic
from plugins.tracker import offline, typography
from plugins.tracker.catalogue import Entry
from plugins.tracker.contents import Case
from plugins.tracker.inputs import remove_other_stamps

MANIFEST = ".tracker-manifest.json"
# The build stamp of the last complete build of the folder, and its link targets.
LAST_BUILD = ".tracker-last-build.json"


def _parts(value, out: list) -> None:
    """Append the text pieces that stand for `value` (a case: the digest of its file)."""
    if type(value) is str:
        out.append("str:" + value)
    elif value is None or isinstance(value, (bool, int, float, str, Markup)):
        out.append(f"{type(value).__name__}:{value}")
    elif isinstance(value, Entry):
        out.append(value.fingerprint)
    elif isinstance(value, Case):
        out.append(f"case:{value.source_digest}:{value.status}")
    elif isinstance(value, dict):
        out.append("{")
        for key, item in value.items():
            if type(key) is str and type(item) is str:  # most dicts here: the short way
                out.append("str:" + key)
                out.append("str:" + item)
            else:
                _parts(key, out)
                _parts(item, out)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for item in value:
            if isinstance(item, Entry):  # most of any listing: the short way
                out.append(item.fingerprint)
            elif type(item) is str:
                out.append("str:" + item)
            else:
                _parts(item, out)
        out.append("]")
    elif dataclasses.is_dataclass(value):
        out.append(type(value).__name__)
        _parts([getattr(value, f.name) for f in dataclasses.fields(value)], out)
    else:
        raise TypeError(f"no fingerprint for {type(value).__name__}; pass plain data to pages")


def fingerprint(*values) -> str:
    """A stable hash of plain data, cases and listing entries."""
    out: list[str] = []
    for value in values:
        _parts(value, out)
    return hashlib.sha1("\x1f".join(out).encode()).hexdigest()


class Manifest:
    """Keys of the files written by the last build of one output folder."""

    def __init__(self, output: Path, stamp: str, save: bool, load: bool):
        self.output = Path(output)
        self.folder = f"{self.output}{os.sep}"  # quicker to join than a Path, 11,000 times
        self.stamp = stamp
        self.enabled = save
        self.previous: dict[str, str] = {}
        self.current: dict[str, str] = {}
        self.skipped = 0
        path = self.output / MANIFEST
        if save and load and path.exists():
            try:
                self.previous = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.previous = {}

    def unchanged(self, save_as: str, *inputs) -> bool:
        """Record what `save_as` is built from; True when the file already holds exactly that."""
        key = fingerprint(self.stamp, save_as, *inputs)
        self.current[save_as] = key
        if self.previous.get(save_as) == key and os.path.exists(self.folder + save_as):
            self.skipped += 1
            return True
        return False

    def finish(self) -> list[str]:
        """Remove what the last build wrote and this one did not; save the manifest."""
        removed = []
        if not self.enabled:
            return removed
        for save_as in sorted(set(self.previous) - set(self.current)):
            path = self.output / save_as
            if path.is_file():
                path.unlink()
                removed.append(save_as)
                _remove_empty_parents(path.parent, self.output)
        if self.current != self.previous:
            text = json.dumps(dict(sorted(self.current.items())), indent=0)
            (self.output / MANIFEST).write_text(text + "\n", encoding="utf-8")
        return removed


class EntryCache:
    """Listing entries already rendered, kept from one development build to the next.

    A case is listed on its timeline page and on each of its facet and brand pages; after
    an edit, those pages are rendered again with hundreds of other cases' entries, which
    have not changed. An entry's key is what it shows (`Entry.fingerprint`: its case's
    file and status, the interface language); the cache file is named
    after the output stamp (templates, strings, code, settings), so an entry rendered by
    other templates is never reused. The entries of cases no longer listed are dropped.
    """

    PREFIX = "ListingEntries-"

    def __init__(self, folder: Path | None, stamp: str, load: bool):
        self.path = Path(folder) / f"{self.PREFIX}{stamp}.pickle" if folder else None
        self.previous: dict = {}
        self.current: dict = {}
        self.rendered = 0
        if self.path is not None and load and self.path.exists():
            try:
                with open(self.path, "rb") as cached:
                    self.previous = pickle.load(cached)
            except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
                self.previous = {}

    def get(self, key):
        html = self.current.get(key)
        if html is None:
            html = self.previous.get(key)
            if html is not None:
                self.current[key] = html
        return html

    def __setitem__(self, key, html: str) -> None:
        self.current[key] = html
        self.rendered += 1

    def save(self, listed: set[str]) -> None:
        """Keep the entries of the cases still listed (`listed`: their fingerprints), from
        this build and the last, and forget other stamps' files; unless nothing changed."""
        both = {**self.previous, **self.current}
        kept = {key: html for key, html in both.items() if key in listed}
        if self.path is None or kept.keys() == self.previous.keys() and not self.rendered:
            return
        remove_other_stamps(self.path, self.PREFIX)
        write_atomic(self.path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))


class LinkTarget:
    """What a `{filename}` link to a case needs when the case was not read: its URL."""

    def __init__(self, url: str):
        self.url = url


def last_build_links(output: Path, stamp: str) -> dict[str, LinkTarget] | None:
    """The link targets of the last build of `output` when it was built from exactly
    `stamp` and every file its manifest lists is still there; None otherwise."""
    output = Path(output)
    try:
        last = json.loads((output / LAST_BUILD).read_text(encoding="utf-8"))
        written = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(last, dict) or last.get("stamp") != stamp:
        return None
    if not all(os.path.exists(output / save_as) for save_as in written):
        return None  # a file deleted by hand: build, and the manifest puts it back
    return {source: LinkTarget(url) for source, url in last.get("links", {}).items()}


def record_build(output: Path, stamp: str, links: dict[str, str]) -> None:
    """Remember that `output` now holds the build of `stamp` (see `last_build_links`)."""
    text = json.dumps({"stamp": stamp, "links": dict(sorted(links.items()))}, indent=0)
    write_if_changed(Path(output) / LAST_BUILD, text + "\n")


def forget_build(output: Path) -> None:
    """The output folder is about to change: no later build may trust the last stamp."""
    (Path(output) / LAST_BUILD).unlink(missing_ok=True)


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


class _WriteIfChanged(io.StringIO):
    """A text buffer that replaces `path` on close only when its text differs."""

    def __init__(self, path: str, encoding: str, transform=None):
        super().__init__()
        self.path, self.target_encoding, self.transform = path, encoding, transform

    def close(self) -> None:
        if not self.closed:
            text = self.getvalue()
            if self.transform is not None:
                text = self.transform(text)
            data = text.encode(self.target_encoding)
            try:  # a new file (most of a cold build): one open; nobody can be reading it yet
                with open(self.path, "xb") as out:
                    out.write(data)
                same = True
            except FileExistsError:
                with open(self.path, "rb") as existing:
                    same = existing.read() == data
            if not same:  # replaced in one step, so a server never sends half a page
                tmp = f"{self.path}.tmp{os.getpid()}"
                with open(tmp, "wb") as out:
                    out.write(data)
                os.replace(tmp, self.path)
        super().close()


def write_if_changed(path: Path, text: str) -> None:
    """Write `text` to `path` unless the file already holds exactly that."""
    with _WriteIfChanged(str(path), "utf-8") as out:
        out.write(text)


class KeepUnchangedWriter(Writer):
    """Pelican's writer, except that a file whose new text equals the old one is left alone.

    Pages Pelican renders itself (about, methodology ...) keep their files, and their dates,
    when nothing in them changed. Every HTML page gets its language's typography
    (`typography.for_page`: French spacing on French pages) on the way out, and with
    `TRACKER_OFFLINE` links that open from disk (`offline.for_page`).
    """

    def _open_w(self, filename, encoding, override=False):
        if filename in self._written_files or filename in self._overridden_files:
            return super()._open_w(filename, encoding, override)  # Pelican's rules for rewrites
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _WriteIfChanged(filename, encoding, self._page_transform(filename))

    def _page_transform(self, filename):
        """What every HTML page goes through: its language's typography, and with
        TRACKER_OFFLINE, links that open from disk."""
        if not str(filename).endswith(".html"):
            return None
        if not (self.settings or {}).get("TRACKER_OFFLINE"):
            return typography.for_page
        return lambda html: offline.for_page(typography.for_page(html))


def get_writer(pelican):
    return KeepUnchangedWriter
