"""Project tasks: `invoke --list` shows them all."""

import os
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
PY = sys.executable
OUTPUT = ROOT / "output"


@task
def validate(c):
    """Check every case file against the schema and the vocabularies."""
    c.run(f"{PY} -m casebook validate content/cases")


@task(pre=[validate], help={"publish": "use publishconf.py (absolute URLs for SITEURL)"})
def build(c, publish=False):
    """Build the site into output/ (refuses invalid content), then the search index."""
    settings = "publishconf.py" if publish else "pelicanconf.py"
    c.run(f"{PY} -m pelican content -o {OUTPUT} -s {settings} --fatal errors")
    c.run(f"{PY} -m pagefind --site {OUTPUT} --quiet")


@task(help={"port": "port on localhost (default 8000)"})
def serve(c, port=8000):
    """Build the site, then serve output/ on http://localhost:PORT/."""
    build(c)
    print(f"Serving {OUTPUT} at http://localhost:{port}/ (Ctrl-C to stop)")
    c.run(f"{PY} -m http.server {port} --bind 127.0.0.1 --directory {OUTPUT}", pty=False)


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
def train(c):
    """Rebuild the tagger's model (data/curation/model.json) from data/curation/labelled/."""
    c.run(f"{PY} -m curation.train")


@task(help={"args": "extra arguments, e.g. --mistakes or --no-blind"})
def evaluate(c, args=""):
    """Cross-validated figures of the tagger's model and of the lexicon, then the blind round."""
    c.run(f"{PY} -m curation.evaluate {args}")


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
