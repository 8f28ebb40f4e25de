"""Turn accepted items into case files: a new draft case, or new sources for an existing case.

Every file is checked, before it is written, the way `invoke validate` checks the case folder
(`casebook.validate.check_files`, with its normalisation, against the other cases); nothing
the validator would refuse is written. Existing files are edited with a round-trip YAML
library, so their comments and layout stay as they were.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import FoldedScalarString
from slugify import slugify

from casebook import dates
from casebook.frontmatter import parse
from casebook.validate import check_files
from casebook.vocabulary import Vocabulary
from curation import roundtrip
from curation.files import write_atomic
from curation.inbox import AGGREGATOR_LINK, HTTP_URL, published
from curation.text import clean

TODO = "TODO:"
ID_LENGTH = 76  # a longer slug loses its small words first, then whole trailing words
SUMMARY_LENGTH = 480
FILE_MODE = 0o644  # like the files in the repository
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
    "draft",
    "added",
    "updated",
]
# words an id can do without when the title is long
_SMALL = (
    "a an the of to for and or in on at by with from into its his her their is are was were "
    "be as that this it le la les l un une des de du d au aux et ou en pour par sur son sa ses "
    "leur leurs qui que qu dans avec ce cet cette est sont se s y"
)
SMALL_WORDS = frozenset(_SMALL.split())
TITLE_SEPARATOR = re.compile(r"\s+[-|–—·]\s+|\s+\|\s*|\s*\|\s+")
LONG_TEXT = ("summary", "disagreement")
HEADINGS = {
    "en": ("What happened", "The brand's answer", "Coverage found by the review"),
    "fr": ("Ce qui s'est passé", "La réponse de la marque", "Articles trouvés par la revue"),
}


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
    source["lang"] = item_lang(item)
    return source


def item_lang(item: dict) -> str:
    """The item's two-letter language code (English when it has none)."""
    lang = str(item.get("lang") or "").strip().lower()[:2]
    return lang if re.fullmatch(r"[a-z]{2}", lang) else "en"


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", slugify(text or ""))


def case_title(item: dict) -> str:
    """The item's title without a trailing ' - Publisher' (or ' | Publisher') part."""
    title = clean(item.get("title"))
    names = {_compact(clean(item.get(k))) for k in ("publisher", "source")}
    host = (urlsplit(str(item.get("url") or "")).hostname or "").removeprefix("www.")
    names |= {_compact(host), _compact(host.rsplit(".", 1)[0])}
    names.discard("")
    while True:
        cuts = list(TITLE_SEPARATOR.finditer(title))
        if not cuts:
            break
        tail = _compact(title[cuts[-1].end() :])
        publisher = any(tail == n or n.startswith(tail) or tail.startswith(n) for n in names)
        if not tail or not publisher:
            break
        title = title[: cuts[-1].start()]
    return _shorten_title(title.strip(" -|–—·"))


def _shorten_title(title: str, limit: int = 160) -> str:
    """At most `limit` characters, cut at the last clause, else word, boundary."""
    if len(title) <= limit:
        return title
    head = title[:limit]
    for mark in (": ", " - ", ", ", "; "):
        cut = head.rfind(mark)
        if cut >= 40:
            return head[:cut].rstrip()
    return clean(title, limit)


def unique_id(title: str, taken: set[str]) -> str:
    """A slug of the title that no case uses yet; a long title loses small words, never a
    word in the middle."""
    words = slugify(title).split("-") if slugify(title) else []
    if len("-".join(words)) > ID_LENGTH:
        words = [w for w in words if w not in SMALL_WORDS] or words
    while len("-".join(words)) > ID_LENGTH and len(words) > 1:
        words.pop()
    while len(words) > 1 and words[-1] in SMALL_WORDS:
        words.pop()
    base = "-".join(words)[:ID_LENGTH].strip("-") or "case"
    case_id, number = base, 2
    while case_id in taken:
        case_id = f"{base}-{number}"
        number += 1
    return case_id


def _sentences(text: str, limit: int) -> str:
    """Whole sentences of `text` up to `limit` characters (a cut sentence when the first is
    longer)."""
    out = ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if len(out) + len(sentence) + 1 > limit:
            break
        out = f"{out} {sentence}".strip()
    return out or clean(text, limit)


def draft_summary(items: list[dict]) -> str:
    """The summary of the best item that has one (its text otherwise), whole sentences."""
    for item in items:
        for name in ("summary", "text"):
            text = clean(item.get(name))
            if len(text) >= 20:
                return _sentences(text, SUMMARY_LENGTH)
    title = clean(items[0].get("title"), SUMMARY_LENGTH)
    return f"{title}. {TODO} one or two sentences saying what happened."


def _body(items: list[dict], lang: str) -> str:
    happened, answer, coverage = HEADINGS["fr" if lang == "fr" else "en"]
    intro = (
        f"{TODO} this draft was made by `python -m curation review`. Rewrite the summary in your "
        "own words (it is the outlet's text), tell the story below with every fact taken from a "
        "listed source, then remove `draft: true`."
    )
    lines = [
        textwrap.fill(intro, 96, break_on_hyphens=False, break_long_words=False),
        "",
        f"## {happened}",
        "",
        f"{TODO} who did what, when, on which platform and channel.",
        "",
        f"## {answer}",
        "",
        f"{TODO} what the brand said or did, and what changed for its customers.",
        "",
        f"## {coverage}",
        "",
    ]
    for item in items:
        source = source_of(item)
        title = re.sub(r"[\[\]]", "", source["title"])
        when = f", {source['published']}" if "published" in source else ""
        lines.append(f"- [{title}]({source['url']}), {source['publisher']}{when}")
    return "\n".join(lines) + "\n"


def front_matter(meta: dict) -> str:
    """YAML front matter in the schema's field order and the shipped cases' style: long text
    folded, key lists on one line, sources indented, dates plain."""
    ordered = {k: meta[k] for k in ORDER if k in meta}
    ordered.update({k: v for k, v in meta.items() if k not in ordered})
    for fold in (True, False):
        data = CommentedMap()
        for key, value in ordered.items():
            if fold and key in LONG_TEXT and isinstance(value, str) and len(value) > 60:
                data[key] = FoldedScalarString(value)
            elif key == "sources":
                data[key] = [roundtrip.mapping(source) for source in value]
            elif isinstance(value, list):
                data[key] = roundtrip.sequence(value, flow=True)
            else:
                data[key] = roundtrip.scalar(value)
        if ordered.get("draft"):
            data.yaml_add_eol_comment("remove when every TODO: below is done", "draft")
        text = roundtrip.dump(_writer(), data)
        if parse("---\n" + text + "---\n", Path("new.md")).meta == ordered:
            return text
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=96)


def _writer():
    handler = roundtrip.YAML(typ="rt")
    handler.width = 96
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


def check(
    path: Path, text: str, vocab: Vocabulary, today: dt.date, cases_dir: Path | None = None
) -> None:
    """Raise AcceptError listing what `invoke validate` would say about `text` as file `path`
    among the other cases of `cases_dir`."""
    path = Path(path)
    others = []
    if cases_dir and Path(cases_dir).is_dir():
        target = path.resolve()
        others = [p for p in sorted(Path(cases_dir).rglob("*.md")) if p.resolve() != target]
    with tempfile.TemporaryDirectory() as folder:
        candidate = Path(folder) / path.name
        candidate.write_text(text, encoding="utf-8")
        _, problems = check_files([*others, candidate], vocab, today)
        mine = [str(p).replace(str(candidate), str(path)) for p in problems if p.path == candidate]
    if mine:
        raise AcceptError("the case would not validate:\n" + "\n".join(mine))


def new_case(
    items: list[dict],
    tags: CaseTags,
    cases_dir: Path,
    taken: set[str],
    vocab: Vocabulary,
    today: dt.date,
) -> tuple[Path, str]:
    """Path and text of a new draft case made from `items` (the best item first)."""
    if not tags.event_type:
        raise AcceptError("no event type: give one (--event-type KEY, or edit the tags)")
    if not tags.platform:
        raise AcceptError("no platform: give one (--platform KEY, or edit the tags)")
    title = _shorten_title(clean(tags.title)) if tags.title else case_title(items[0])
    if len(title) < 5:
        raise AcceptError("the title is too short: give one (--title TEXT)")
    lang = item_lang(items[0])
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
        "summary": draft_summary(items),
        "date": when,
        "date_precision": dates.precision_of(when),
        "brands": list(dict.fromkeys(tags.brands)),
        "platform": tags.platform,
        "event_type": tags.event_type,
        "status": tags.status,
        "sources": sources,
        "related": [],
        "lang": lang,
        "draft": True,
        "added": today.isoformat(),
        "updated": today.isoformat(),
    }
    if tags.channel:
        meta["channel"] = tags.channel
    path = Path(cases_dir) / ("fr" if lang == "fr" else "") / f"{case_id}.md"
    text = "---\n" + front_matter(meta) + "---\n" + _body(items, lang)
    check(path, text, vocab, today, cases_dir)
    return path, text


# -- editing an existing case -------------------------------------------------------------


def _split(text: str, path: Path) -> tuple[str, str]:
    try:
        return roundtrip.split_front_matter(text)
    except roundtrip.RoundTripError as exc:
        raise AcceptError(f"{path}: {exc}") from None


def add_sources(
    path: Path,
    items: list[dict],
    vocab: Vocabulary,
    today: dt.date,
    cases_dir: Path | None = None,
    note: str = "",
) -> str:
    """Text of case `path` with the items as new sources, `updated` set to today and, when the
    case keeps a corrections log (`changes:`), an entry saying what was added."""
    path = Path(path)
    front, rest = _split(path.read_text(encoding="utf-8"), path)
    try:
        handler, data = roundtrip.load(front)
    except roundtrip.RoundTripError as exc:
        raise AcceptError(f"{path}: the front matter is not valid YAML ({exc})") from None
    if not isinstance(data, CommentedMap):
        raise AcceptError(f"{path}: the front matter is not a set of 'key: value' lines")
    sources = data.get("sources")
    if not isinstance(sources, list):
        raise AcceptError(f"{path}: 'sources' is not a list; fix the file first")
    known = {str(s.get("url")) for s in sources if isinstance(s, dict)}
    new = []
    for item in items:
        source = source_of(item)
        if source["url"] not in known:
            known.add(source["url"])
            new.append(source)
    if not new:
        raise AcceptError(f"every item is already a source of {path}")
    for source in new:
        sources.append(roundtrip.mapping(source))
    data["updated"] = today
    changes = data.get("changes")
    if isinstance(changes, list):
        names = ", ".join(sorted({s["publisher"] for s in new}))
        what = f"Added {len(new)} source(s) found by the review: {names}."
        entry = roundtrip.mapping({"date": today.isoformat(), "what": (what + " " + note).strip()})
        last = changes[-1] if changes else None
        if isinstance(last, CommentedMap) and last.fa.flow_style():
            entry.fa.set_flow_style()
        changes.append(entry)
    text = "---\n" + roundtrip.dump(handler, data) + rest
    check(path, text, vocab, today, cases_dir)
    return text


def write(path: Path, text: str) -> None:
    """Write atomically, readable by all like the repository's files."""
    write_atomic(path, text)
    os.chmod(path, FILE_MODE)
