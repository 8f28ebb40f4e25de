"""Measure the page extractor on saved pages: exact dates, fields found, speed.

Usage: python benchmarks/extraction.py [DIR] [--json pages.json] [--repeat 5] [--half dev]

The fixture pages are split once, by a hash of their file name, into a
development half (the only pages whose misses anyone looks at, `--half dev`)
and a held-out half (`--half holdout`, measured without listing misses).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scrapers.pages import extract_page  # noqa: E402

DEFAULT_DIR = ROOT / ".." / "shared" / "fixtures" / "pages"


def expected_dates(json_path: Path) -> dict[str, tuple[str, str | None]]:
    """File name → (original URL, expected date or None)."""
    raw = json.loads(json_path.read_text(encoding="utf-8"))
    result = {}
    for url, entry in raw.items():
        date = entry.get("date")
        if isinstance(date, float) and math.isnan(date):
            date = None
        result[entry["file"]] = (url, date)
    return result


def half_of(name: str) -> str:
    """'dev' or 'holdout': a fixed split by the SHA-256 of the file name."""
    return "dev" if hashlib.sha256(name.encode("utf-8")).digest()[0] % 2 == 0 else "holdout"


def htmldate_alone(data: bytes, url: str) -> str | None:
    from htmldate import find_date

    from scrapers.pages import parse_html

    tree = parse_html(data)
    return (
        find_date(tree, url=url, extensive_search=True, original_date=True)
        if tree is not None
        else None
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--json", type=Path, help="expected dates (default: DIR/../pages.json)")
    parser.add_argument("--repeat", type=int, default=5, help="passes for the speed figure")
    parser.add_argument("--misses", action="store_true", help="list pages with a wrong date")
    parser.add_argument(
        "--half", choices=("dev", "holdout", "all"), default="all", help="which half of the pages"
    )
    args = parser.parse_args(argv)
    directory = args.directory.resolve()
    json_path = args.json or directory.parent / "pages.json"
    expected = expected_dates(json_path)
    pages = [
        (name, url, date, (directory / name).read_bytes())
        for name, (url, date) in sorted(expected.items())
        if (directory / name).exists() and args.half in ("all", half_of(name))
    ]
    if args.misses and args.half != "dev":
        print("--misses lists only the dev half: add --half dev", file=sys.stderr)
        return 2
    if not pages:
        print(f"no pages found in {directory}", file=sys.stderr)
        return 2
    exact = titles = publishers = langs = alone = 0
    methods: Counter[str] = Counter()
    for name, url, date, data in pages:
        info = extract_page(data, url)
        methods[info.extracted_by.get("published", "none")] += 1
        exact += info.published == date
        alone += htmldate_alone(data, url) == date
        titles += bool(info.title)
        publishers += bool(info.publisher)
        langs += bool(info.lang)
        if args.misses and info.published != date:
            print(
                f"  miss {name}: got {info.published} ({info.extracted_by.get('published')})"
                f" want {date}"
            )
    started = time.perf_counter()
    for _ in range(args.repeat):
        for _name, url, _date, data in pages:
            extract_page(data, url)
    elapsed = time.perf_counter() - started
    total = len(pages)
    done = total * args.repeat
    print(f"pages:                {total} ({args.half})")
    print(f"exact date:           {exact}/{total} ({exact / total:.1%})")
    print(f"htmldate alone:       {alone}/{total} ({alone / total:.1%})")
    print(f"title:                {titles}/{total}")
    print(f"publisher:            {publishers}/{total}")
    print(f"language:             {langs}/{total}")
    print(f"speed:                {done} pages in {elapsed:.1f} s ({done / elapsed:.0f} pages/s)")
    print("date found by:        " + ", ".join(f"{k} {v}" for k, v in methods.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
