"""`python -m curation digest`: the new relevant clusters since the last run, as Markdown for
the body of the scheduled pull request."""

from __future__ import annotations

import json
from pathlib import Path

from curation import review
from curation.cases import load_cases
from curation.cluster import Cluster
from curation.files import write_atomic
from curation.queue import is_relevant
from curation.text import clean

MAX_CLUSTERS = 60  # a pull-request body is limited; the rest is counted
MAX_SOURCES = 6


def _md(text: object, limit: int = 200) -> str:
    """Untrusted text made inert in Markdown: one line, no markup characters."""
    text = clean(text, limit)
    return "".join("\\" + c if c in "\\`*_[]<>|#!~" else c for c in text)


def _url(value: object) -> str:
    url = clean(value, 2000).replace("(", "%28").replace(")", "%29")
    return url if url.startswith(("https://", "http://")) and " " not in url else ""


def seen_ids(state: Path) -> set[str]:
    """Ids of the items reported by earlier digests."""
    try:
        return set(json.loads(Path(state).read_text(encoding="utf-8")).get("reported", []))
    except (OSError, ValueError, AttributeError):
        return set()


def new_clusters(folders: review.Folders, state: Path) -> tuple[list[Cluster], set[str]]:
    """Pending relevant clusters with at least one item no earlier digest reported, matched to
    the existing cases, highest relevance first; and the ids of every pending item."""
    reported = seen_ids(state)
    everything = review.queue(folders)
    clusters = [
        c for c in everything if is_relevant(c) and any(m.id not in reported for m in c.members)
    ]
    review.attach_cases(clusters, load_cases(folders.cases))
    return clusters, {m.id for c in everything for m in c.members}


def render(clusters: list[Cluster]) -> str:
    """The digest as Markdown."""
    lines = [
        "Run `invoke review` on this branch to accept or reject the new items "
        "(`invoke review --args='--list'` lists them).",
        "",
    ]
    if not clusters:
        lines.append("No new relevant story since the last digest.")
        return "\n".join(lines) + "\n"
    lines.append(f"## {len(clusters)} new relevant stor{'y' if len(clusters) == 1 else 'ies'}")
    for cluster in clusters[:MAX_CLUSTERS]:
        lead = cluster.lead
        event = cluster.most_common("event_type") or "no event type"
        brands = ", ".join(cluster.brands) or "no brand found"
        lines += [
            "",
            f"### {_md(lead.item.get('title') or lead.item.get('summary') or lead.id, 160)}",
            "",
            f"- `{cluster.id}`, relevance {cluster.relevance:.2f}, {len(cluster.members)} item(s)",
            f"- brands: {_md(brands)}; event type: {_md(event)}",
        ]
        if cluster.case_id:
            lines.append(f"- may belong to the existing case `{cluster.case_id}`")
        else:
            lines.append("- no existing case matches: a new case?")
        for member in cluster.members[:MAX_SOURCES]:
            outlet = _md(member.item.get("publisher") or member.item.get("source") or "", 60)
            date = _md(member.item.get("published") or "undated", 10)
            url = _url(member.item.get("url"))
            title = _md(member.item.get("title"), 120)
            link = f"[{title}]({url})" if url else title
            lines.append(f"  - {link} ({outlet}, {date}, {member.tags.lang})")
        if len(cluster.members) > MAX_SOURCES:
            lines.append(f"  - and {len(cluster.members) - MAX_SOURCES} more")
    if len(clusters) > MAX_CLUSTERS:
        lines += ["", f"And {len(clusters) - MAX_CLUSTERS} more: see `review --list`."]
    return "\n".join(lines) + "\n"


def remember(state: Path, clusters: list[Cluster], pending: set[str]) -> None:
    """Record the reported items so the next digest lists only newer ones (decided items are
    forgotten: they never come back)."""
    reported = (seen_ids(state) & pending) | {m.id for c in clusters for m in c.members}
    write_atomic(Path(state), json.dumps({"reported": sorted(reported)}, ensure_ascii=False))


def run(folders: review.Folders, state: Path, save: bool = True) -> str:
    clusters, pending = new_clusters(folders, state)
    text = render(clusters)
    if save:
        remember(state, clusters, pending)
    return text
