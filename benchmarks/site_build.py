"""How the site build scales: `invoke bench --cases N [--json FILE]`.

Writes N schema-valid synthetic cases (varied brands, event types, platforms and channels,
dates over 15 years, English and French with some translations, about 300 words and three
sources each) beside the shipped pages in a temporary folder, then builds the whole site
with the same function as `invoke build` (checks, site, data, search index) and measures:

- a cold build (empty output and cache), a rebuild after editing one case, a rebuild with
  nothing changed, the peak memory of the build's processes;
- the output's size and file count;
- what a reader downloads, gzip-compressed: the home page, the first timeline view and one
  case page (HTML with the CSS and JS they load), and one search query (the index chunks
  and fragments it loads, measured in headless Chromium);
- stock Pelican with its default theme building the same N texts as plain articles, in the
  same run, and the ratio of the two cold builds.

Nothing is written into the repository. Figures depend on the machine and on its load.
"""

from __future__ import annotations

import argparse
import filecmp
import gzip
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from invoke import Context  # noqa: E402

from casebook import vocabulary  # noqa: E402
from tasks import build_site  # noqa: E402

EN_WORDS = (  # noqa: SIM905 (a sentence reads better than a list)
    "customer service team said would answer questions direct messages platform public "
    "complaint airline passengers bank account support agents replies hours weekend delay "
    "luggage refund booking statement spokesperson announced changed policy users followers "
    "thread viral shared thousands times response within hour promised apology compensation "
    "social media channel closed opened moved website chat phone line queue waiting week "
    "month year later reported newspaper according people noticed switch verified badge fee"
).split()
FR_WORDS = (  # noqa: SIM905
    "service client équipe réponse questions messages privés plateforme plainte compagnie "
    "passagers banque compte conseillers heures retard bagages remboursement réservation "
    "communiqué porte-parole annoncé politique utilisateurs abonnés fil viral partagé milliers "
    "fois délai heure promis excuses indemnisation réseaux sociaux canal fermé ouvert site "
    "téléphone attente semaine mois année plus tard journal selon clients remarqué badge"
).split()
PUBLISHERS = ["Daily Ledger", "Travel Wire", "Le Quotidien", "Business Report", "Tech Herald"]


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def sentence(rng: random.Random, words: list[str], size: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(size))
    return text[0].upper() + text[1:] + "."


def paragraph(rng, words, sources, size=60) -> str:
    parts, count = [], 0
    while count < size:
        n = rng.randint(9, 16)
        parts.append(sentence(rng, words, n))
        count += n
    source = rng.choice(sources)
    parts.append(f"([{source['publisher']}]({source['url']}))")
    return " ".join(parts)


def case_file(n: int, rng: random.Random, vocab, lang: str, original: dict | None) -> dict:
    """One case as {id, text, record fields}; a translation reuses its original's facts."""
    words = FR_WORDS if lang == "fr" else EN_WORDS
    if original:
        facts = dict(original["facts"])
    else:
        year = rng.randint(2011, 2025)
        facts = {
            "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "brands": sorted(rng.sample(vocab["brands_keys"], rng.choice([1, 1, 1, 2]))),
            "platform": rng.choice(vocab["platforms"]),
            "channel": rng.choice(vocab["channels"]),
            "event_type": rng.choice(vocab["event_types"]),
            "status": rng.choice(vocab["statuses"]),
        }
    case_id = f"bench-case-{n}-{lang}"
    year = int(facts["date"][:4])
    sources = [
        {
            "url": f"https://www.{slug(PUBLISHERS[k])}.com/{year}/story-{n}-{k}",
            "title": sentence(rng, words, 7)[:-1],
            "publisher": PUBLISHERS[k],
            "published": facts["date"],
            "lang": lang,
        }
        for k in rng.sample(range(len(PUBLISHERS)), 3)
    ]
    body = "\n\n".join(paragraph(rng, words, sources) for _ in range(5))
    brand = vocab["names"][facts["brands"][0]]
    title = f"{brand}: {sentence(rng, words, 6)[:-1]} ({n})"
    source_yaml = "".join(
        textwrap.dedent(
            f"""\
              - url: {s["url"]}
                title: "{s["title"]}"
                publisher: {s["publisher"]}
                published: {s["published"]}
                lang: {s["lang"]}
            """
        )
        for s in sources
    )
    translation = f"translation_of: {original['id']}\n" if original else ""
    text = (
        "---\n"
        f"id: {case_id}\n"
        f'title: "{title}"\n'
        f"summary: {sentence(rng, words, 24)}\n"
        f"date: {facts['date']}\n"
        "date_precision: day\n"
        f"brands: [{', '.join(facts['brands'])}]\n"
        f"platform: {facts['platform']}\n"
        f"channel: {facts['channel']}\n"
        f"event_type: {facts['event_type']}\n"
        f"status: {facts['status']}\n"
        f"sources:\n{source_yaml}"
        f"lang: {lang}\n{translation}"
        f"added: 2026-01-0{1 + n % 9}\n"
        "updated: 2026-02-01\n"
        "---\n"
        f"{body}\n"
    )
    return {"id": case_id, "text": text, "title": title, "body": body, "facts": facts}


def write_cases(content: Path, count: int, seed: int = 42) -> list[dict]:
    """N case files (about 30% French, a tenth of them translations of English cases)."""
    terms = vocabulary.load(ROOT / "data" / "vocab")
    vocab = {
        "brands_keys": sorted(terms["brands"]),
        "names": {k: v.get("name", k) for k, v in terms["brands"].items()},
        "platforms": sorted(terms["platforms"]),
        "channels": sorted(terms["channels"]),
        "event_types": sorted(terms["event_types"]),
        "statuses": sorted(terms["statuses"]),
    }
    rng = random.Random(seed)
    (content / "cases" / "fr").mkdir(parents=True)
    cases, english = [], []
    for n in range(count):
        roll = rng.random()
        if roll < 0.1 and english:
            original = english.pop(rng.randrange(len(english)))  # one translation each
            case = case_file(n, rng, vocab, "fr", original)
        else:
            case = case_file(n, rng, vocab, "fr" if roll < 0.3 else "en", None)
            if case["id"].endswith("-en"):
                english.append(case)
        folder = content / "cases" / ("fr" if case["id"].endswith("-fr") else "")
        (folder / f"{case['id']}.md").write_text(case["text"], encoding="utf-8")
        cases.append(case)
    return cases


def write_baseline(content: Path, cases: list[dict]) -> None:
    """The same texts as stock Pelican articles (Markdown with Pelican's own metadata)."""
    folder = content / "articles"
    folder.mkdir(parents=True)
    for case in cases:
        (folder / f"{case['id']}.md").write_text(
            f"Title: {case['title']}\nDate: {case['facts']['date']}\n"
            f"Slug: {case['id']}\n\n{case['body']}\n",
            encoding="utf-8",
        )


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: dict[str, float] = {}  # CPU seconds of each timed step (its processes), load or not


def timed(function, name: str | None = None) -> float:
    """Wall seconds of `function`; the CPU seconds of the processes it ran go in CPU."""
    started, cpu = time.perf_counter(), children_cpu()
    function()
    if name:
        CPU[name] = children_cpu() - cpu
    return time.perf_counter() - started


class TreeMemory:
    """The peak memory of this process's children taken together, sampled ten times a second.

    Each process counts its proportional set size (`Pss` in /proc/PID/smaps_rollup: a page
    shared by forked processes is split between them), so two processes sharing memory are
    not counted twice. Linux only; elsewhere `peak_mb` stays None.
    """

    def __init__(self):
        self.peak_mb: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        if Path("/proc/self/smaps_rollup").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _sample(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.1):
            total = sum(_pss_kb(pid) for pid in _descendants(me))
            self.peak_mb = max(self.peak_mb or 0.0, total / 1024)


def _descendants(root: int) -> list[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def gz(data: bytes) -> int:
    """Bytes on the wire: gzip-compressed, unless the file is compressed already."""
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 9))


def page_weight(output: Path, url: str) -> int:
    """gzip bytes of one page and of the stylesheets and scripts it loads from the site."""
    from bs4 import BeautifulSoup

    html = (output / url.strip("/") / "index.html").read_bytes()
    doc = BeautifulSoup(html, "html.parser")
    assets = [link["href"] for link in doc.select('link[rel="stylesheet"]')]
    assets += [script["src"] for script in doc.select("script[src]")]
    total = gz(html)
    base = (output / url.strip("/")).resolve()
    for asset in assets:
        path = (base / asset).resolve() if not asset.startswith("/") else output / asset[1:]
        if path.is_file():
            total += gz(path.read_bytes())
    return total


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the standard library's name)
        pass


def search_weight(output: Path, query: str) -> dict | None:
    """Bytes one search loads in headless Chromium: index chunks and fragments, and the rest."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(output)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    loaded: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
            )
            tab = browser.new_page()
            tab.on("requestfinished", lambda request: loaded.append(request.url))
            port = httpd.server_address[1]
            tab.goto(f"http://127.0.0.1:{port}/search/?q={query}")
            tab.locator(".pagefind-ui__result-link").first.wait_for(timeout=30_000)
            tab.wait_for_timeout(1500)
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    query_bytes = boot_bytes = 0
    for url in loaded:
        path = url.split("/", 3)[3].split("?")[0]
        if not path.startswith("pagefind/"):
            continue
        size = gz((output / path).read_bytes())
        if "/index/" in path or "/fragment/" in path:  # the main bundle's or a shard's
            query_bytes += size
        else:
            boot_bytes += size
    return {"query_bytes": query_bytes, "search_boot_bytes": boot_bytes}


def tree_size(output: Path) -> tuple[float, int]:
    files = [p for p in output.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6, len(files)


def same_tree(a: Path, b: Path, ignore: tuple[str, ...] = ()) -> bool:
    compare = filecmp.dircmp(a, b, ignore=list(ignore))
    if compare.left_only or compare.right_only or compare.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, compare.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(a / d, b / d, ignore) for d in compare.common_dirs)


def edit_one_case(content: Path, cases: list[dict]) -> str:
    """What a contributor does: fix a title and add a sentence to one case; returns its id."""
    case = cases[len(cases) // 2]
    path = next(content.glob(f"cases/**/{case['id']}.md"))
    text = path.read_text(encoding="utf-8").replace(f'title: "{case["title"]}"', 'title: "Edited"')
    path.write_text(text + "\nOne more sentence from the benchmark's edit.\n", encoding="utf-8")
    return case["id"]


def page_written_after(output: Path, case_id: str, started: float) -> float:
    """Seconds from `started` (time.time()) to the writing of the case's page: when a preview
    serving `output` (invoke serve builds into the folder it serves) shows the edit."""
    page = next(output.glob(f"**/cases/{case_id}/index.html"))
    return round(page.stat().st_mtime - started, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--check-identical",
        action="store_true",
        help="after the edit, build from scratch again and compare the two outputs",
    )
    args = parser.parse_args(argv)
    c = Context()
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        tmp = Path(tmp)
        content, output, cache = tmp / "content", tmp / "output", tmp / "cache"
        shutil.copytree(ROOT / "content" / "pages", content / "pages")
        cases = write_cases(content, args.cases)
        build = partial(build_site, c, content=content, output=output, cache=cache, quiet=True)
        steps = {}
        figures = {"cases": args.cases}
        with TreeMemory() as memory:
            figures["cold_s"] = timed(lambda: steps.update(cold=build()), "cold")
        # the whole build: all its processes at once (where /proc tells), and the largest one
        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        figures["peak_rss_mb"] = max(memory.peak_mb or 0.0, largest)
        figures["peak_largest_process_mb"] = largest
        edited = edit_one_case(content, cases)
        started = time.time()
        figures["one_edit_s"] = timed(lambda: steps.update(one_edit=build()), "one_edit")
        figures["one_edit_page_s"] = page_written_after(output, edited, started)
        figures["no_change_s"] = timed(lambda: steps.update(no_change=build()), "no_change")
        figures["output_mb"], figures["files"] = tree_size(output)
        figures["home_gz_bytes"] = page_weight(output, "/")
        figures["timeline_gz_bytes"] = page_weight(output, "/timeline/")
        case_url = next(p for p in sorted((output / "cases").iterdir()) if p.is_dir())
        figures["case_gz_bytes"] = page_weight(output, f"/cases/{case_url.name}/")
        search = search_weight(output, "refund")
        figures["query_bytes"] = search["query_bytes"] if search else None
        if search:
            figures["search_boot_bytes"] = search["search_boot_bytes"]
        if args.check_identical:
            fresh = tmp / "fresh"
            build_site(c, content=content, output=fresh, cache=tmp / "fresh-cache", quiet=True)
            # Pagefind names its files differently on every run, even over the same pages
            figures["identical_to_cold_build"] = same_tree(output, fresh, ignore=("pagefind",))
            shutil.rmtree(fresh)
        shutil.rmtree(output)

        baseline = tmp / "baseline"
        write_baseline(baseline, cases)
        settings = baseline / "stock.py"
        settings.write_text('PATH = "."\nSITEURL = ""\nTIMEZONE = "UTC"\n', encoding="utf-8")
        stock = [sys.executable, "-m", "pelican", str(baseline), "-o", str(tmp / "stock")]
        figures["baseline_s"] = timed(
            lambda: subprocess.run([*stock, "-s", str(settings), "-q"], check=True, cwd=tmp),
            "baseline",
        )
        figures["ratio"] = figures["cold_s"] / figures["baseline_s"]
        figures["cpu_s"] = {name: round(seconds, 2) for name, seconds in CPU.items()}
        figures["cpu_ratio"] = CPU["cold"] / CPU["baseline"]
        figures["load_average"] = os.getloadavg()[0]
        figures["steps_s"] = {
            step: {name: round(seconds, 2) for name, seconds in parts.items()}
            for step, parts in steps.items()
        }
    for key, value in figures.items():
        shown = f"{value:.2f}" if isinstance(value, float) else value
        print(f"{key:>24}: {shown}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
