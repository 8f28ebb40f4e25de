"""A run killed mid-way leaves valid files; ``extract`` prints one line per input."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.scrapers.test_run import FAST, read_inbox, write_sources

REPO = Path(__file__).resolve().parents[2]


def thin_feed(server, name: str, count: int) -> None:
    link = server.url(f"/{name}/a")
    items = "".join(
        f"<item><title>{name} story {n}</title><link>{link}{n}.html</link></item>"
        for n in range(count)
    )
    body = f'<rss version="2.0"><channel><title>{name}</title>{items}</channel></rss>'
    server.add(f"/{name}.xml", body=body.encode(), etag=True, content_type="application/rss+xml")
    for n in range(count):
        page = f"<html lang='en'><title>{name} {n}</title><body><p>Text {n}</p></body></html>"
        server.add(f"/{name}/a{n}.html", body=page.encode(), delay=0.25)


def scrapers_run(tmp_path, sources) -> subprocess.Popen:
    argv = [sys.executable, "-m", "scrapers", "run", "--sources", str(sources)]
    argv += ["--inbox", str(tmp_path / "inbox"), "--state", str(tmp_path / "state"), *FAST]
    return subprocess.Popen(argv, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_killed_run_leaves_valid_jsonl_and_resumes(server, tmp_path):
    thin_feed(server, "quick", 1)
    thin_feed(server, "slow", 8)
    sources = write_sources(
        tmp_path / "s.yaml",
        server,
        [{"name": "quick", "path": "/quick.xml"}, {"name": "slow", "path": "/slow.xml"}],
    )
    process = scrapers_run(tmp_path, sources)
    deadline = time.monotonic() + 20
    while not list((tmp_path / "inbox").glob("*.jsonl")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # now inside the slow source's article fetches
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    items = read_inbox(tmp_path / "inbox")  # raises if any line is not valid JSON
    assert 1 <= len(items) < 9
    assert not list((tmp_path / "inbox").glob(".*.tmp"))

    finished = scrapers_run(tmp_path, sources)
    out, err = finished.communicate(timeout=30)
    assert finished.returncode == 0, err.decode()
    items = read_inbox(tmp_path / "inbox")
    assert len(items) == 9 and len({i["id"] for i in items}) == 9


def run_extract(*args) -> list[dict]:
    argv = [sys.executable, "-m", "scrapers", "extract", *args]
    result = subprocess.run(argv, cwd=REPO, capture_output=True, timeout=30, check=True)
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_extract_files_urls_and_errors(server, tmp_path):
    fixtures = Path(__file__).parent / "fixtures"
    server.add_file("/articles/rail-whatsapp.html", "article_en.html")
    server.add("/private/hidden.html", body=b"<title>x</title>")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    out = run_extract(
        str(fixtures / "article_fr_wrong_charset.html"),
        server.url("/articles/rail-whatsapp.html?utm_source=x"),
        str(tmp_path / "missing.html"),
        str(empty),
        server.url("/private/hidden.html"),
        "--allow-loopback",
        "--delay",
        "0",
    )
    assert [o["input"] for o in out][:2] == [
        str(fixtures / "article_fr_wrong_charset.html"),
        server.url("/articles/rail-whatsapp.html?utm_source=x"),
    ]
    fr, en, missing, blank, hidden = out
    assert fr["lang"] == "fr" and fr["published"] == "2020-03-02"
    assert fr["title"].startswith("Air Exemple quitte Twitter")
    assert en["canonical_url"] == server.url("/articles/rail-whatsapp.html")
    assert (en["published"], en["modified"]) == ("2020-02-20", "2020-02-21")
    assert (en["publisher"], en["author"]) == ("Transport Weekly", "Sam Writer")
    for key in ("url", "description"):
        assert en[key]
    assert "error" in missing and "error" in blank
    assert hidden["error"] == "disallowed by robots.txt"
    assert not server.hits("/private/hidden.html")
