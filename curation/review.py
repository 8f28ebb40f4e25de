"""Review pending clusters: accept them into a case, edit their tags, or reject them for good."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from casebook import vocabulary
from curation import accept, decisions
from curation.cases import load_cases
from curation.cluster import Candidate, Cluster, group, match_case
from curation.inbox import inbox_files, item_urls, read_items
from curation.tagger import Tagger, default_tagger, tag_item
from curation.text import clean


@dataclass
class Folders:
    inbox: Path = Path("data/inbox")
    cases: Path = Path("content/cases")
    decisions: Path = Path("data/decisions")


class ReviewError(ValueError):
    """A review command cannot be carried out; the message says why and what to do."""


def pending(folders: Folders, tagger: Tagger | None = None) -> list[Cluster]:
    """Clusters of inbox items nobody has decided on, most relevant first, matched to cases."""
    tagger = tagger or default_tagger()
    done = decisions.decided(folders.decisions)
    cases = load_cases(folders.cases)
    in_cases = set().union(*(c.source_urls for c in cases)) if cases else set()
    seen: set[str] = set()
    candidates = []
    for item in read_items(inbox_files(folders.inbox)):
        urls = item_urls(item)
        if item["id"] in seen or done.covers(item["id"], urls) or urls & in_cases:
            continue
        seen.add(item["id"])
        candidates.append(Candidate(item, tag_item(item, tagger)))
    clusters = group(candidates, tagger.lexicon)
    for cluster in clusters:
        case, why = match_case(cluster, cases)
        if case:
            cluster.case_id = case.id
            cluster.why.append(f"matches case {case.id}: {why}")
    return clusters


def select(clusters: list[Cluster], wanted: str) -> tuple[Cluster, list[Candidate]]:
    """The cluster and items an id names: a cluster id takes all its items, an item id one."""
    for cluster in clusters:
        if cluster.id == wanted:
            return cluster, cluster.members
        for member in cluster.members:
            if member.id == wanted:
                return cluster, [member]
    raise ReviewError(
        f"no pending cluster or item has the id '{wanted}'; run "
        "'python -m curation review --list' to see the pending ids"
    )


def suggested_tags(cluster: Cluster, members: list[Candidate]) -> accept.CaseTags:
    """Tags for a case made of `members`, from the tagger."""
    part = Cluster(cluster.id, members)
    return accept.CaseTags(
        brands=part.brands,
        platform=part.most_common("platform"),
        channel=part.most_common("channel"),
        event_type=part.most_common("event_type"),
    )


def _items_of(members: list[Candidate]) -> list[dict]:
    ranked = sorted(members, key=lambda m: (-m.tags.relevance, m.date or dt.date.max, m.id))
    return [m.item for m in ranked]


def _decision_items(members: list[Candidate]) -> list[dict]:
    out = []
    for member in members:
        entry = {
            "id": member.id,
            "url": clean(member.item.get("url"), 2000),
            "title": clean(member.item.get("title"), 300),
        }
        if member.item.get("canonical_url"):
            entry["canonical_url"] = clean(member.item.get("canonical_url"), 2000)
        out.append({k: v for k, v in entry.items() if v})
    return out


def accept_items(
    folders: Folders,
    cluster: Cluster,
    members: list[Candidate],
    case: str,
    tags: accept.CaseTags,
    today: dt.date | None = None,
) -> tuple[Path, Path]:
    """Write the case (new when `case` is NEW) and record the decision; return both paths."""
    today = today or dt.date.today()
    vocab = vocabulary.load()
    _check_tags(tags, vocab)
    items = _items_of(members)
    existing = {c.id: c for c in load_cases(folders.cases)}
    if case.upper() == "NEW":
        path, text = accept.new_case(items, tags, folders.cases, set(existing), vocab, today)
        if path.exists():
            raise ReviewError(f"{path} already exists")
    elif case in existing:
        path = existing[case].path
        text = accept.add_sources(path, items, vocab, today)
    else:
        raise ReviewError(f"no case has the id '{case}'; give an existing case id or NEW")
    accept.write(path, text)
    decision = decisions.Decision(
        action="accepted",
        date=today.isoformat(),
        items=_decision_items(members),
        cluster=cluster.id,
        case=path.stem,
        tags={k: v for k, v in vars(tags).items() if v and k != "title"},
    )
    return path, decisions.record(folders.decisions, decision)


def reject_items(
    folders: Folders,
    cluster: Cluster,
    members: list[Candidate],
    reason: str,
    today: dt.date | None = None,
) -> Path:
    """Record that the items are rejected, with the reason; they never come back."""
    reason = clean(reason, 500)
    if not reason:
        raise ReviewError("give a reason for the rejection (--reason TEXT)")
    today = today or dt.date.today()
    decision = decisions.Decision(
        action="rejected",
        date=today.isoformat(),
        items=_decision_items(members),
        cluster=cluster.id,
        reason=reason,
    )
    return decisions.record(folders.decisions, decision)


def _check_tags(tags: accept.CaseTags, vocab: vocabulary.Vocabulary) -> None:
    checks = [("brands", b, "brands") for b in tags.brands]
    checks += [
        (name, getattr(tags, name), file)
        for name, file in (
            ("platform", "platforms"),
            ("channel", "channels"),
            ("event_type", "event_types"),
            ("status", "statuses"),
        )
    ]
    for name, value, file in checks:
        if value and value not in vocab[file]:
            raise ReviewError(f"{name}: unknown key '{value}'; use a key of data/vocab/{file}.yaml")


def describe(cluster: Cluster, number: int | None = None) -> str:
    """A cluster as text for a person: items, tags, evidence, the case it matches."""
    lead = cluster.lead.tags
    head = f"[{number}] " if number is not None else ""
    lines = [
        f"{head}{cluster.id}  relevance {cluster.relevance:.2f}  {len(cluster.members)} item(s)",
        f"    tags: brands={','.join(cluster.brands) or '-'} platform={lead.platform or '-'} "
        f"channel={lead.channel or '-'} event_type={cluster.most_common('event_type') or '-'}",
    ]
    if cluster.case_id:
        lines.append(f"    matches existing case: {cluster.case_id}")
    for member in cluster.members:
        date = member.item.get("published") or "undated"
        lines.append(
            f"    - {member.id} ({member.tags.lang}, {clean(date, 10)}, "
            f"{clean(member.item.get('source') or member.item.get('publisher'), 40)}): "
            f"{clean(member.item.get('title'), 110)}"
        )
        lines.append(f"      {clean(member.item.get('url'), 110)}")
    evidence = [e for e in lead.evidence if e.tag in ("brand", "event_type", "relevance")]
    for entry in evidence[:8]:
        lines.append(
            f"      why {entry.tag}={entry.value}: {entry.field} "
            f"'{clean(entry.text, 60)}' ({clean(entry.rule, 90)})"
        )
    for why in cluster.why[:4]:
        lines.append(f"      grouped: {why}")
    return "\n".join(lines)


def _edit_tags(tags: accept.CaseTags, ask: Callable[[str], str]) -> accept.CaseTags:
    brands = ask(f"brands [{','.join(tags.brands)}]: ").strip()
    if brands:
        tags.brands = [b.strip() for b in brands.split(",") if b.strip() and b.strip() != "-"]
    for name in ("platform", "channel", "event_type", "status", "title"):
        value = ask(f"{name} [{getattr(tags, name) or ''}]: ").strip()
        if value:
            setattr(tags, name, None if value == "-" else value)
    return tags


def interactive(
    folders: Folders,
    include_all: bool = False,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
) -> int:
    """Walk through pending clusters with a person; return how many were decided."""
    clusters = pending(folders)
    threshold = default_tagger().lexicon.threshold
    shown = [c for c in clusters if include_all or c.relevance >= threshold]
    say(f"{len(shown)} pending cluster(s) ({len(clusters)} in all; --all shows every one)")
    done = 0
    for number, cluster in enumerate(shown, 1):
        tags = suggested_tags(cluster, cluster.members)
        while True:
            say("")
            say(describe(cluster, number))
            target = cluster.case_id or "NEW"
            answer = (
                ask(
                    f"[a]ccept into {target}, accept into [c]ase ID, [n]ew case, [e]dit "
                    "tags, [r]eject, [s]kip, [q]uit: "
                )
                .strip()
                .lower()
            )
            try:
                if answer in ("a", "n", "c"):
                    case = (
                        target
                        if answer == "a"
                        else "NEW"
                        if answer == "n"
                        else ask("case id: ").strip()
                    )
                    path, _ = accept_items(folders, cluster, cluster.members, case, tags)
                    say(f"wrote {path}: edit the summary and text marked '{accept.DRAFT_MARK}'")
                elif answer == "e":
                    tags = _edit_tags(tags, ask)
                    continue
                elif answer == "r":
                    path = reject_items(folders, cluster, cluster.members, ask("reason: "))
                    say(f"rejected; decision recorded in {path}")
                elif answer == "q":
                    return done
                elif answer != "s":
                    continue
            except (accept.AcceptError, ReviewError) as exc:
                say(f"cannot do that: {exc}")
                continue
            done += answer in ("a", "n", "c", "r")
            break
    return done
