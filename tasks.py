"""Project tasks: `invoke --list` shows them all."""

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
PY = sys.executable
OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
# what `invoke serve` watches
WATCHED = [ROOT / "content", ROOT / "theme", ROOT / "plugins", ROOT / "data" / "vocab"]


def pelican_command(content, output, settings, cache, quiet=False) -> list[str]:
    """Pelican on `content`: it checks every case (the validator's lines, exit 1 on any)."""
    command = [PY, "-m", "pelican", str(content), "-o", str(output), "-s", str(ROOT / settings)]
    command += ["--cache-path", str(cache), "--fatal", "errors"]
    return command + (["-q"] if quiet else [])


def pagefind_command(output) -> list[str]:
    # Only case pages carry searchable text (data-pagefind-body): the rest is not read.
    return [PY, "-m", "pagefind", "--site", str(output), "--glob", "{cases,fr/cases}/**/*.html"]


def build_site(
    c, content=ROOT / "content", output=OUTPUT, settings="pelicanconf.py", cache=CACHE, quiet=False
) -> dict:
    """The build `invoke build`, `invoke serve` and `invoke bench` run; seconds per step.

    Pelican reads each case once and checks it with the validator (same lines as
    `invoke validate`, nothing built on any problem); then Pagefind indexes the case pages.
    """
    steps = {}
    started = time.perf_counter()
    c.run(
        " ".join(pelican_command(content, output, settings, cache, quiet)),
        hide="out" if quiet else None,
    )
    steps["site_s"] = time.perf_counter() - started
    started = time.perf_counter()
    if not search_index_is_current(output):
        c.run(shlex.join([*pagefind_command(output), "--quiet"]), hide="out" if quiet else None)
        search_index_is_current(output, mark=True)
    steps["search_s"] = time.perf_counter() - started
    return steps


def search_index_is_current(output, mark=False) -> bool:
    """Whether Pagefind already indexed exactly these pages (a development build's manifest
    says what every page was built from); with `mark`, record that it just did."""
    manifest = Path(output) / ".tracker-manifest.json"
    stamp_file = Path(output) / "pagefind" / ".tracker-indexed"
    if not manifest.exists():
        return False  # a published build: always indexed
    stamp = hashlib.sha1(manifest.read_bytes()).hexdigest()
    if mark:
        stamp_file.write_text(stamp, encoding="utf-8")
        return True
    return stamp_file.exists() and stamp_file.read_text(encoding="utf-8") == stamp


@task
def validate(c):
    """Check every case file against the schema and the vocabularies."""
    c.run(f"{PY} -m casebook validate content/cases")


@task(help={"publish": "use publishconf.py (absolute URLs for SITEURL)"})
def build(c, publish=False):
    """Build the site into output/ (refuses invalid content), then the search index."""
    build_site(c, settings="publishconf.py" if publish else "pelicanconf.py")


@task(help={"port": "port on localhost (default 8000)"})
def serve(c, port=8000):
    """Build, serve output/ on http://localhost:PORT/, rebuild on every change (Ctrl-C stops)."""
    from plugins.tracker.preview import serve as preview

    sys.exit(
        preview(
            port=int(port),
            watched=WATCHED,
            build_command=pelican_command(ROOT / "content", OUTPUT, "pelicanconf.py", CACHE),
            index_command=pagefind_command(OUTPUT),
            output=OUTPUT,
        )
    )


@task
def publish(c):
    """Build with publishing settings (set SITEURL in the environment)."""
    build(c, publish=True)


@task(name="new-case", help={"title": "the case title", "lang": "en or fr"})
def new_case(c, title, lang="en"):
    """Scaffold a valid case file from a title."""
    c.run(f'{PY} -m casebook new-case "{title}" --lang {lang}')


@task(help={"args": "extra arguments for `python -m scrapers run`"})
def scrape(c, args=""):
    """Gather news items into data/inbox/ from data/sources.yaml."""
    c.run(f"{PY} -m scrapers run {args}", pty=sys.stdout.isatty())


@task(help={"args": "extra arguments for `python -m curation review`"})
def review(c, args=""):
    """Review pending clusters of inbox items into cases."""
    c.run(f"{PY} -m curation review {args}", pty=sys.stdout.isatty())


@task
def evaluate(c):
    """Precision, recall and F1 of the curation tagger on the labelled set."""
    c.run(f"{PY} -m curation evaluate")


@task(name="evaluate-extraction")
def evaluate_extraction(c):
    """Date and metadata extraction quality and speed on ../shared/fixtures/pages."""
    c.run(f"{PY} benchmarks/extraction.py")


@task(name="test-tools")
def test_tools(c):
    """Install what the tests drive: Debian's Chromium and a Java runtime for the HTML checker."""
    missing = [
        pkg
        for cmd, pkg in (("chromium", "chromium"), ("java", "default-jre-headless"))
        if not shutil.which(cmd)
    ]
    if not missing:
        return
    sudo = "" if os.geteuid() == 0 else "sudo "
    c.run(f"{sudo}apt-get update -qq && {sudo}apt-get install -y -qq {' '.join(missing)}")


@task(pre=[test_tools])
def test(c):
    """Lint, format check and the whole test suite."""
    c.run(f"{PY} -m ruff check .")
    c.run(f"{PY} -m ruff format --check .")
    c.run(f"{PY} -m pytest")


@task(
    help={
        "cases": "how many synthetic cases to build (default 1000)",
        "json": "also write the figures to this JSON file",
    }
)
def bench(c, cases=1000, json=""):
    """Build N synthetic cases like `invoke build` and stock Pelican; print the figures."""
    args = [PY, str(ROOT / "benchmarks" / "site_build.py"), "--cases", str(int(cases))]
    if json:
        args += ["--json", str(Path(json).resolve())]
    sys.exit(subprocess.run(args, cwd=ROOT, check=False).returncode)
