"""Pagefind bundles per interface language, in shards, so an edit re-indexes a slice of one.

`python plugins/tracker/search_index.py OUTPUT [--shard-size N] [--jobs N]` runs as a script
(standard library only), so indexing does not load the Pelican plugin the module sits in:
`invoke build` starts it after every build, a no-change one included.

Each interface language searches its own write-ups, so each gets its own bundle beside its
case pages: `pagefind/` for the default language (`cases/`), `fr/pagefind/` for French
(`fr/cases/`), and so on for every `<lang>/cases/` folder the build wrote. Only case pages
carry searchable text (`data-pagefind-body`).

Pagefind cannot update an index in place, so a language with many pages is split into
shards of about `SHARD_SIZE` pages (at least one). A page's shard is a hash of its path
modulo the shard count: adding or editing a case moves no other case, and the same pages
always give the same shards. Shard 0 is the bundle itself (`pagefind/`, so a small site has
one bundle at the usual address); the others sit inside it (`pagefind/shard-1/` ...), and
`pagefind/shards.json` lists them for the search page, which merges them into one search
(Pagefind's `mergeIndex`). A merged shard is searched with the main bundle's scripts and
WebAssembly, so a shard keeps only its index files. When the shard count changes, every shard
of that language is indexed again; shard folders no longer used are removed.

A shard is emptied before it is written again: Pagefind adds the hash-named files of a new
index beside those of the last one, and would otherwise leave a whole old index behind.
A shard is indexed again only when what the index reads of its pages changed
(`<shard>/.tracker-indexed` holds a digest of it, of this module and of Pagefind's version).
A development build writes `.tracker-search-keys.json`: for each case page, a key of the case
it shows and of the output stamp, but not of the neighbours' and related cases' titles the
page also shows where the index does not read; so an edit re-indexes the edited case's shard and
no other. Without that file, a shard's digest is taken from the bytes of its pages. Pages
without searchable text (a "case has moved" page) are not given to Pagefind, which would
index the whole of them in a shard holding no other. A language whose pages all have the
keys they had when it was last indexed (with the same shard size, module and Pagefind:
`<bundle>/.tracker-indexed-language`) is skipped without reading. A published build has no
manifest and indexes every shard. Shards are indexed `JOBS` at a time.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".tracker-manifest.json"
# Written by a development build: case page -> a key of what the index reads of it (the case,
# not its neighbours' titles in the pager), so no shard is indexed again for those.
SEARCH_KEYS = ".tracker-search-keys.json"
STAMP = ".tracker-indexed"  # in each shard: the digests of its pages when last indexed
LANGUAGE_STAMP = ".tracker-indexed-language"  # in each bundle: the keys of all its pages
SHARDS = "shards.json"  # the other shards of a bundle, for the search page
SHARD_SIZE = 1500  # pages per shard, about: one edit re-indexes this many pages
JOBS = 2  # Pagefind processes at a time
PAGES = ".tracker-search-pages"  # links to each shard's pages while it is indexed
# What a merged shard is read for; the rest of what Pagefind writes is the main bundle's job.
ENTRY = "pagefind-entry.json"
SHARD_FILES = {ENTRY, "index", "fragment", "filter", STAMP}
BODY = b"data-pagefind-body"  # the mark of a page with searchable text


def bundles(output: Path) -> list[tuple[str, str]]:
    """(pages glob, bundle folder) per language folder of `output`, the default one first."""
    found = [("cases/**/*.html", "pagefind")] if (output / "cases").is_dir() else []
    for cases in sorted(output.glob("*/cases")):
        if cases.is_dir():
            lang = cases.parent.name
            found.append((f"{lang}/cases/**/*.html", f"{lang}/pagefind"))
    return found


def case_pages(output: Path, glob: str) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.glob(glob) if p.is_file())


def searchable(output: Path, pages: list[str]) -> dict[str, str]:
    """page -> a digest of its bytes, for the pages with searchable text: Pagefind indexes the
    whole of every page (a "case has moved" one too) when it is given none with
    data-pagefind-body."""
    found = {}
    for page in pages:
        data = (output / page).read_bytes()
        if BODY in data:
            found[page] = hashlib.sha1(data).hexdigest()
    return found


def stamp_of(manifest: dict | None, pages: list[str], *salt) -> str | None:
    """A hash of the manifest keys of `pages` (and of `salt`); None when one is not known."""
    keys = [manifest.get(page) for page in pages] if manifest is not None else [None]
    if None in keys:
        return None
    return digest([*salt, list(zip(pages, keys, strict=True))])


def digest(value) -> str:
    return hashlib.sha1(json.dumps(value).encode("utf-8")).hexdigest()


def shard_count(pages: int, size: int = SHARD_SIZE) -> int:
    return max(1, math.ceil(pages / size))


def shard_of(page: str, count: int) -> int:
    """The shard of a page (its path in the output): the same for the same path and count."""
    digest = hashlib.sha1(page.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count


def shard_folder(bundle: str, number: int) -> str:
    return bundle if number == 0 else f"{bundle}/shard-{number}"


@dataclass(frozen=True)
class Shard:
    number: int  # 0: the bundle itself, which holds the search page's scripts
    folder: str  # relative to the output
    pages: tuple[str, ...]  # paths relative to the output, sorted
    stamp: str | None  # what its pages were built from; None: unknown, always index


def indexer_stamp() -> str:
    """What else a shard is made with: this module and Pagefind's version."""
    try:
        version = importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return digest([version, hashlib.sha1(Path(__file__).read_bytes()).hexdigest()])


def plan(bundle: str, pages: dict[str, str], size: int, stamped: bool) -> list[Shard]:
    """The shards of one language's bundle holding these pages (path -> digest of its bytes);
    stamped with what they hold, unless `stamped` is false (then always indexed)."""
    count = shard_count(len(pages), size)
    members: list[list[str]] = [[] for _ in range(count)]
    for page in sorted(pages):
        members[shard_of(page, count)].append(page)
    made_with = indexer_stamp()
    shards = []
    for number, mine in enumerate(members):
        stamp = digest([made_with, count, number, [[page, pages[page]] for page in mine]])
        folder = shard_folder(bundle, number)
        shards.append(Shard(number, folder, tuple(mine), stamp if stamped else None))
    return shards


def is_current(output: Path, shard: Shard) -> bool:
    stamp = output / shard.folder / STAMP
    return bool(shard.stamp) and stamp.is_file() and stamp.read_text("utf-8") == shard.stamp


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def empty(output: Path, shard: Shard) -> None:
    """Remove a shard's files; the bundle itself keeps the other shards' folders."""
    folder = output / shard.folder
    if folder.is_dir():
        for child in folder.iterdir():
            if not (shard.number == 0 and child.is_dir() and child.name.startswith("shard-")):
                remove(child)


def remove_unused_shards(output: Path, bundle: str, count: int) -> None:
    for child in (output / bundle).glob("shard-*"):
        number = child.name.removeprefix("shard-")
        if not number.isdigit() or int(number) >= count:
            remove(child)


def link_pages(output: Path, pages: tuple[str, ...], site: Path) -> None:
    """A folder holding just these pages at their paths (hard links, or copies), for Pagefind."""
    for page in pages:
        target = site / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(output / page, target)
        except OSError:
            shutil.copyfile(output / page, target)


def index_shard(output: Path, shard: Shard, quiet: bool) -> int:
    """Empty the shard, run Pagefind over its pages, keep what the search page reads, stamp it;
    Pagefind's exit status."""
    if STOPPING.is_set():
        return 128 + signal.SIGTERM
    empty(output, shard)
    folder = output / shard.folder
    folder.mkdir(parents=True, exist_ok=True)
    if shard.pages:  # Pagefind fails on no pages; an empty shard is left out of the list
        site = output / PAGES / shard.folder.replace("/", "--")
        link_pages(output, shard.pages, site)
        command = [sys.executable, "-m", "pagefind", "--site", str(site)]
        command += ["--output-path", str(folder.resolve())] + (["--quiet"] if quiet else [])
        with LOCK:
            if STOPPING.is_set():
                return 128 + signal.SIGTERM
            process = subprocess.Popen(command)
            RUNNING.add(process)
        code = process.wait()
        with LOCK:
            RUNNING.discard(process)
        shutil.rmtree(site, ignore_errors=True)
        if code:
            return code
    if shard.number:
        for child in folder.iterdir():
            if child.name not in SHARD_FILES and child.suffix != ".pf_meta":
                remove(child)
    if shard.stamp:
        (folder / STAMP).write_text(shard.stamp, encoding="utf-8")
    return 0


def write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def index(output: Path, quiet: bool = True, shard_size: int = SHARD_SIZE, jobs: int = JOBS) -> int:
    """Index each language's case pages into its shards, leaving the current ones as they are;
    0 when all is done, else the exit status of a Pagefind run that failed."""
    output = Path(output)
    manifest_file = output / MANIFEST
    manifest = json.loads(manifest_file.read_text("utf-8")) if manifest_file.exists() else None
    # A development build's key of what the index reads of each case page: with them no
    # page is read, and a redirect (no key) is left out; a published build has neither.
    keys_file = output / SEARCH_KEYS
    keys = None
    if manifest is not None and keys_file.exists():
        keys = json.loads(keys_file.read_text("utf-8"))
    shutil.rmtree(output / PAGES, ignore_errors=True)  # left by an indexing that was stopped
    languages, todo = [], []
    for glob, bundle in bundles(output):
        pages = case_pages(output, glob)
        if keys is not None:
            pages = [page for page in pages if page in keys]
        # A language none of whose pages changed is not read again (a build that changed
        # nothing costs a look at the manifest).
        language = stamp_of(manifest if keys is None else keys, pages, shard_size, indexer_stamp())
        done = output / bundle / LANGUAGE_STAMP
        if language and done.is_file() and done.read_text("utf-8") == language:
            continue
        done.unlink(missing_ok=True)
        found = searchable(output, pages) if keys is None else {p: keys[p] for p in pages}
        shards = plan(bundle, found, shard_size, manifest is not None)
        remove_unused_shards(output, bundle, len(shards))
        todo += [shard for shard in shards if not is_current(output, shard)]
        languages.append((bundle, len(shards), language))
    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            codes = list(pool.map(lambda shard: index_shard(output, shard, quiet), todo))
    finally:
        shutil.rmtree(output / PAGES, ignore_errors=True)
    failed = [code for code in codes if code]
    if failed:
        return failed[0]
    for bundle, count, language in languages:
        others = [f"shard-{n}/" for n in range(1, count)]
        others = [name for name in others if (output / bundle / name / ENTRY).is_file()]
        write_if_changed(output / bundle / SHARDS, json.dumps(others) + "\n")
        if language:
            (output / bundle / LANGUAGE_STAMP).write_text(language, encoding="utf-8")
    return 0


RUNNING: set[subprocess.Popen] = set()  # the Pagefind processes of this run
STOPPING = threading.Event()
LOCK = threading.Lock()


def stop(signum, frame) -> None:
    """Stopped (`invoke serve` starts a newer index): stop the Pagefind runs too, and start no
    more, so none of them writes into a shard the next run is writing."""
    with LOCK:
        STOPPING.set()
        for process in RUNNING:
            process.terminate()
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the built site")
    parser.add_argument("--shard-size", type=int, default=SHARD_SIZE, help="pages per shard")
    parser.add_argument("--jobs", type=int, default=JOBS, help="Pagefind processes at a time")
    args = parser.parse_args(argv)
    if args.shard_size < 1 or args.jobs < 1:
        parser.error("--shard-size and --jobs take a whole number of at least 1")
    signal.signal(signal.SIGTERM, stop)
    return index(args.output, shard_size=args.shard_size, jobs=args.jobs)


if __name__ == "__main__":
    sys.exit(main())
