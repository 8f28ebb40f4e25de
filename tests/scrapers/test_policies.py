"""The fetcher's policies and the run's helpers, each on its own (no network)."""

import pytest
from urllib3 import HTTPResponse

from casebook.inbox_item import AGGREGATOR_LINK
from scrapers.health import Health
from scrapers.limits import BodyLimitExceeded, LimitedBody
from scrapers.merge import merge, title_key
from scrapers.netguard import address_refusal
from scrapers.retries import make_retry
from scrapers.robots import Rules
from scrapers.runlock import InboxBusy, inbox_lock
from scrapers.text import remove_footers, strip_publisher


def test_robots_rules_follow_rfc_9309():
    rules = Rules.from_text("User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n")
    assert rules.refusal_for("https://a.example/private/x") == "disallowed by robots.txt"
    assert rules.refusal_for("https://a.example/news/x") is None and rules.crawl_delay == 2.0
    assert Rules.from_failure(404, "HTTP 404").refusal_for("https://a.example/private/") is None
    for status in (503, 429, None):
        refusal = Rules.from_failure(status, "gone wrong").refusal_for("https://a.example/")
        assert refusal == "robots.txt unreachable: gone wrong"


def test_addresses_refused_including_mapped_ipv6():
    assert address_refusal(["::ffff:127.0.0.1"], False).startswith("host resolves to a loopback")
    assert address_refusal(["::ffff:10.1.2.3"], True) == (
        "host resolves to a private or reserved address"
    )
    assert address_refusal(["fe80::1%eth0"], True) == "host resolves to a link-local address"
    assert address_refusal(["2606:4700::1111"], False) is None


def _raw(body: bytes, length: bool = True) -> HTTPResponse:
    import io

    headers = {"content-length": str(len(body))} if length else {}
    return HTTPResponse(io.BytesIO(body), headers=headers, status=200, preload_content=False)


def test_body_limits_size_time_and_rewind():
    with pytest.raises(BodyLimitExceeded, match="larger than 10"):
        LimitedBody(_raw(b"x" * 11), 10, 60)  # refused on Content-Length alone
    body = LimitedBody(_raw(b"x" * 11, length=False), 10, 60)
    with pytest.raises(BodyLimitExceeded, match="larger than 10"):
        b"".join(body.stream(4))
    ticks = iter([0.0, 0.0, 5.0, 10.0])
    slow = LimitedBody(_raw(b"y" * 8, length=False), 100, 3, clock=lambda: next(ticks))
    with pytest.raises(BodyLimitExceeded, match="too slow"):
        b"".join(slow.stream(2))
    # Read once, rewound (as an HTTP cache does), read again: counted once each time.
    import io

    again = LimitedBody(_raw(b"z" * 8, length=False), 10, 60)
    assert again.read(decode_content=False) == b"z" * 8
    again._fp = io.BytesIO(b"z" * 8)
    assert b"".join(again.stream(4)) == b"z" * 8


def test_retry_waits_back_off_and_cap_retry_after():
    waits = []
    retry = make_retry(3, 1.0, 5.0, waits.append)
    busy = HTTPResponse(b"", status=503, headers={}, preload_content=True)
    for _ in range(3):
        retry = retry.increment("GET", "/feed", response=busy)
        retry.sleep(busy)
    assert waits == [1.0, 2.0, 4.0]
    capped = make_retry(1, 1.0, 5.0, waits.append)
    slow_down = HTTPResponse(b"", status=429, headers={"Retry-After": "3600"}, preload_content=True)
    capped.increment("GET", "/feed", response=slow_down).sleep(slow_down)
    assert waits[-1] == 5.0  # an hour asked, the cap given
    assert not make_retry(0, 1.0, 5.0, waits.append).is_retry("GET", 404)


def test_publisher_suffix_and_footers():
    assert strip_publisher("Airline ends DMs - Sky News", ["Sky News"]) == (
        "Airline ends DMs",
        "Sky News",
    )
    assert strip_publisher("Sky News: a helpline story", ["Sky News"]) == (
        "Sky News: a helpline story",
        None,
    )
    assert strip_publisher("Pros - and cons", ["Other"])[0] == "Pros - and cons"
    assert strip_publisher("Headline | Le Monde", ["le monde"])[0] == "Headline"
    text = "A bank moved support to chat. The post Bank moves support appeared first on Daily."
    assert remove_footers(text) == "A bank moved support to chat."
    assert remove_footers("Der Beitrag X erschien zuerst auf Y.") is None
    assert remove_footers("Plain summary.") == "Plain summary."


def test_merge_keeps_the_richer_fields():
    aggregator = {
        "id": "g1",
        "url": "https://news.google.com/rss/articles/CBMiX",
        "title": "Bank closes helpline and moves to chat",
        "publisher": "Daily",
        "summary": None,
        "source": "gnews",
        "flags": [AGGREGATOR_LINK],
        "extracted_by": {"url": "aggregator-link"},
    }
    outlet = {
        "id": "o1",
        "url": "https://daily.example/bank",
        "title": "Bank closes helpline and moves to chat",
        "publisher": "Daily",
        "summary": "Longer text from the outlet.",
        "author": "Pat",
        "source": "daily",
        "flags": [],
        "extracted_by": {"url": "feed-link", "summary": "feed", "author": "feed"},
    }
    merged = merge(aggregator, outlet)
    assert merged["id"] == "g1" and merged["url"] == "https://daily.example/bank"
    assert merged["flags"] == [] and merged["author"] == "Pat"
    assert merged["seen_in"] == ["gnews", "daily"]
    assert merged["extracted_by"]["url"] == "feed-link"
    assert merge(merged, aggregator) is None  # the poorer copy adds nothing
    assert title_key("Short title", "Daily") is None  # too short to match on
    assert title_key(outlet["title"], "Daily") == title_key(outlet["title"].upper(), "daily")


def test_health_streaks_reset_on_success(tmp_path):
    health = Health(tmp_path / "h.json")
    for n, error in enumerate(["HTTP 503", None, "HTTP 503", "HTTP 503"]):
        health.record("a", f"2024-03-0{n + 1}", entries=None if error else 4, new=1, error=error)
    assert health.streaks("a") == (2, 0)
    assert health.warnings(["a"], 3) == []
    health.save()
    again = Health(tmp_path / "h.json")
    again.record("a", "2024-03-05", entries=None, new=0, error="timed out")
    (line,) = again.warnings(["a"], 3)
    assert line == ("a: failed 3 runs in a row (last success: 2024-03-02); last error: timed out")
    (tmp_path / "broken.json").write_text("{not json")
    assert Health(tmp_path / "broken.json").sources == {}


def test_second_lock_on_one_inbox_is_refused(tmp_path):
    held = inbox_lock(tmp_path / "inbox", wait=0)
    try:
        with pytest.raises(InboxBusy, match="another 'scrapers run' is writing to"):
            inbox_lock(tmp_path / "inbox", wait=0.1)
        inbox_lock(tmp_path / "other", wait=0).release()  # another inbox is free
    finally:
        held.release()
    inbox_lock(tmp_path / "inbox", wait=0).release()
