"""Runs nobody watches: a lock per inbox, source health, clear reasons in plain logs."""

import json
import subprocess
import sys
import time

from tests.scrapers.test_interrupt_and_extract import REPO, thin_feed
from tests.scrapers.test_run import FAST, read_inbox, run, write_sources


def scrapers_run(tmp_path, sources, *extra) -> subprocess.Popen:
    argv = [sys.executable, "-m", "scrapers", "run", "--sources", str(sources)]
    argv += ["--inbox", str(tmp_path / "inbox"), "--state", str(tmp_path / "state"), *FAST]
    return subprocess.Popen(
        [*argv, *extra], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def test_two_overlapping_runs_store_each_item_once(server, tmp_path):
    thin_feed(server, "slow", 6)  # 6 article pages of 0.25 s each
    sources = write_sources(tmp_path / "s.yaml", server, [{"name": "slow", "path": "/slow.xml"}])
    first = scrapers_run(tmp_path, sources)
    time.sleep(0.6)  # the first run holds the lock and is reading articles
    impatient = scrapers_run(tmp_path, sources, "--lock-wait", "0")
    out, err = impatient.communicate(timeout=30)
    assert impatient.returncode == 3
    assert "another 'scrapers run' is writing to" in err.decode()
    patient = scrapers_run(tmp_path, sources, "--lock-wait", "30")
    for process in (first, patient):
        _out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err.decode()
    lines = [
        line
        for path in (tmp_path / "inbox").glob("*.jsonl")
        for line in path.read_text().splitlines()
    ]
    assert len(lines) == 6 and len({json.loads(line)["id"] for line in lines}) == 6


def test_health_record_and_warning_after_repeated_failures(server, tmp_path, capsys):
    server.add("/down.xml", status=503)
    server.add(
        "/empty-feed.xml", body=b'<rss version="2.0"><channel><title>t</title></channel></rss>'
    )
    thin_feed(server, "fine", 1)
    sources = write_sources(
        tmp_path / "s.yaml",
        server,
        [
            {"name": "down", "path": "/down.xml"},
            {"name": "quiet", "path": "/empty-feed.xml"},
            {"name": "fine", "path": "/fine.xml"},
        ],
    )
    for number in range(1, 4):
        assert run(tmp_path, sources, "--warn-after", "3") == 1
        out = capsys.readouterr().out
        warned = [line for line in out.splitlines() if line.startswith("WARNING:")]
        if number < 3:
            assert warned == []
    assert len(warned) == 2
    assert "down: failed 3 runs in a row (last success: never); last error: HTTP 503" in warned[0]
    assert "quiet: listed no entries 3 runs in a row" in warned[1]
    health = json.loads((tmp_path / "state" / "source-health.json").read_text())["sources"]
    assert [r["new"] for r in health["fine"]["runs"]] == [1, 0, 0]
    assert health["fine"]["last_success"] and "last_error" not in health["fine"]
    assert health["down"]["last_error"] == "HTTP 503" and "last_success" not in health["down"]
    assert [r["entries"] for r in health["quiet"]["runs"]] == [0, 0, 0]


def test_empty_and_html_responses_are_named_once(server, tmp_path, capsys):
    server.add("/empty.xml", body=b"", content_type="application/rss+xml")
    challenge = (
        b"<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
        b"<body><p>Checking your browser before accessing the site.</p></body></html>"
    )
    server.add("/challenge.xml", body=challenge, content_type="text/html; charset=UTF-8")
    sources = write_sources(
        tmp_path / "s.yaml",
        server,
        [{"name": "empty", "path": "/empty.xml"}, {"name": "challenge", "path": "/challenge.xml"}],
    )
    assert run(tmp_path, sources) == 1
    out = capsys.readouterr().out
    empty = [line for line in out.splitlines() if line.startswith("empty: ")]
    html = [line for line in out.splitlines() if line.startswith("challenge: ")]
    assert empty[1:] == [
        "empty: ERROR: empty response: the server sent no feed (HTTP 200 with no body)"
    ]
    assert len(html) == 2 and "got an HTML page titled 'Just a moment...', not a feed" in html[1]
    assert "SAX" not in out
    assert read_inbox(tmp_path / "inbox") == []


def test_plain_summary_is_not_cut_to_80_columns(server, tmp_path):
    long_name = "a-source-with-a-rather-long-name-that-explains-itself"
    server.add("/private/x.xml", body=b"<rss/>")
    sources = write_sources(
        tmp_path / "s.yaml", server, [{"name": long_name, "path": "/private/x.xml"}]
    )
    process = scrapers_run(tmp_path, sources)
    out, _err = process.communicate(timeout=30)
    lines = out.decode().splitlines()
    error = next(line for line in lines if "ERROR" in line)
    assert error.startswith(f"{long_name}: ERROR: skipped: robots.txt of 127.0.0.1 disallows")
    assert len(error) > 120 and "\x1b[" not in out.decode()  # one line, no colour codes


def test_terminal_table_shows_scraped_text_literally():
    from rich.console import Console

    from scrapers.cli import summary_table
    from scrapers.collect import SourceReport

    console = Console(width=200, record=True, force_terminal=True)
    title = "got an HTML page titled '[/] [red]Sale[/red]', not a feed"
    console.print(summary_table([SourceReport("shop", error=title)]))
    assert "ERROR: got an HTML page titled '[/] [red]Sale[/red]'" in console.export_text()
