"""Turn accepted items into case files: a new case, or new sources for an existing case.

Every file is checked with casebook's validator before it is written, and written atomically.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from slugify import slugify

from casebook import dates
from casebook.frontmatter import parse
from casebook.validate import check_document
from casebook.vocabulary import Vocabulary
from curation.files import write_atomic
from curation.inbox import AGGREGATOR_LINK, HTTP_URL, published
from curation.text import clean

DRAFT_MARK = "DRAFT, to edit:"
ORDER = [
    "id",
    "title",
    "summary",
    "date",
    "date_precision",
    "brands",
    "platform",
    "channel",
    "event_type",
    "status",
    "disagreement",
    "sources",
    "related",
    "lang",
    "translation_of",
    "added",
    "updated",
]


class AcceptError(ValueError):
    """The items cannot become a valid case; the message says what to give or fix."""


@dataclass
class CaseTags:
    """The tags a new case gets (from the tagger, edited by the reviewer)."""

    brands: list[str] = field(default_factory=list)
    platform: str | None = None
    channel: str | None = None
    event_type: str | None = None
    status: str = "unknown"
    title: str | None = None


def source_of(item: dict) -> dict:
    """A case source from an inbox item: url, title, publisher, published, lang."""
    url = next(
        (
            str(item[k]).strip()
            for k in ("canonical_url", "url")
            if isinstance(item.get(k), str)
            and HTTP_URL.match(item[k].strip())
            and not (k == "url" and AGGREGATOR_LINK in (item.get("flags") or []))
        ),
        None,
    )
    if not url:
        raise AcceptError(
            f"item {item.get('id')} has no publisher address (an aggregator's link is not a"
            " source); open it, find the outlet's article and cite that"
        )
    publisher = clean(item.get("publisher") or item.get("source"), 120)
    if len(publisher) < 2:
        publisher = urlsplit(url).hostname or "unknown outlet"
    title = clean(item.get("title"), 300) or url
    source = {
        "url": url,
        "title": title if len(title) >= 3 else f"{title} ({publisher})",
        "publisher": publisher,
    }
    when = published(item)
    if when:
        source["published"] = when
    lang = str(item.get("lang") or "").strip().lower()[:2]
    source["lang"] = lang if re.fullmatch(r"[a-z]{2}", lang) else "en"
    return source


def unique_id(title: str, taken: set[str]) -> str:
    """A slug of the title that no case uses yet."""
    base = slugify(title, max_length=72, word_boundary=True) or "case"
    case_id, number = base, 2
    while case_id in taken:
        case_id = f"{base}-{number}"
        number += 1
    return case_id


def _summary(items: list[dict]) -> str:
    lead = items[0]
    text = clean(lead.get("summary") or lead.get("text"), 420) or clean(lead.get("title"), 420)
    summary = f"{DRAFT_MARK} {text}"
    if len(summary) < 20:
        summary += " (write one or two sentences saying what happened)"
    return summary


def _body(items: list[dict]) -> str:
    lines = [
        f"{DRAFT_MARK} tell what happened in your own words; every fact must come from a listed "
        "source. Drafted by `python -m curation review` from:",
        "",
    ]
    for item in items:
        source = source_of(item)
        title = re.sub(r"[\[\]]", "", source["title"])
        when = f", {source['published']}" if "published" in source else ""
        lines.append(f"- [{title}]({source['url']}), {source['publisher']}{when}")
    return "\n".join(lines) + "\n"


def front_matter(meta: dict) -> str:
    """YAML front matter in the schema's field order."""
    ordered = {k: meta[k] for k in ORDER if k in meta}
    ordered.update({k: v for k, v in meta.items() if k not in ordered})
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)


def check(path: Path, text: str, vocab: Vocabulary, today: dt.date) -> None:
    """Raise AcceptError listing the validator's problems with `text` as file `path`."""
    doc = parse(text, path)
    problems = check_document(doc, vocab, today)
    if problems:
        raise AcceptError("the case would not validate:\n" + "\n".join(map(str, problems)))


def new_case(
    items: list[dict],
    tags: CaseTags,
    cases_dir: Path,
    taken: set[str],
    vocab: Vocabulary,
    today: dt.date,
) -> tuple[Path, str]:
    """Path and text of a new case made from `items` (the lead item first)."""
    if not tags.event_type:
        raise AcceptError("no event type: give one (--event-type KEY, or edit the tags)")
    if not tags.platform:
        raise AcceptError("no platform: give one (--platform KEY, or edit the tags)")
    title = clean(tags.title or items[0].get("title"), 160)
    if len(title) < 5:
        raise AcceptError("the title is too short: give one (--title TEXT)")
    lang = source_of(items[0])["lang"]
    lang = lang if lang in ("en", "fr") else "en"
    case_id = unique_id(title, taken)
    days = sorted(d for d in (published(i) for i in items) if d)
    when = days[0] if days and dates.parse(days[0]) <= today else today.isoformat()
    sources, seen = [], set()
    for item in items:
        source = source_of(item)
        if source["url"] not in seen:
            seen.add(source["url"])
            sources.append(source)
    meta = {
        "id": case_id,
        "title": title,
        "summary": _summary(items),
        "date": when,
        "date_precision": dates.precision_of(when),
        "brands": list(dict.fromkeys(tags.brands)),
        "platform": tags.platform,
        "event_type": tags.event_type,
        "status": tags.status,
        "sources": sources,
        "related": [],
        "lang": lang,
        "added": today.isoformat(),
        "updated": today.isoformat(),
    }
    if tags.channel:
        meta["channel"] = tags.channel
    path = Path(cases_dir) / ("fr" if lang == "fr" else "") / f"{case_id}.md"
    text = "---\n" + front_matter(meta) + "---\n" + _body(items)
    check(path, text, vocab, today)
    return path, text


def _source_block(sources: list[dict], indent: str) -> list[str]:
    block = yaml.safe_dump(sources, allow_unicode=True, sort_keys=False, width=100)
    return [indent + line if line else line for line in block.splitlines()]


def add_sources(path: Path, items: list[dict], vocab: Vocabulary, today: dt.date) -> str:
    """Text of case `path` with the items as new sources and `updated` set to today.

    The new sources are inserted after the existing ones, so comments and layout of the rest
    of the file stay as they were; a file whose sources are written on one line is rewritten.
    """
    text = Path(path).read_text(encoding="utf-8")
    doc = parse(text, Path(path))
    known = {str(s.get("url")) for s in doc.meta.get("sources") or [] if isinstance(s, dict)}
    new = []
    for item in items:
        source = source_of(item)
        if source["url"] not in known:
            known.add(source["url"])
            new.append(source)
    if not new:
        raise AcceptError(f"every item is already a source of {path}")
    lines = text.splitlines()
    end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    sources_line = doc.lines.get(("sources",))
    first_source = doc.lines.get(("sources", 0))
    if sources_line and first_source and first_source > sources_line:
        top_level = sorted(line for key, line in doc.lines.items() if len(key) == 1)
        following = [line for line in top_level if line > sources_line]
        stop = (following[0] - 1) if following else end  # 0-based index of the next key
        while stop > first_source and (
            not lines[stop - 1].strip() or lines[stop - 1].lstrip().startswith("#")
        ):
            stop -= 1
        indent = re.match(r"\s*", lines[first_source - 1]).group(0)
        lines[stop:stop] = _source_block(new, indent)
        text = "\n".join(lines) + "\n"
        text = re.sub(r"(?m)^updated:.*$", f"updated: {today.isoformat()}", text, count=1)
        if not re.search(r"(?m)^updated:", text):
            raise AcceptError(f"{path} has no 'updated' field")
    else:
        meta = dict(doc.meta)
        meta["sources"] = list(meta.get("sources") or []) + new
        meta["updated"] = today.isoformat()
        text = "---\n" + front_matter(meta) + "---\n" + doc.body
    check(Path(path), text, vocab, today)
    return text


def write(path: Path, text: str) -> None:
    write_atomic(path, text)
