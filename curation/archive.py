"""Real archived copies for case sources, and a link-rot report.

`python -m curation.archive` asks the Wayback Machine's availability API for the snapshot
closest to each source's publication date and writes it into the case file as `archived:`
(the file's layout and comments kept). With `--capture`, sources that have no snapshot are
sent to Save Page Now; with `--check-links`, every source URL is fetched and the ones that no
longer answer are listed. All requests go through the scrapers' polite fetcher (robots.txt,
per-host delay, size and time limits).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from casebook.frontmatter import FrontMatterError, read
from curation import roundtrip
from curation.files import write_atomic
from scrapers.fetch import Fetcher, FetchError, Policy

AVAILABILITY_API = "https://archive.org/wayback/available"
SAVE_API = "https://web.archive.org/save/"
CASES_DIR = Path("content/cases")


@dataclass(frozen=True)
class Source:
    """One source of one case file, and the line it starts on."""

    path: Path
    index: int
    line: int
    url: str
    published: str | None
    archived: str | None

    def where(self, field: str = "url") -> str:
        return f"{self.path}:{self.line}: sources[{self.index}].{field}"


def sources_of(paths: list[Path]) -> Iterator[Source]:
    for path in paths:
        try:
            doc = read(path)
        except (FrontMatterError, OSError, UnicodeDecodeError):
            continue  # `invoke validate` reports these; nothing to archive in a broken file
        for index, source in enumerate(doc.meta.get("sources") or []):
            if isinstance(source, dict) and isinstance(source.get("url"), str):
                yield Source(
                    path,
                    index,
                    doc.line_of(("sources", index)),
                    source["url"],
                    str(source["published"]) if source.get("published") else None,
                    source.get("archived"),
                )


def wayback_timestamp(published: str | None) -> str | None:
    """YYYYMMDD (or shorter) for a published date, the availability API's `timestamp`."""
    return published.replace("-", "") if published else None


def https(url: str) -> str:
    return "https://" + url.removeprefix("http://") if url.startswith("http://") else url


def closest_snapshot(fetcher: Fetcher, api: str, source: Source) -> str | None:
    """The availability API's closest snapshot of the source, or None when it has none."""
    query = {"url": source.url}
    if stamp := wayback_timestamp(source.published):
        query["timestamp"] = stamp
    response = fetcher.get(f"{api}?{urlencode(query)}")
    if response.status != 200:
        raise FetchError(f"HTTP {response.status} from the availability API", api, response.status)
    try:
        closest = json.loads(response.body)["archived_snapshots"].get("closest") or {}
    except (ValueError, KeyError, AttributeError, TypeError):
        raise FetchError("the availability API did not answer JSON", api) from None
    if closest.get("available") and str(closest.get("status", "200")).startswith("2"):
        return https(closest["url"]) if isinstance(closest.get("url"), str) else None
    return None


def record_snapshot(source: Source, snapshot: str) -> bool:
    """Write `archived: snapshot` into the source's entry, right after its date or language."""

    def change(meta) -> bool:
        entry = meta["sources"][source.index]
        if entry.get("archived") or entry.get("url") != source.url:
            return False
        keys = list(entry)
        after = next((k for k in ("lang", "published") if k in keys), keys[-1])
        entry.insert(keys.index(after) + 1, "archived", snapshot)
        return True

    text = source.path.read_text(encoding="utf-8")
    new = roundtrip.edit_front_matter(text, change)
    if new != text:
        write_atomic(source.path, new)
    return new != text


def archive(paths: list[Path], fetcher: Fetcher, api: str, save: str | None, out) -> int:
    """Fill `archived:` where a snapshot exists; return how many sources were updated."""
    updated = 0
    for source in sources_of(paths):
        if source.archived:
            continue
        try:
            snapshot = closest_snapshot(fetcher, api, source)
            if snapshot is None and save:
                fetcher.get(save + quote(source.url, safe=":/?&=%#"))
                print(f"{source.where()}: no snapshot yet; capture requested", file=out)
                continue
        except FetchError as error:
            print(f"{source.where()}: {error.reason}; try again later", file=out)
            continue
        if snapshot is None:
            print(f"{source.where()}: no archived copy found; run with --capture", file=out)
        elif record_snapshot(source, snapshot):
            updated += 1
            print(f"{source.where('archived')}: {snapshot}", file=out)
    return updated


def check_links(paths: list[Path], fetcher: Fetcher, out) -> int:
    """List sources whose URL no longer answers; return how many."""
    dead = 0
    seen: dict[str, str | None] = {}
    for source in sources_of(paths):
        if source.url not in seen:
            try:
                response = fetcher.get(source.url)
                seen[source.url] = None if response.status < 400 else f"HTTP {response.status}"
            except FetchError as error:
                seen[source.url] = error.reason
        if problem := seen[source.url]:
            dead += 1
            fix = "the archived copy stands in" if source.archived else "add an archived copy"
            print(f"{source.where()}: does not answer ({problem}); {fix}", file=out)
    return dead


def case_files(targets: list[str]) -> list[Path]:
    paths: list[Path] = []
    for target in targets or [str(CASES_DIR)]:
        path = Path(target)
        paths += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m curation.archive", description=__doc__)
    parser.add_argument("paths", nargs="*", help="case files or folders (default content/cases)")
    parser.add_argument("--capture", action="store_true", help="ask Save Page Now when missing")
    parser.add_argument("--check-links", action="store_true", help="report sources that fail")
    parser.add_argument("--api", default=AVAILABILITY_API, help="availability API address")
    parser.add_argument("--save-api", default=SAVE_API, help="Save Page Now address")
    parser.add_argument("--allow-loopback", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between requests")
    args = parser.parse_args(argv)
    fetcher = Fetcher(Policy(min_delay=args.delay, allow_loopback=args.allow_loopback))
    paths = case_files(args.paths)
    updated = archive(paths, fetcher, args.api, args.save_api if args.capture else None, sys.stdout)
    print(f"{updated} source(s) given an archived copy", file=sys.stderr)
    if args.check_links:
        dead = check_links(paths, fetcher, sys.stdout)
        print(f"{dead} source(s) no longer answer", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
