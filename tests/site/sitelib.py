"""Helpers shared by the site tests: build a site, read its pages, know what the fixture holds."""

from __future__ import annotations

import contextlib
import functools
import os
import runpy
import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import cache
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from casebook.frontmatter import read
from casebook.record import normalise
from tasks import pagefind_command

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixture_site"
FIXTURE_CONTENT = FIXTURE / "content"
INVALID_CONTENT = FIXTURE / "invalid_content"
SETTINGS = runpy.run_path(str(ROOT / "pelicanconf.py"))
CANONICAL = SETTINGS["CANONICAL_SITEURL"]
SITE_HOST = urlsplit(CANONICAL).netloc
CASE_URL = {"en": "/cases/{id}/", "fr": "/fr/cases/{id}/"}


def run(args: list[str], timeout: int = 120) -> subprocess.CompletedProcess:
    """Run a command from the repository root, offline, capturing its output as text."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def pelican(
    content: Path,
    output: Path,
    settings: str = "pelicanconf.py",
    cache: Path | None = None,
    extra: list[str] = (),
) -> subprocess.CompletedProcess:
    """`invoke build`'s Pelican step, with the project's settings, on another content folder.

    The content cache goes beside the output (`cache`), never into the repository's own.
    """
    cache = cache or output.parent / f"{output.name}-cache"
    return run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-o",
            str(output),
            "-s",
            settings,
            "--cache-path",
            str(cache),
            "--fatal",
            "errors",
            *(["-e", *extra] if extra else []),
        ]
    )


def build_site(content: Path, output: Path) -> Path:
    """Pelican, then the search index, exactly as `invoke build` runs them (with the share
    images a published build draws, so the tests see every page as readers do)."""
    result = pelican(content, output, extra=["TRACKER_SHARE_IMAGES=true"])
    assert result.returncode == 0, result.stdout + result.stderr
    result = run(pagefind_command(output))
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def file_of(output: Path, url: str) -> Path:
    """The file a static host serves for a site URL ('/cases/x/' -> cases/x/index.html)."""
    path = urlsplit(url).path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return output / path


def page(output: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(file_of(output, url).read_text(encoding="utf-8"), "lxml")


def resolve(page_url: str, href: str) -> str:
    """A link as a site path ('/brands/klm/'), whether written relative or root-relative."""
    return urlsplit(urljoin("http://site.test" + page_url, href)).path


def html_files(output: Path) -> list[Path]:
    return sorted(
        p for p in output.rglob("*.html") if "pagefind" not in p.relative_to(output).parts
    )


def url_of(output: Path, path: Path) -> str:
    rel = path.relative_to(output).as_posix()
    return "/" + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)


@dataclass(frozen=True)
class FixtureCase:
    record: dict

    @property
    def id(self) -> str:
        return self.record["id"]

    @property
    def lang(self) -> str:
        return self.record["lang"]

    @property
    def group(self) -> str:
        return self.record.get("translation_of") or self.id

    @property
    def url(self) -> str:
        return CASE_URL[self.lang].format(id=self.id)


@cache
def fixture_cases() -> tuple[FixtureCase, ...]:
    files = sorted((FIXTURE_CONTENT / "cases").rglob("*.md"))
    return tuple(FixtureCase(normalise(read(f).meta)) for f in files)


def case(case_id: str) -> FixtureCase:
    return next(c for c in fixture_cases() if c.id == case_id)


def listing(lang: str) -> list[FixtureCase]:
    """What a reader of `lang` should see: one version per case, newest first."""
    groups: dict[str, dict[str, FixtureCase]] = {}
    for c in fixture_cases():
        groups.setdefault(c.group, {})[c.lang] = c
    shown = [v.get(lang) or next(c for c in v.values() if c.id == c.group) for v in groups.values()]
    return sorted(shown, key=lambda c: (c.record["date"], c.id), reverse=True)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the standard library's name)
        pass


@contextlib.contextmanager
def serve_folder(folder: Path):
    """`folder` served on 127.0.0.1 at a random port while the block runs; gives the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
