"""Metadata and main text of an article page (pure: bytes in, fields out).

Parsed with lxml directly: BeautifulSoup over lxml costs ~30 ms a page, more
than the whole speed budget, and every lookup here is a simple XPath.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from htmldate import find_date
from lxml import etree

from scrapers import text as textutil
from scrapers.dates import date_from_url, parse_date
from scrapers.languages import detect_language, normalize_lang
from scrapers.urls import host_of, is_http_url

_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportage", "report", "posting")
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "publishdate",
    "publish_date",
    "publish-date",
    "pubdate",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "date",
    "og:pubdate",
    "cxenseparse:recs:publishtime",
    "article:post_date",
    "bt:pubdate",
    "originalpublicationdate",
    "datecreated",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
)


@dataclass
class PageInfo:
    url: str
    canonical_url: str | None = None
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    publisher: str | None = None
    author: str | None = None
    description: str | None = None
    lang: str | None = None
    text: str | None = None
    extracted_by: dict[str, str] = field(default_factory=dict)
    # Publication timestamps as written by JSON-LD and meta tags, to reconcile.
    raw_published: dict[str, str] = field(default_factory=dict, repr=False)

    def set(self, name: str, value: str | None, method: str) -> bool:
        """Keep the first trusted value of a field and say where it came from."""
        if value and getattr(self, name) is None:
            setattr(self, name, value)
            self.extracted_by[name] = method
            return True
        return False


def parse_html(data: bytes, declared_charset: str | None = None):
    """An lxml tree for page bytes, or None when there is nothing to parse."""
    if not data.strip():
        return None
    # Decoded by Python, whose codecs know more charsets than libxml2 (which
    # fails on e.g. cp1006), then handed to lxml as UTF-8 so no declaration in
    # the page can send it looking for another codec.
    utf8 = textutil.decode(data, declared_charset).encode("utf-8", "surrogatepass")
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=False, huge_tree=False)
    try:
        tree = lxml.html.document_fromstring(utf8, parser=parser)
    except (etree.LxmlError, ValueError, LookupError):
        return None
    return tree


def _metas(tree) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        key = key or meta.get("http-equiv")
        content = meta.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _json_ld_objects(tree) -> list[dict]:
    objects: list[dict] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            objects.append(node)
            for key in ("@graph", "mainEntity", "itemListElement"):
                if key in node:
                    walk(node[key])

    for script in tree.xpath('//script[contains(@type, "ld+json")]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            walk(json.loads(raw, strict=False))
        except ValueError:
            # Pages often leave trailing commas or stray control characters.
            try:
                walk(json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False))
            except ValueError:
                continue
    return objects


def _types(obj: dict) -> list[str]:
    kind = obj.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return [str(k).lower() for k in kinds]


def _is_article(obj: dict) -> bool:
    return any(any(t in k for t in _ARTICLE_TYPES) for k in _types(obj))


def _name(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _string(value: object) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) else None


def _from_json_ld(info: PageInfo, objects: list[dict]) -> None:
    ordered = [o for o in objects if _is_article(o)] + [o for o in objects if not _is_article(o)]
    for obj in ordered:
        article = _is_article(obj)
        if article or "webpage" in _types(obj):
            raw = _string(obj.get("datePublished"))
            if parse_date(raw) and "json-ld" not in info.raw_published:
                info.raw_published["json-ld"] = raw
            info.set("modified", parse_date(_string(obj.get("dateModified"))), "json-ld")
        if article:
            info.set("title", textutil.clean(_string(obj.get("headline"))), "json-ld")
            info.set("author", textutil.clean(_name(obj.get("author"))), "json-ld")
            info.set("description", textutil.clean(_string(obj.get("description"))), "json-ld")
            info.set("lang", normalize_lang(_string(obj.get("inLanguage"))), "json-ld")
            url = _string(obj.get("mainEntityOfPage")) or _string(obj.get("url"))
            if url and is_http_url(urljoin(info.url, url)):
                info.set("canonical_url", urljoin(info.url, url), "json-ld")
        publisher = obj.get("publisher")
        if article and publisher:
            info.set("publisher", textutil.clean(_name(publisher)), "json-ld")


def _from_meta(info: PageInfo, metas: dict[str, str]) -> None:
    for key in _PUBLISHED_META:
        if parse_date(metas.get(key)):
            info.raw_published[f"meta:{key}"] = metas[key]
            break
    for key in _MODIFIED_META:
        if info.set("modified", parse_date(metas.get(key)), f"meta:{key}"):
            break
    for key in ("og:title", "twitter:title", "dc.title"):
        info.set("title", textutil.clean(metas.get(key)), f"meta:{key}")
    for key in ("og:site_name", "application-name", "publisher", "dc.publisher"):
        info.set("publisher", textutil.clean(metas.get(key)), f"meta:{key}")
    for key in ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author"):
        value = metas.get(key)
        if value and not value.startswith("http"):
            info.set("author", textutil.clean(value), f"meta:{key}")
    for key in ("og:description", "description", "twitter:description", "dc.description"):
        info.set("description", textutil.clean(metas.get(key)), f"meta:{key}")
    for key in ("content-language", "language", "dc.language", "og:locale"):
        info.set("lang", normalize_lang(metas.get(key)), f"meta:{key}")
    url = metas.get("og:url")
    if url and is_http_url(urljoin(info.url, url)):
        info.set("canonical_url", urljoin(info.url, url), "meta:og:url")


def _structured_claims(info: PageInfo, tree, url: str) -> list[tuple[str, str]]:
    """(method, YYYY-MM-DD) publication dates stated in standard machine-readable
    places, strongest first: JSON-LD, meta tags, microdata / ``<time pubdate>``,
    a date in the URL path. At most one claim per kind."""
    claims: list[tuple[str, str]] = []
    for method, raw in info.raw_published.items():
        found = parse_date(raw)
        if found:
            claims.append((method, found))
    marked = tree.xpath(
        '//*[@itemprop="datePublished"]/@datetime | //*[@itemprop="datePublished"]/@content'
        " | //time[@pubdate]/@datetime"
    )
    for value in marked[:3]:
        found = parse_date(value)
        if found:
            claims.append(("microdata", found))
            break
    for address in dict.fromkeys(filter(None, (info.canonical_url, url))):
        found = date_from_url(address)
        if found:
            claims.append(("url", found))
            break
    return claims


def _kind(method: str) -> str:
    return method.split(":", 1)[0]


def choose_published(
    claims: list[tuple[str, str]], scanned: str | None
) -> tuple[str | None, str | None]:
    """The publication date and how it was found, from the page's own claims and
    htmldate's reading of the page (``scanned``).

    htmldate weighs many signals and is right more often than any single claim,
    so it decides, except when two different kinds of standard claim (e.g.
    JSON-LD and the URL) agree on another date: a publisher stating a date twice
    in machine-readable form outweighs a heuristic. A claim that agrees with
    htmldate names the method; without htmldate the strongest claim is taken.
    """
    kinds_by_date: dict[str, set[str]] = {}
    for method, found in claims:
        kinds_by_date.setdefault(found, set()).add(_kind(method))
    corroborated = [d for d, kinds in kinds_by_date.items() if len(kinds) >= 2]
    if corroborated and scanned not in corroborated:
        best = next(d for _m, d in claims if d in corroborated)
        return best, "+".join(m for m, d in claims if d == best)
    if scanned:
        agreeing = [m for m, d in claims if d == scanned]
        return scanned, agreeing[0] if agreeing else "htmldate"
    if claims:
        return claims[0][1], claims[0][0]
    return None, None


def _htmldate(tree, url: str, extensive: bool) -> str | None:
    try:
        found = find_date(tree, url=url, extensive_search=extensive, original_date=True)
    except Exception:  # noqa: BLE001 - a third-party heuristic must not end the page
        return None
    return parse_date(found)


def _main_text(tree) -> str | None:
    roots = tree.xpath('//*[@itemprop="articleBody"] | //article') or [tree]
    paragraphs = []
    for para in roots[0].iter("p"):
        content = textutil.clean(para.text_content())
        if content and len(content) > 30:
            paragraphs.append(content)
    return "\n".join(paragraphs)[:20000] or None


def _title_fallback(tree, url: str) -> tuple[str | None, str]:
    for xpath, method in (("//title", "title-element"), ("//h1", "h1"), ("//h2", "h2")):
        for node in tree.xpath(xpath)[:1]:
            text = textutil.clean(node.text_content())
            if text:
                return text, method
    slug = url.rstrip("/").rsplit("/", 1)[-1].split("?")[0].rsplit(".", 1)[0]
    words = re.sub(r"[-_]+", " ", slug).strip()
    return (words or host_of(url) or url), "url"


def extract_page(
    data: bytes, url: str, declared_charset: str | None = None, *, date_search: bool = True
) -> PageInfo:
    """Fields of an article page, each with the method that found it.

    The publication date is decided by :func:`choose_published`.
    """
    info = PageInfo(url=url)
    tree = parse_html(data, declared_charset)
    if tree is None:
        raise ValueError("empty or unparsable page")
    for link in tree.xpath('//link[@rel="canonical"]/@href')[:1]:
        absolute = urljoin(url, link.strip())
        if is_http_url(absolute):
            info.set("canonical_url", absolute, "link-canonical")
    _from_json_ld(info, _json_ld_objects(tree))
    _from_meta(info, _metas(tree))
    info.set("lang", normalize_lang(tree.get("lang") or tree.get("xml:lang")), "html-lang")
    info.text = _main_text(tree)
    if info.text:
        info.extracted_by["text"] = "paragraphs"
    if info.title is None:
        title, method = _title_fallback(tree, url)
        info.set("title", title, method)
    # "Headline | Site" in <title> (and some og:title): the site's name is the publisher.
    info.title, _site = textutil.strip_publisher(info.title, [info.publisher])
    if info.lang is None:
        sample = " ".join(filter(None, (info.title, info.description, info.text)))
        info.set("lang", detect_language(sample), "py3langid")
    # htmldate cleans the tree it reads, so the dates come last.
    claims = _structured_claims(info, tree, url)
    scanned = _htmldate(tree, info.canonical_url or url, extensive=False) if date_search else None
    published, method = choose_published(claims, scanned)
    if published is None and date_search:
        # The text scan guesses; a bare year (htmldate gives YYYY-01-01 for a
        # "© 2016") is not a publication day, so such a guess is not kept.
        guess = _htmldate(tree, info.canonical_url or url, extensive=True)
        if guess and not guess.endswith("-01-01"):
            published, method = guess, "htmldate:text"
    info.set("published", published, method or "")
    return info
