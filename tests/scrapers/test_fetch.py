"""The fetch module against the local server: politeness, safety, retries."""

import time

import pytest

from scrapers import USER_AGENT
from scrapers.fetch import Fetcher, FetchError, Policy, address_refusal

FAST = Policy(min_delay=0, allow_loopback=True, backoff=0.01, max_retry_wait=0.05, retries=2)


def fetcher(policy=FAST, **kwargs):
    waits = []
    return Fetcher(policy, sleep=lambda s: (waits.append(s), time.sleep(s)), **kwargs), waits


def test_user_agent_and_robots_disallow(server):
    ok = server.add("/public.html", body=b"<p>hi</p>")
    blocked = server.add("/private/secret.html", body=b"secret")
    f, _ = fetcher()
    response = f.get(ok)
    assert response.status == 200 and response.body == b"<p>hi</p>"
    with pytest.raises(FetchError, match="robots.txt"):
        f.get(blocked)
    assert not server.hits("/private/secret.html")
    assert len(server.hits("/robots.txt")) == 1  # cached per host
    assert server.hits("/public.html")[0].headers["user-agent"] == USER_AGENT
    assert "complaint-tracker" in USER_AGENT and "+http" in USER_AGENT


def test_robots_unreachable_means_fetch_nothing(server):
    server.add("/robots.txt", status=503)
    page = server.add("/page.html", body=b"x")
    f, _ = fetcher()
    with pytest.raises(FetchError, match="robots.txt unreachable"):
        f.get(page)
    assert not server.hits("/page.html")


def test_missing_robots_allows_everything(server):
    server.add("/robots.txt", status=404)
    page = server.add("/private/page.html", body=b"x")
    f, _ = fetcher()
    assert f.get(page).body == b"x"


def test_rate_limit_per_host_spaces_requests(server):
    urls = [server.add(f"/r{i}", body=b"x") for i in range(4)]
    f, _ = fetcher(Policy(min_delay=0.15, allow_loopback=True))
    for url in urls:
        f.get(url)
    times = [h.at for h in server.log]  # robots.txt is spaced like any request
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    # Server-side arrival jitters under load; unspaced requests would arrive ~1 ms apart.
    assert len(gaps) == 4 and min(gaps) >= 0.1


def test_crawl_delay_wins_when_larger(server):
    server.add("/robots.txt", body=b"User-agent: *\nCrawl-delay: 0.3\n", content_type="text/plain")
    urls = [server.add(f"/c{i}", body=b"x") for i in range(3)]
    f, _ = fetcher(Policy(min_delay=0.05, allow_loopback=True))
    for url in urls:
        f.get(url)
    times = [h.at for h in server.log if h.path.startswith("/c")]
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.2


def test_hosts_are_fetched_concurrently(server):
    # Two origins (127.0.0.1 and localhost) are two hosts: delays do not add up.
    from concurrent.futures import ThreadPoolExecutor

    server.add("/slow", body=b"x", delay=0.4)
    port = server.httpd.server_address[1]
    f, _ = fetcher(Policy(min_delay=0, allow_loopback=True))
    started = time.monotonic()
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(f.get, [server.url("/slow"), f"http://localhost:{port}/slow"]))
    assert time.monotonic() - started < 0.75


def test_retries_then_success_with_backoff(server):
    server.add("/flaky", body=b"ok", failures=2, fail_status=503)
    f, waits = fetcher()
    assert f.get(server.url("/flaky")).body == b"ok"
    assert len(server.hits("/flaky")) == 3
    assert waits == [0.01, 0.02]


def test_429_honours_retry_after_capped(server):
    server.add("/busy", body=b"ok", failures=1, fail_status=429, fail_headers={"Retry-After": "1"})
    f, waits = fetcher(Policy(min_delay=0, allow_loopback=True, retries=1, max_retry_wait=0.2))
    assert f.get(server.url("/busy")).body == b"ok"
    assert waits == [0.2]  # Retry-After: 1 s, capped at max_retry_wait
    f2, waits2 = fetcher(Policy(min_delay=0, allow_loopback=True, retries=1, max_retry_wait=5))
    server.add("/busy2", body=b"ok", failures=1, fail_status=429, fail_headers={"Retry-After": "1"})
    f2.get(server.url("/busy2"))
    assert waits2 == [1.0]
    # An HTTP date in the past means "now".
    server.add(
        "/busy3",
        body=b"ok",
        failures=1,
        fail_status=503,
        fail_headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"},
    )
    f3, waits3 = fetcher(Policy(min_delay=0, allow_loopback=True, retries=1, max_retry_wait=5))
    assert f3.get(server.url("/busy3")).body == b"ok" and sum(waits3) < 0.05


def test_gives_up_on_persistent_500_and_404(server):
    server.add("/down", status=500)
    server.add("/gone", status=404)
    f, _ = fetcher()
    with pytest.raises(FetchError, match="HTTP 500") as caught:
        f.get(server.url("/down"))
    assert caught.value.status == 500 and len(server.hits("/down")) == 3
    with pytest.raises(FetchError, match="HTTP 404"):
        f.get(server.url("/gone"))
    assert len(server.hits("/gone")) == 1  # a 404 is not retried


def test_size_cap_with_and_without_content_length(server):
    big = b"x" * 300_000
    server.add("/big", body=big)
    server.add("/big-stream", body=big, no_length=True)
    f, _ = fetcher(Policy(min_delay=0, allow_loopback=True, max_bytes=100_000))
    for path in ("/big", "/big-stream"):
        with pytest.raises(FetchError, match="larger than 100000"):
            f.get(server.url(path))
    server.add("/small", body=b"y" * 1000, no_length=True)
    assert len(f.get(server.url("/small")).body) == 1000


def test_slow_server_times_out(server):
    server.add("/slow", body=b"x", delay=1.0)
    server.add("/trickle", body=b"y" * 400, trickle=0.05)
    policy = Policy(min_delay=0, allow_loopback=True, read_timeout=0.3, retries=0)
    f, _ = fetcher(policy)
    with pytest.raises(FetchError, match="timed out"):
        f.get(server.url("/slow"))
    f2, _ = fetcher(Policy(min_delay=0, allow_loopback=True, total_timeout=0.3, retries=0))
    with pytest.raises(FetchError, match="too slow"):
        f2.get(server.url("/trickle"))


def test_redirects_followed_loops_and_limits(server):
    server.add("/target", body=b"here")
    server.add("/hop", status=302, headers={"Location": "/target"})
    server.add("/loop-a", status=301, headers={"Location": "/loop-b"})
    server.add("/loop-b", status=301, headers={"Location": "/loop-a"})
    for i in range(8):
        server.add(f"/chain{i}", status=302, headers={"Location": f"/chain{i + 1}"})
    server.add("/to-private", status=302, headers={"Location": "/private/x"})
    server.add("/to-ftp", status=302, headers={"Location": "ftp://example.org/x"})
    f, _ = fetcher()
    response = f.get(server.url("/hop"))
    assert response.body == b"here" and response.final_url == server.url("/target")
    with pytest.raises(FetchError, match="redirect loop"):
        f.get(server.url("/loop-a"))
    with pytest.raises(FetchError, match="more than 5 redirects"):
        f.get(server.url("/chain0"))
    with pytest.raises(FetchError, match="robots.txt"):
        f.get(server.url("/to-private"))
    with pytest.raises(FetchError, match="not an http"):
        f.get(server.url("/to-ftp"))


def test_only_http_and_no_private_addresses(server):
    f, _ = fetcher(Policy(min_delay=0))
    with pytest.raises(FetchError, match="loopback"):
        f.get(server.url("/anything"))
    with pytest.raises(FetchError, match="not an http"):
        f.get("file:///etc/passwd")
    assert not server.log
    private = Fetcher(Policy(min_delay=0, allow_loopback=True), resolve=lambda h, p: ["10.0.0.7"])
    with pytest.raises(FetchError, match="private"):
        private.get("http://intranet.example/")
    assert address_refusal(["169.254.169.254"], True) == "host resolves to a link-local address"
    assert address_refusal(["192.168.1.1"], True) is not None
    assert address_refusal(["::1"], False) is not None and address_refusal(["::1"], True) is None
    assert address_refusal(["93.184.216.34"], False) is None


def test_conditional_requests_through_the_http_cache(server, tmp_path):
    server.add(
        "/feed.xml",
        body=b"<rss/>",
        etag=True,
        headers={"Last-Modified": "Mon, 02 Mar 2020 10:00:00 GMT"},
    )
    server.add("/plain.xml", body=b"<rss/>")  # no validators: nothing to ask conditionally
    cache = tmp_path / "state" / "http-cache.sqlite"
    f, _ = fetcher(cache_path=cache)
    first = f.get(server.url("/feed.xml"))
    assert first.status == 200 and not first.not_modified
    f.get(server.url("/plain.xml"))
    # A later run (a new fetcher on the same cache file) asks conditionally.
    again, _ = fetcher(cache_path=cache)
    second = again.get(server.url("/feed.xml"))
    assert second.not_modified and second.revalidated and second.body == b"<rss/>"
    hit = server.hits("/feed.xml")[-1]
    assert hit.headers["if-none-match"] and hit.status == 304
    assert hit.headers["if-modified-since"] == "Mon, 02 Mar 2020 10:00:00 GMT"
    plain = again.get(server.url("/plain.xml"))
    assert not plain.not_modified and "if-none-match" not in server.hits("/plain.xml")[-1].headers


def test_pages_read_once_stay_out_of_the_cache(server, tmp_path):
    server.add("/article.html", body=b"<p>x</p>", etag=True)
    cache = tmp_path / "c.sqlite"
    f, _ = fetcher(cache_path=cache)
    f.get(server.url("/article.html"), cache=False)
    again, _ = fetcher(cache_path=cache)
    assert not again.get(server.url("/article.html"), cache=False).not_modified
    assert [h.status for h in server.hits("/article.html")] == [200, 200]
    assert "if-none-match" not in server.hits("/article.html")[-1].headers


def test_a_cacheable_body_is_counted_once_against_the_cap(server, tmp_path):
    body = b"z" * 70_000  # read once to cache it, rewound, read again by requests
    server.add("/cached.xml", body=body, etag=True, no_length=True)
    policy = Policy(min_delay=0, allow_loopback=True, max_bytes=100_000)
    f, _ = fetcher(policy, cache_path=tmp_path / "c.sqlite")
    assert f.get(server.url("/cached.xml")).body == body


def test_address_checked_at_connect_time_too(server):
    # The name check passes (a public address), the socket then reaches loopback:
    # what a DNS answer changing between check and connection would do.
    f = Fetcher(Policy(min_delay=0, retries=0), resolve=lambda h, p: ["93.184.216.34"])
    with pytest.raises(FetchError, match="at connect time: 127.0.0.1"):
        f.get(server.url("/anything"))
    assert not server.log


def test_host_clock_waits_exactly_the_remaining_delay_per_host():
    from scrapers.fetch import HostClock

    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 6))
        now[0] += seconds

    clock = HostClock(sleep, lambda: now[0])
    clock.wait_turn("a.example", 1.0)  # first request to a host: no wait
    now[0] += 0.25
    clock.wait_turn("a.example", 1.0)  # 0.25 s later: waits the remaining 0.75 s
    clock.wait_turn("b.example", 1.0)  # another host: no wait
    now[0] += 2.0
    clock.wait_turn("a.example", 1.0)  # long after: no wait
    assert slept == [0.75]
