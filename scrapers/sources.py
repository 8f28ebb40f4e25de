"""Read and check the source list (``data/sources.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scrapers.urls import is_http_url

KINDS = ("feed", "html")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
_FIELDS = {"name", "url", "kind", "link_selector", "lang", "publisher", "keywords"}


class SourceListError(ValueError):
    """The source list cannot be used; the message names the entry, field and fix."""


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    kind: str
    lang: str
    publisher: str
    link_selector: str | None = None
    keywords: tuple[str, ...] = field(default_factory=tuple)

    def matches(self, text: str) -> bool:
        """True when the source has no keywords or one of them occurs in ``text``."""
        if not self.keywords:
            return True
        lowered = text.casefold()
        return any(k.casefold() in lowered for k in self.keywords)


def _selector_ok(selector: str) -> bool:
    import soupsieve

    try:
        soupsieve.compile(selector)
    except (soupsieve.SelectorSyntaxError, ValueError):
        return False
    return True


def _entry_error(where: str, name: str | None, field_name: str, problem: str, fix: str):
    label = f"entry {where}" + (f" ({name!r})" if name else "")
    return SourceListError(f"{label}, field '{field_name}': {problem}. Fix: {fix}.")


def _check_entry(raw: object, where: str) -> Source:
    if not isinstance(raw, dict):
        raise SourceListError(
            f"entry {where}: is not a mapping. Fix: write 'name:', 'url:', 'kind:', ... keys."
        )
    name = raw.get("name")
    shown = name if isinstance(name, str) else None

    def fail(field_name: str, problem: str, fix: str) -> SourceListError:
        return _entry_error(where, shown, field_name, problem, fix)

    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise fail(unknown[0], "unknown field", f"use only {', '.join(sorted(_FIELDS))}")
    if not isinstance(name, str) or not _NAME.match(name):
        raise fail("name", f"{name!r} is not a name", "use lower-case letters, digits and '-'")
    url = raw.get("url")
    if not isinstance(url, str) or not is_http_url(url):
        raise fail("url", f"{url!r} is not an http(s) URL", "give the full https://... address")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise fail("kind", f"{kind!r} is not a kind", "use 'feed' (RSS/Atom) or 'html'")
    selector = raw.get("link_selector")
    if kind == "html" and (not isinstance(selector, str) or not selector.strip()):
        raise fail("link_selector", "missing for an html source", "give a CSS selector like 'h2 a'")
    if kind == "html" and not _selector_ok(selector):
        raise fail("link_selector", f"{selector!r} is not a CSS selector", "write one like 'h2 a'")
    if kind == "feed" and selector is not None:
        raise fail("link_selector", "only html sources use it", "remove it or set kind: html")
    lang = raw.get("lang")
    if not isinstance(lang, str) or not _LANG.match(lang):
        raise fail("lang", f"{lang!r} is not a language code", "use a code like 'en' or 'fr'")
    publisher = raw.get("publisher")
    if not isinstance(publisher, str) or not publisher.strip():
        raise fail("publisher", "missing or empty", "give the publisher's name")
    keywords = raw.get("keywords", [])
    if keywords is None:
        keywords = []
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k for k in keywords):
        raise fail("keywords", "not a list of words", 'write [twitter, "service client"]')
    return Source(
        name=name,
        url=url,
        kind=kind,
        lang=lang,
        publisher=publisher.strip(),
        link_selector=selector,
        keywords=tuple(keywords),
    )


def parse_sources(text: str, origin: str = "sources") -> list[Source]:
    """Sources from YAML text; raises :class:`SourceListError` on the first problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourceListError(f"{origin}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourceListError(f"{origin}: expected a top-level 'sources:' list")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["sources"], start=1):
        source = _check_entry(raw, f"#{index}")
        if source.name in seen:
            raise _entry_error(
                f"#{index}", source.name, "name", "used twice", "give every source its own name"
            )
        seen.add(source.name)
        sources.append(source)
    return sources


def load_sources(path: Path) -> list[Source]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceListError(f"{path}: cannot read source list: {exc.strerror}") from exc
    return parse_sources(text, str(path))
