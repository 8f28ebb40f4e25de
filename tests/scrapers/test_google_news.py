"""Google News (and other aggregators) read the way a maintainer runs it daily."""

from datetime import UTC, datetime

from casebook.inbox_item import AGGREGATOR_LINK
from scrapers.feeds import parse_feed
from scrapers.urls import publisher_url
from tests.scrapers.google_news import Story, feed, old_token, opaque_token
from tests.scrapers.test_run import read_inbox, run, write_sources

WHEN = datetime(2024, 3, 11, 14, 0, tzinfo=UTC)

ARTICLE = """<!DOCTYPE html><html lang="en"><head>
<title>Airline ends Twitter DM support | Detroit Free Press</title>
<meta property="og:site_name" content="Detroit Free Press">
<meta property="og:description" content="The carrier will answer customers only in its app.">
<meta property="article:published_time" content="2024-03-11T09:00:00-04:00">
<link rel="canonical" href="{base}/story/airline-dm.html">
</head><body><h1>Airline ends Twitter DM support</h1>
<p>The carrier said on Monday that direct messages on X will no longer be answered.</p>
</body></html>"""

OUTLET_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Orange County Register</title><link>{base}/</link>
<item><title>Bank closes branch helpline and moves customers to chat</title>
<link>{base}/2024/03/11/bank-helpline/</link>
<dc:creator><![CDATA[Pat Writer]]></dc:creator>
<pubDate>Mon, 11 Mar 2024 12:00:00 +0000</pubDate>
<description><![CDATA[<p>Customers who call the branch line now hear a message pointing them to
the app's chat, which the bank says answers within minutes.</p>
<p>The post <a href="{base}/2024/03/11/bank-helpline/">Bank closes branch helpline and moves
customers to chat</a> appeared first on <a href="{base}">Orange County Register</a>.</p>]]>
</description></item>
</channel></rss>"""


def stories(base: str) -> list[Story]:
    return [
        Story(
            "Airline ends Twitter DM support",
            "Detroit Free Press",
            "https://www.freep.com",
            old_token(f"{base}/story/airline-dm.html", f"{base}/story/airline-dm.amp.html"),
            WHEN,
        ),
        Story(
            "Sky News viewers complain about broadband helpline queues",
            "Sky News",
            "https://news.sky.com",
            opaque_token("sky-helpline"),
            WHEN,
        ),
        Story(
            "Bank closes branch helpline and moves customers to chat",
            "Orange County Register",
            "https://www.ocregister.com",
            opaque_token("ocr-bank"),
            WHEN,
        ),
    ]


def test_google_news_entries_are_read_as_headline_publisher_and_link():
    parsed = parse_feed(feed("customer service twitter", stories("https://pub.example")))
    assert not parsed.problem
    titles = [e.title for e in parsed.entries]
    assert titles == [
        "Airline ends Twitter DM support",
        "Sky News viewers complain about broadband helpline queues",  # leading name kept
        "Bank closes branch helpline and moves customers to chat",
    ]
    assert [e.publisher for e in parsed.entries] == [
        "Detroit Free Press",
        "Sky News",
        "Orange County Register",
    ]
    # The description only repeats headline and outlet: no summary, so the entry is thin.
    assert all(e.summary is None and e.thin for e in parsed.entries)
    old, opaque, _ = parsed.entries
    assert publisher_url(old.link, old.alternates) == (
        "https://pub.example/story/airline-dm.html",
        "aggregator-token",
    )
    assert publisher_url(opaque.link, opaque.alternates)[1] == "aggregator-link"


def test_description_publisher_used_without_source_element():
    body = feed("q", stories("https://pub.example")[:1]).replace(
        b'<source url="https://www.freep.com">Detroit Free Press</source>', b""
    )
    (entry,) = parse_feed(body).entries
    assert (entry.title, entry.publisher) == (
        "Airline ends Twitter DM support",
        "Detroit Free Press",
    )


def test_a_headline_list_description_is_no_summary():
    item = (
        "<item><title>Helpline news - Example Times</title>"
        "<link>https://news.google.com/rss/articles/X?oc=5</link>"
        '<description>&lt;ol&gt;&lt;li&gt;&lt;a href="https://news.google.com/rss/articles/X"&gt;'
        'Helpline news&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Example Times'
        '&lt;/font&gt;&lt;/li&gt;&lt;li&gt;&lt;a href="https://news.google.com/rss/articles/Y"&gt;'
        "Another take on the helpline&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font&gt;Daily Example"
        "&lt;/font&gt;&lt;/li&gt;&lt;/ol&gt;</description>"
        '<source url="https://times.example">Example Times</source></item>'
    )
    body = f'<rss version="2.0"><channel><title>t</title>{item}</channel></rss>'.encode()
    (entry,) = parse_feed(body).entries
    assert entry.summary is None and entry.title == "Helpline news"


def test_daily_run_over_google_news_and_the_outlets_own_feed(server, tmp_path):
    base = server.base
    server.add("/gnews.xml", body=feed("customer service", stories(base)), etag=True)
    server.add("/story/airline-dm.html", body=ARTICLE.format(base=base).encode())
    server.add("/ocr/feed/", body=OUTLET_FEED.format(base=base).encode(), etag=True)
    sources = write_sources(
        tmp_path / "s.yaml",
        server,
        [
            {"name": "google-news", "path": "/gnews.xml", "publisher": "Google News"},
            {"name": "ocr", "path": "/ocr/feed/", "publisher": "Orange County Register"},
        ],
    )
    assert run(tmp_path, sources) == 0
    items = {i["title"]: i for i in read_inbox(tmp_path / "inbox")}
    assert sorted(items) == [
        "Airline ends Twitter DM support",
        "Bank closes branch helpline and moves customers to chat",
        "Sky News viewers complain about broadband helpline queues",
    ]
    airline = items["Airline ends Twitter DM support"]
    # Old-style link: the publisher's URL, read because the feed had no summary.
    assert airline["url"] == f"{base}/story/airline-dm.html"
    assert airline["publisher"] == "Detroit Free Press" and not airline["flags"]
    assert airline["summary"] == "The carrier will answer customers only in its app."
    assert airline["published"] == "2024-03-11"
    # Opaque link: kept for the reviewer, flagged, never fetched.
    sky = items["Sky News viewers complain about broadband helpline queues"]
    assert sky["flags"] == [AGGREGATOR_LINK] and sky["url"].startswith("https://news.google.com/")
    assert sky["publisher"] == "Sky News"
    # One article in two feeds: one item, the outlet's address and its richer fields,
    # whichever feed finished first; the WordPress footer is gone.
    bank = items["Bank closes branch helpline and moves customers to chat"]
    assert bank["url"] == f"{base}/2024/03/11/bank-helpline/" and not bank["flags"]
    assert bank["author"] == "Pat Writer"
    assert bank["summary"].startswith("Customers who call the branch line")
    assert "appeared first" not in bank["summary"]
    assert bank["publisher"] == "Orange County Register"

    # The next day: nothing new, nothing duplicated, no article read again.
    server.log.clear()
    assert run(tmp_path, sources) == 0
    assert len(read_inbox(tmp_path / "inbox")) == 3
    assert not server.hits("/story/airline-dm.html")


def test_richer_copy_wins_whichever_arrives_first(server, tmp_path):
    base = server.base
    server.add("/gnews.xml", body=feed("bank", stories(base)[2:]))
    server.add("/ocr/feed/", body=OUTLET_FEED.format(base=base).encode())
    entries = [
        {"name": "google-news", "path": "/gnews.xml", "publisher": "Google News"},
        {"name": "ocr", "path": "/ocr/feed/", "publisher": "Orange County Register"},
    ]
    for order in (entries, entries[::-1]):
        folder = tmp_path / order[0]["name"]
        folder.mkdir()
        sources = write_sources(folder / "s.yaml", server, order)
        for entry in order:  # one source after the other, in this order
            assert run(folder, sources, "--only", entry["name"]) == 0
        (bank,) = read_inbox(folder / "inbox")
        assert bank["url"] == f"{base}/2024/03/11/bank-helpline/", order[0]["name"]
        assert bank["author"] == "Pat Writer" and not bank["flags"]
        assert bank["title"] == "Bank closes branch helpline and moves customers to chat"


def test_old_tokens_of_any_length_give_the_publisher_url():
    for length in (30, 104, 127, 128, 300):
        path = "/" + "a" * (length - len("https://pub.example/"))
        url = f"https://pub.example{path}"
        link = f"https://news.google.com/rss/articles/{old_token(url, url + '/amp')}?oc=5"
        assert publisher_url(link, []) == (url, "aggregator-token"), length
    opaque = f"https://news.google.com/rss/articles/{opaque_token('x')}?oc=5"
    assert publisher_url(opaque, []) == (opaque, "aggregator-link")
