"""`python -m curation.archive` against a local fake of the Wayback availability API."""

from __future__ import annotations

import io
import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from casebook import vocabulary
from casebook.validate import check_files
from curation import archive
from scrapers.fetch import Fetcher, Policy

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "content" / "cases" / "ba-promoted-tweet-complaint-hasan-syed.md"
KNOWN = "http://business.time.com/2013/09/03/man-spends-more-than-1000-to-call-out-british-airways-on-twitter/"


class Fake:
    """Answers the availability API for one URL; every other URL has no snapshot."""

    def __init__(self):
        self.queries: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                parts = urlsplit(self.path)
                if parts.path == "/wayback/available":
                    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                    fake.queries.append(query)
                    closest = (
                        {
                            "available": True,
                            "status": "200",
                            "timestamp": "20130904000000",
                            "url": f"http://web.archive.org/web/20130904000000/{query['url']}",
                        }
                        if query["url"] == KNOWN
                        else None
                    )
                    body = json.dumps(
                        {"archived_snapshots": {"closest": closest} if closest else {}}
                    )
                    self.answer(200, body.encode(), "application/json")
                elif parts.path == "/alive":
                    self.answer(200, b"<p>still here</p>", "text/html")
                else:
                    self.answer(404, b"gone", "text/plain")

            def answer(self, status, body, kind):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_port}"


@pytest.fixture
def fake():
    server = Fake()
    yield server
    server.server.shutdown()


def fetcher() -> Fetcher:
    return Fetcher(Policy(min_delay=0, allow_loopback=True, retries=0))


def test_archive_writes_the_closest_snapshot_and_keeps_the_layout(tmp_path, fake):
    shutil.copytree(CASE.parent, tmp_path / "cases")
    case = tmp_path / "cases" / CASE.name
    before = case.read_text()
    out = io.StringIO()

    updated = archive.archive([case], fetcher(), fake.base + "/wayback/available", None, out)

    after = case.read_text()
    assert updated == 1
    snapshot = f"https://web.archive.org/web/20130904000000/{KNOWN}"
    assert f"    archived: {snapshot}\n" in after
    # Only that one line was added; everything else is byte for byte the author's.
    assert after.replace(f"    archived: {snapshot}\n", "") == before
    # Asked for the copy nearest the source's publication date.
    assert {"url": KNOWN, "timestamp": "20130903"} in fake.queries
    # Sources without a snapshot say so, with their file and line.
    assert f"{case}:" in out.getvalue() and "no archived copy found" in out.getvalue()
    _, problems = check_files(sorted((tmp_path / "cases").rglob("*.md")), vocabulary.load())
    assert problems == []
    # A second run asks nothing for the source that now has its copy.
    fake.queries.clear()
    assert archive.archive([case], fetcher(), fake.base + "/wayback/available", None, out) == 0
    assert all(q["url"] != KNOWN for q in fake.queries)


def test_link_rot_check_lists_sources_that_no_longer_answer(tmp_path, fake):
    case = tmp_path / "case.md"
    text = CASE.read_text()
    text = text.replace(KNOWN, fake.base + "/alive", 1)
    second = [s.url for s in archive.sources_of([CASE])][1]
    text = text.replace(second, fake.base + "/gone", 1)
    case.write_text(text)
    out = io.StringIO()
    # Only the loopback sources are checked: the others would need the network.
    local = [s for s in archive.sources_of([case]) if s.url.startswith(fake.base)]
    assert len(local) == 2

    class Only:
        def __init__(self, inner):
            self.inner = inner

        def get(self, url):
            if not url.startswith(fake.base):
                raise archive.FetchError("not checked in this test", url)
            return self.inner.get(url)

    archive.check_links([case], Only(fetcher()), out)

    lines = [line for line in out.getvalue().splitlines() if "HTTP" in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"{case}:") and "sources[1].url" in lines[0]
    assert "HTTP 404" in lines[0]


def test_an_archived_case_file_keeps_its_mode(tmp_path, fake):
    shutil.copytree(CASE.parent, tmp_path / "cases")
    case = tmp_path / "cases" / CASE.name
    case.chmod(0o644)
    archive.archive([case], fetcher(), fake.base + "/wayback/available", None, io.StringIO())
    assert case.stat().st_mode & 0o777 == 0o644
