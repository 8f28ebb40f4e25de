"""What a build depends on besides the case files, as stamps that say when caches are stale.

A stamp is a short hash of file contents. The case cache carries the stamp of the code and
data that validate and render a case (`reader_stamp`); the output manifest carries the stamp
of everything else a page is rendered from (`output_stamp`).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from functools import cache
from pathlib import Path

from casebook import vocabulary
from casebook.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parents[2]
CODE = [ROOT / "casebook", ROOT / "plugins" / "tracker"]

# settings that change what the pages say (paths on this machine do not)
OUTPUT_SETTINGS = (
    "SITENAME",
    "SITEURL",
    "CANONICAL_SITEURL",
    "FEED_DOMAIN",
    "RELATIVE_URLS",
    "SITE_DESCRIPTION",
    "REPOSITORY_URL",
    "AUTHOR",
    "DEFAULT_LANG",
    "TIMEZONE",
    "PAGE_URL",
    "PAGE_LANG_URL",
    "TRACKER_SHOW_DRAFTS",
    "FEED_MAX_ITEMS",
)
# how the build runs, not what it says
NOT_OUTPUT_SETTINGS = ("TRACKER_PROCESSES", "TRACKER_PARALLEL_FROM")
# where this build writes and caches: the record of a build lives inside its output folder
WHERE_SETTINGS = ("OUTPUT_PATH", "CACHE_PATH")
OUTPUT_SETTING_PREFIXES = ("CASE_", "TRACKER_", "TIMELINE_", "HOME_")
TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".yaml")


def files_stamp(paths: list[Path], suffixes: tuple[str, ...]) -> str:
    """Hash of the names and contents of the files under `paths` with these suffixes."""
    digest = hashlib.sha1()
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in files:
            if path.is_file() and path.suffix in suffixes:
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def vocabulary_folder(settings: dict) -> Path:
    return Path(settings.get("VOCABULARY_PATH") or vocabulary.VOCAB_DIR)


def reader_stamp(settings: dict) -> str:
    """Stamp of what turns a case file into a checked, rendered case."""
    return files_stamp([vocabulary_folder(settings), *CODE], (".py", ".json", ".yaml"))


def output_stamp(settings: dict) -> str:
    """Stamp of what turns cases into pages: templates, strings, code, data, settings."""
    theme = Path(settings["THEME"])
    catalogues = settings.get("TRACKER_STRINGS_PATH") or theme / "i18n"
    templates = files_stamp([theme / "templates", Path(catalogues)], TEMPLATE_SUFFIXES)
    digest = hashlib.sha1(f"{reader_stamp(settings)}:{templates}".encode())
    for key in sorted(settings):
        if key in NOT_OUTPUT_SETTINGS:
            continue
        if key in OUTPUT_SETTINGS or key.startswith(OUTPUT_SETTING_PREFIXES):
            digest.update(f"{key}={settings[key]!r}\0".encode())
    return digest.hexdigest()[:16]


def build_stamp(settings: dict, content: Path) -> str:
    """Stamp of everything a development build reads, without reading the case files.

    The output stamp, every setting that is plain data, Pelican's version, and the path,
    size and modification time of every file under the content folder (what Pelican's
    content cache trusts too). Two builds with the same stamp write the same files.
    """
    import pelican

    digest = hashlib.sha1(f"{output_stamp(settings)}:{pelican.__version__}".encode())
    for key in sorted(settings):
        if key in NOT_OUTPUT_SETTINGS or key in WHERE_SETTINGS:
            continue
        try:
            text = json.dumps(settings[key], sort_keys=True)
        except (TypeError, ValueError):  # functions, modules: covered by the code stamp
            continue
        digest.update(f"{key}={text}\0".encode())
    for folder, dirs, files in os.walk(content):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            stat = os.stat(path)
            relative = os.path.relpath(path, content)
            digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def load_vocabulary(settings: dict) -> Vocabulary:
    """The vocabularies, parsed once per change of their files or of the code that reads them.

    A development build keeps the parsed vocabularies in its cache folder: parsing the
    YAML costs more than an incremental build of everything else.
    """
    stamp = reader_stamp(settings)
    return _load(vocabulary_folder(settings), stamp, _cache_file(settings, stamp))


def remove_other_stamps(keep: Path, prefix: str) -> None:
    """Delete the files beside `keep` named `prefix...`: the same cache, made from other
    inputs (its name carries their stamp), which no build will read again."""
    for old in keep.parent.glob(prefix + "*"):
        if old != keep:
            old.unlink(missing_ok=True)


def _cache_file(settings: dict, stamp: str) -> Path | None:
    wanted = settings.get("TRACKER_CACHE_VOCABULARY", settings.get("CACHE_CONTENT"))
    if not (wanted and settings.get("CACHE_PATH")):
        return None
    return Path(settings["CACHE_PATH"]) / f"vocabulary-{stamp}.pickle"


@cache
def _load(folder: Path, stamp: str, cache_file: Path | None) -> Vocabulary:
    if cache_file is not None and cache_file.exists():
        try:
            return pickle.loads(cache_file.read_bytes())
        except (OSError, pickle.PickleError, EOFError, AttributeError):
            pass
    vocab = vocabulary.load(folder)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        remove_other_stamps(cache_file, "vocabulary-")
        cache_file.write_bytes(pickle.dumps(vocab))
    return vocab
