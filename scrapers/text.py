"""Decode bytes and clean text: charsets, entities, whitespace, mojibake."""

from __future__ import annotations

import codecs
import html
import re

from charset_normalizer import from_bytes

# A declaration may be written by a buggy server as b'cp1252' (Python bytes repr).
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*(?:b["'])?([A-Za-z0-9_.:-]+)""", re.I
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["'](?:b["'])?([A-Za-z0-9_.:-]+)""", re.I)
# Python codecs that are not a page's character set, or that cannot decode one.
_NOT_CHARSETS = {"undefined", "unicode_escape", "raw_unicode_escape", "punycode", "idna", "mbcs"}
_SPACES = re.compile(r"\s+")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# Characters that UTF-8 text shows when it was decoded as Latin-1/cp1252 once too often.
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d]")


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?(?:b[\"'])?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return match.group(1) if match else None


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def detect_encoding(data: bytes, declared: str | None = None) -> str:
    """Pick the encoding of an HTML/XML document.

    Valid UTF-8 wins over any declaration: pages that declare Latin-1 but send
    UTF-8 are common, while Latin-1 text with accents is almost never valid UTF-8.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    for candidate in (
        declared,
        *(m.decode("ascii", "ignore") for m in _META_CHARSET.findall(head)[:1]),
        *(m.decode("ascii", "ignore") for m in _XML_ENCODING.findall(head)[:1]),
    ):
        name = _known(candidate)
        if name and name not in ("utf-8", "utf-16", "utf-32"):
            # Browsers read "latin-1" pages as cp1252; so do we.
            return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name
    best = from_bytes(data[:65536]).best()
    return best.encoding if best else "cp1252"


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to text with :func:`detect_encoding`; undecodable bytes replaced."""
    try:
        return data.decode(detect_encoding(data, declared), errors="replace")
    except (LookupError, UnicodeError, ValueError):  # a codec that fails on its own terms
        return data.decode("cp1252", errors="replace")


def _fix_run(match: re.Match[str]) -> str:
    run = match.group(0)
    for codec in ("cp1252", "latin-1"):
        try:
            return run.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return run


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252/Latin-1 (``Ã©`` → ``é``).

    Each run of non-ASCII characters is re-decoded on its own, and only when the
    result is valid UTF-8, so genuine accented text is never touched.
    """
    if not _MOJIBAKE.search(text):
        return text
    return _NON_ASCII_RUN.sub(_fix_run, text)


def clean(text: str | None) -> str | None:
    """Unescape entities, fix mojibake, collapse whitespace; None when empty."""
    if text is None:
        return None
    text = fix_mojibake(html.unescape(text)).replace("\u00ad", "")
    text = _SPACES.sub(" ", text).strip()
    return text or None


# Footers that blog engines and feed services append to every summary; the
# pattern is the sentence the software writes, in the languages WordPress ships.
_FOOTERS = [
    re.compile(p, re.I | re.S)
    for p in (
        r"\bThe post\b.{1,300}?\bappeared first on\b.{1,200}?(?:\.|$)",
        r"\bL[’']article\b.{1,300}?\best apparu en premier sur\b.{1,200}?(?:\.|$)",
        r"\bLe post\b.{1,300}?\best apparu en premier sur\b.{1,200}?(?:\.|$)",
        r"\bDer Beitrag\b.{1,300}?\berschien zuerst auf\b.{1,200}?(?:\.|$)",
        r"\bLa entrada\b.{1,300}?\bse publicó primero en\b.{1,200}?(?:\.|$)",
        r"\bEl post\b.{1,300}?\bapareció primero en\b.{1,200}?(?:\.|$)",
        r"\bL[’']articolo\b.{1,300}?\bsembra essere il primo su\b.{1,200}?(?:\.|$)",
        r"\bO post\b.{1,300}?\bapareceu primeiro em\b.{1,200}?(?:\.|$)",
        r"\bHet bericht\b.{1,300}?\bverscheen eerst op\b.{1,200}?(?:\.|$)",
        r"\bThis (?:article|story|post) (?:was )?(?:originally )?(?:appeared|published) "
        r"(?:first )?on\b.{1,200}?(?:\.|$)",
        r"(?:\[(?:…|\.\.\.|&hellip;)\]|\b(?:Continue reading|Read more|Lire la suite|"
        r"Weiterlesen|Leer más)\b[^.]{0,80})\s*$",
    )
]


def remove_footers(text: str | None) -> str | None:
    """A feed summary without the publishing software's footer; None when nothing is left."""
    if not text:
        return text
    for pattern in _FOOTERS:
        text = pattern.sub(" ", text)
    return clean(text) if re.sub(r"[\s.\u2026]+", "", text) else None


_SUFFIX_SEPARATORS = (" - ", " – ", " — ", " | ", " · ", " :: ")


def strip_publisher(title: str | None, publishers) -> tuple[str | None, str | None]:
    """(title without a trailing `` - Publisher``, the publisher removed or None).

    Aggregators and many outlets end headlines with the outlet's name; it is
    removed only when it is one of the ``publishers`` given, so a headline
    that merely contains a dash keeps it.
    """
    if not title:
        return title, None
    names = {p.casefold().strip(): p for p in publishers if p and p.strip()}
    for separator in _SUFFIX_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and tail.casefold().strip() in names:
            return head.strip(), tail.strip()
    return title, None
