"""Feeds in Google News' RSS format, built for tests.

The shape follows what news.google.com/rss/search serves: a channel titled
"QUERY - Google News"; items whose title ends with " - Publisher", whose link
is an article token on news.google.com, whose guid is the token, whose
description is ``<a href=LINK target="_blank">Headline</a>&nbsp;&nbsp;<font
color="#6f6f6f">Publisher</font>`` (HTML escaped) and whose ``<source url=...>``
names the outlet. Older tokens are base64 of a small protobuf-like record that
embeds the publisher's URL (then an AMP URL); newer ones embed an opaque id.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def old_token(url: str, amp: str | None = None) -> str:
    """An older Google News article token: the publisher URL is inside."""
    raw = b"\x08\x13\x22" + _varint(len(url)) + url.encode()
    if amp:
        raw += b"\xd2\x01" + _varint(len(amp)) + amp.encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def opaque_token(seed: str) -> str:
    """A newer token: an opaque id, no URL to recover."""
    ident = ("AU_yqL" + base64.urlsafe_b64encode(seed.encode() * 3).decode()).rstrip("=")
    raw = b"\x08\x13\x22" + _varint(len(ident)) + ident.encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@dataclass
class Story:
    headline: str
    publisher: str
    publisher_home: str
    token: str
    published: datetime


def feed(query: str, stories: list[Story], lang: str = "en-US") -> bytes:
    items = []
    for s in stories:
        link = f"https://news.google.com/rss/articles/{s.token}?oc=5"
        description = (
            f'<a href="{link}" target="_blank">{escape(s.headline, quote=False)}</a>'
            f'&nbsp;&nbsp;<font color="#6f6f6f">{escape(s.publisher, quote=False)}</font>'
        )
        items.append(
            "<item>"
            f"<title>{escape(s.headline + ' - ' + s.publisher, quote=False)}</title>"
            f"<link>{link}</link>"
            f'<guid isPermaLink="false">{s.token}</guid>'
            f"<pubDate>{format_datetime(s.published.astimezone(UTC), usegmt=True)}</pubDate>"
            f"<description>{escape(description, quote=False)}</description>"
            f'<source url="{s.publisher_home}">{escape(s.publisher, quote=False)}</source>'
            "</item>"
        )
    channel = (
        f"<generator>NFE/5.0</generator><title>{escape(query)} - Google News</title>"
        f"<link>https://news.google.com/search?q={query.replace(' ', '+')}&amp;hl={lang}"
        f"&amp;gl=US&amp;ceid=US:en</link><language>{lang}</language>"
        "<webMaster>news-webmaster@google.com</webMaster>"
        "<copyright>2024 Google Inc.</copyright>"
        "<lastBuildDate>Tue, 12 Mar 2024 10:20:00 GMT</lastBuildDate>"
        "<description>Google News</description>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>'
        + channel
        + "".join(items)
        + "</channel></rss>"
    ).encode("utf-8")
