"""Turn date strings found in pages, feeds and URLs into ``YYYY-MM-DD``."""

from __future__ import annotations

import re
import time
from datetime import date

_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-([01]?\d)-([0-3]?\d)(?!\d)")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)([01]\d)([0-3]\d)(?:T|\b)")
_DMY = re.compile(r"(?<!\d)([0-3]?\d)[./-]([01]?\d)[./-]((?:19|20)\d\d)(?!\d)")
_YMD_SLASH = re.compile(r"(?<!\d)((?:19|20)\d\d)[/.]([01]?\d)[/.]([0-3]?\d)(?!\d)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "janv", "janvier"),
            ("feb", "february", "fév", "fevr", "févr", "février", "fevrier"),
            ("mar", "march", "mars"),
            ("apr", "april", "avr", "avril"),
            ("may", "mai"),
            ("jun", "june", "juin"),
            ("jul", "july", "juil", "juillet"),
            ("aug", "august", "aoû", "aout", "août"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "december", "déc", "décembre", "decembre"),
        ],
        start=1,
    )
    for name in names
}
_WORD_DMY = re.compile(
    r"(?<!\d)([0-3]?\d)(?:er|st|nd|rd|th)?\.?\s+([^\W\d_]{3,9})\.?,?\s+((?:19|20)\d\d)"
)
_WORD_MDY = re.compile(r"([^\W\d_]{3,9})\.?\s+([0-3]?\d)(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)")
# Dated URL paths: /2020/06/07/ or /2020-06-07- or /20200607/
_URL_YMD = re.compile(r"/((?:19|20)\d\d)[/_-]([01]\d)[/_-]([0-3]\d)(?:[/_.-]|$)")
_URL_COMPACT = re.compile(r"[/_-]((?:19|20)\d\d)([01]\d)([0-3]\d)(?:[/_.-]|$)")


def _make(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:
        return None
    if value.year < 1995 or value > date.fromtimestamp(time.time() + 86400 * 2):
        return None
    return value.isoformat()


def parse_date(text: str | None) -> str | None:
    """A ``YYYY-MM-DD`` date from a machine- or human-written date string."""
    if not text:
        return None
    text = text.strip()
    for pattern, order in ((_ISO, "ymd"), (_YMD_SLASH, "ymd"), (_DMY, "dmy"), (_COMPACT, "ymd")):
        match = pattern.search(text)
        if match:
            parts = dict(zip(order, match.groups(), strict=True))
            found = _make(parts["y"], parts["m"], parts["d"])
            if found:
                return found
    match = _WORD_DMY.search(text)
    if match and match.group(2).casefold() in _MONTHS:
        return _make(match.group(3), _MONTHS[match.group(2).casefold()], match.group(1))
    match = _WORD_MDY.search(text)
    if match and match.group(1).casefold() in _MONTHS:
        return _make(match.group(3), _MONTHS[match.group(1).casefold()], match.group(2))
    return None


def date_from_struct(value: time.struct_time | None) -> str | None:
    """feedparser's parsed dates are UTC struct_time."""
    if not value:
        return None
    return _make(value.tm_year, value.tm_mon, value.tm_mday)


def date_from_url(url: str) -> str | None:
    """A date written in a URL path (``/2020/06/07/``), if any."""
    for pattern in (_URL_YMD, _URL_COMPACT):
        match = pattern.search(url)
        if match:
            return _make(*match.groups())
    return None
