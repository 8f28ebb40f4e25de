"""How the site build scales: synthetic cases, build time, peak memory, timeline page weight.

    python benchmarks/site_build.py [--cases 5000]

Writes N synthetic (valid) case files into a temporary content folder beside the real
pages, builds with the development settings, and prints the figures. Nothing is written
into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casebook import vocabulary  # noqa: E402

CASE = """\
---
id: {id}
title: Synthetic case {n} about {brand}
summary: A generated case used only to measure how the build scales with the data.
date: {date}
date_precision: day
brands: [{brand}]
platform: {platform}
channel: {channel}
event_type: {event_type}
status: ongoing
sources:
  - url: https://news.test/synthetic/{n}
    title: Generated source {n}
    publisher: Example News
    published: {date}
    lang: en
related: []
lang: en
updated: 2026-01-01
---
Generated narrative for case {n}. {brand} changed its {channel} channel on {platform}.
"""


def write_cases(folder: Path, count: int) -> None:
    vocab = vocabulary.load()
    rng = random.Random(42)
    brands, platforms = sorted(vocab["brands"]), sorted(vocab["platforms"])
    channels, events = sorted(vocab["channels"]), sorted(vocab["event_types"])
    cases = folder / "cases"
    cases.mkdir(parents=True)
    for n in range(count):
        date = f"{rng.randint(2008, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        case_id = f"synthetic-case-{n}"
        (cases / f"{case_id}.md").write_text(
            CASE.format(
                id=case_id,
                n=n,
                date=date,
                brand=rng.choice(brands),
                platform=rng.choice(platforms),
                channel=rng.choice(channels),
                event_type=rng.choice(events),
            ),
            encoding="utf-8",
        )


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        content, output = Path(tmp) / "content", Path(tmp) / "output"
        shutil.copytree(ROOT / "content" / "pages", content / "pages")
        write_cases(content, args.cases)
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pelican",
                str(content),
                "-o",
                str(output),
                "-s",
                str(ROOT / "pelicanconf.py"),
                "--fatal",
                "errors",
                "-q",
            ],
            check=True,
            cwd=ROOT,
        )
        build_seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        timeline_pages = sorted((output / "timeline").rglob("index.html"))
        heaviest = max(gzip_size(p) for p in timeline_pages)
        css_js = sum(gzip_size(p) for p in (output / "theme").rglob("*") if p.is_file())
        html_files = sum(1 for _ in output.rglob("*.html"))
        print(f"cases:                          {args.cases}")
        print(f"HTML pages written:             {html_files}")
        print(f"build time (pelican):           {build_seconds:.1f} s")
        print(f"peak memory (pelican process):  {peak_mb:.0f} MB")
        print(f"timeline pages:                 {len(timeline_pages)}")
        print(
            f"heaviest timeline page, gzip:   {heaviest / 1024:.1f} kB "
            f"(+ {css_js / 1024:.1f} kB CSS and JS, cached)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
