"""Lighthouse scores for each page type of a built site, written to docs/lighthouse.md.

    python benchmarks/lighthouse.py [--site output] [--out docs/lighthouse.md]

Serves the built site on 127.0.0.1, runs Lighthouse 12 (installed from the npm registry into
.tools/ on first use) in mobile mode against Debian's Chromium, headless and offline, once per
page type in English and French, and records performance, accessibility, best practices and
SEO. Build the site first (`invoke build`).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / ".tools"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def first(site: Path, pattern: str) -> str | None:
    """The URL path of the first page matching `pattern` (sorted, so runs are comparable)."""
    found = sorted(site.glob(pattern))
    if not found:
        return None
    folder = found[0].parent.relative_to(site).as_posix()
    return "/" if folder == "." else f"/{folder}/"


def page_types(site: Path) -> dict[str, str]:
    pages = {}
    for prefix in ("", "fr/"):
        candidates = {
            "home": f"{prefix}index.html",
            "timeline": f"{prefix}timeline/index.html",
            "case": f"{prefix}cases/*/index.html",
            "brand": f"{prefix}brands/*/index.html",
            "facet": f"{prefix}event-types/*/index.html",
            "channel board": f"{prefix}channels/board/index.html",
            "search": f"{prefix}search/index.html",
            "data": f"{prefix}data/index.html",
        }
        for kind, pattern in candidates.items():
            if url := first(site, pattern):
                pages[f"{kind} ({prefix.rstrip('/') or 'en'})"] = url
    return pages


def install() -> None:
    if not LIGHTHOUSE.exists():
        TOOLS.mkdir(exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "lighthouse@12"],
            check=True,
        )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def score(url: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                f"--chrome-flags={CHROME_FLAGS}",
                "--form-factor=mobile",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        )
        categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "output")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "lighthouse.md")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"{args.site}: no built site here; run 'invoke build' first", file=sys.stderr)
        return 2
    install()
    server = serve(args.site)
    base = f"http://127.0.0.1:{server.server_port}"
    rows, misses = [], []
    try:
        for kind, path in page_types(args.site).items():
            scores = score(base + path)
            rows.append(f"| {kind} | `{path}` | " + " | ".join(str(scores[c]) for c in CATEGORIES))
            misses += [f"{kind} {c} {scores[c]}" for c in CATEGORIES if scores[c] < TARGETS[c]]
            print(rows[-1], flush=True)
    finally:
        server.shutdown()
    header = [
        "# Lighthouse scores",
        "",
        "Written by `python benchmarks/lighthouse.py` (Lighthouse 12, mobile, headless Chromium,",
        "served from 127.0.0.1). Targets: performance and best practices >= 95, accessibility and",
        "SEO 100.",
        "",
        "| page type | page | " + " | ".join(CATEGORIES) + " |",
        "| --- | --- |" + " --- |" * len(CATEGORIES),
    ]
    args.out.write_text("\n".join(header + [r + " |" for r in rows]) + "\n", encoding="utf-8")
    if misses:
        print("below target: " + "; ".join(misses), file=sys.stderr)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
