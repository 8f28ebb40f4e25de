"""Review pending clusters: accept them into a case, edit their tags, or reject them for good."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from casebook import vocabulary
from curation import accept, add_brand, decisions
from curation.cases import CaseRef, load_cases, versions
from curation.cluster import Candidate, Cluster, ranked_members
from curation.inbox import inbox_files, item_urls, read_items
from curation.matching import match
from curation.queue import Cache, gathered, is_relevant, ranked, tagger_version
from curation.tagger import default_tagger
from curation.text import clean


@dataclass
class Folders:
    inbox: Path = Path("data/inbox")
    cases: Path = Path("content/cases")
    decisions: Path = Path("data/decisions")
    cache: Path = Path("state/review")
    vocab: Path = vocabulary.VOCAB_DIR


class ReviewError(ValueError):
    """A review command cannot be carried out; the message says why and what to do."""


@dataclass
class Accepted:
    """What an acceptance wrote."""

    paths: list[Path]
    decision: Path
    new_case: bool
    notes: list[str] = field(default_factory=list)


def queue(folders: Folders, tagger=None) -> list[Cluster]:
    """Clusters of inbox items nobody has decided on, relevant first, not yet matched to cases.

    Pending = inbox items minus decided items (by id or address) minus items whose address is
    already a source of a case. Tags and clusters come from the cache (`queue.Cache`).
    """
    tagger = tagger or default_tagger()
    done = decisions.decided(folders.decisions, Path(folders.cache) / "decided.json")
    cases = load_cases(folders.cases)
    in_cases = set().union(*(c.source_urls for c in cases)) if cases else set()
    seen: set[str] = set()
    items = []
    inbox = read_items(inbox_files(folders.inbox))
    for item in inbox:
        urls = item_urls(item)
        if item["id"] in seen or done.covers(item["id"], urls) or urls & in_cases:
            continue
        seen.add(item["id"])
        items.append(item)
    cache = Cache(folders.cache, tagger_version(tagger))
    taggings = cache.taggings(items, tagger, keep={item["id"] for item in inbox})
    candidates = [Candidate(item, tags) for item, tags in zip(items, taggings, strict=True)]
    return ranked(cache.clusters(candidates, tagger))


def attach_cases(clusters: list[Cluster], cases: list[CaseRef]) -> None:
    """Set each cluster's `case_id` to the existing case it covers, in its language."""
    for cluster in clusters:
        case, why = match(cluster, cases)
        if case:
            cluster.case_id = case.id
            cluster.why.append(f"matches case {case.id}: {why}")


def pending(folders: Folders, tagger=None) -> list[Cluster]:
    """Every pending cluster, relevant first, matched to the existing cases."""
    clusters = queue(folders, tagger)
    attach_cases(clusters, load_cases(folders.cases))
    return clusters


def shown(clusters: list[Cluster], include_all: bool) -> list[Cluster]:
    """The clusters to show: the relevant ones, and with `include_all` the others after them."""
    return clusters if include_all else [c for c in clusters if is_relevant(c)]


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
        "'python -m curation review --list --all' to see the pending ids"
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


def _decision_items(members: list[Candidate], titles: bool = True) -> list[dict]:
    out = []
    for member in members:
        entry = {"id": member.id, "url": clean(member.item.get("url"), 2000)}
        if titles:
            entry["title"] = clean(member.item.get("title"), 300)
        if member.item.get("canonical_url"):
            entry["canonical_url"] = clean(member.item.get("canonical_url"), 2000)
        out.append({k: v for k, v in entry.items() if v})
    return out


def _targets(
    case: CaseRef, members: list[Candidate], cases: list[CaseRef]
) -> dict[Path, tuple[CaseRef, list[dict]]]:
    """Each item goes to the version of the case in its own language, when there is one."""
    family = versions(case, cases)
    out: dict[Path, tuple[CaseRef, list[dict]]] = {}
    for member in ranked_members(members):
        lang = accept.item_lang(member.item)
        version = next((c for c in family if c.lang == lang), case)
        out.setdefault(version.path, (version, []))[1].append(member.item)
    return out


def accept_items(
    folders: Folders,
    cluster: Cluster,
    members: list[Candidate],
    case: str,
    tags: accept.CaseTags,
    today: dt.date | None = None,
    brand: add_brand.NewBrand | None = None,
) -> Accepted:
    """Write the case (a new draft when `case` is NEW, else new sources of that case and of its
    translation in the items' language) and record the decision.

    `brand`, a brand the vocabulary lacks, is added to it with the case. Nothing is written
    unless every file would validate.
    """
    today = today or dt.date.today()
    vocab = vocabulary.load(folders.vocab)
    if brand:
        brand = add_brand.check(brand, vocab)
        vocab.terms["brands"][brand.key] = brand.entry()
        tags.brands = list(dict.fromkeys([*tags.brands, brand.key]))
    _check_tags(tags, vocab)
    items = [m.item for m in ranked_members(members)]
    cases = load_cases(folders.cases)
    existing = {c.id: c for c in cases}
    writes: list[tuple[Path, str]] = []
    notes: list[str] = []
    if case.upper() == "NEW":
        path, text = accept.new_case(items, tags, folders.cases, set(existing), vocab, today)
        if path.exists():
            raise ReviewError(f"{path} already exists")
        writes.append((path, text))
    elif case in existing:
        family = versions(existing[case], cases)
        targets = _targets(existing[case], members, cases)
        skipped = []
        for path, (version, its) in targets.items():
            others = [c for c in family if c.path not in targets]
            note = "".join(f" Also to cite in the {c.lang} version {c.id}." for c in others)
            if version.id != case:
                notes.append(
                    f"the {version.lang} item(s) went to the {version.lang} version {version.id}"
                )
            notes += [f"the {c.lang} version {c.id} does not cite them" for c in others]
            try:
                text = accept.add_sources(path, its, vocab, today, folders.cases, note.strip())
            except accept.AcceptError as exc:
                if "already a source" in str(exc):
                    skipped.append(str(exc))
                    continue
                raise
            writes.append((path, text))
        if not writes:
            raise ReviewError("; ".join(skipped))
    else:
        raise ReviewError(f"no case has the id '{case}'; give an existing case id or NEW")
    if brand:
        add_brand.write(folders.vocab, brand)
        notes.append(f"added brand '{brand.key}' to {folders.vocab / 'brands.yaml'}")
    for path, text in writes:
        accept.write(path, text)
    decision = decisions.Decision(
        action="accepted",
        date=today.isoformat(),
        items=_decision_items(members),
        cluster=cluster.id,
        case=writes[0][0].stem,
        tags={k: v for k, v in vars(tags).items() if v and k != "title"},
        note="; ".join(notes) or None,
    )
    record = decisions.record(folders.decisions, decision)
    return Accepted([p for p, _ in writes], record, case.upper() == "NEW", notes)


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


def reject_below(
    folders: Folders,
    threshold: float,
    older_than: int | None = None,
    reason: str | None = None,
    today: dt.date | None = None,
    tagger=None,
) -> tuple[Path | None, int]:
    """Reject, in one decision file, every pending cluster whose relevance is below
    `threshold` (and, with `older_than`, whose items were all gathered more than that many
    days ago). Return the file (None when nothing was taken) and the number of items.
    `review --undo FILE` brings them back."""
    if not 0.0 <= threshold <= 1.0:
        raise ReviewError(f"the threshold {threshold} is not between 0 and 1")
    if older_than is not None and older_than < 0:
        raise ReviewError(f"--older-than {older_than}: give a number of days, 0 or more")
    today = today or dt.date.today()
    cutoff = today - dt.timedelta(days=older_than) if older_than is not None else None

    def old(member: Candidate) -> bool:
        day = gathered(member.item)
        return cutoff is None or (day is not None and day < cutoff)

    taken = [
        m
        for c in queue(folders, tagger)
        if c.relevance < threshold and all(old(m) for m in c.members)
        for m in c.members
    ]
    if not taken:
        return None, 0
    selection = f"relevance below {threshold:g}"
    if older_than is not None:
        selection += f", gathered more than {older_than} days before {today.isoformat()}"
    decision = decisions.Decision(
        action="rejected",
        date=today.isoformat(),
        items=_decision_items(taken, titles=False),
        reason=clean(reason, 500) or f"bulk rejection: {selection}",
        selection=selection,
    )
    return decisions.record(folders.decisions, decision), len(taken)


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
            hint = (
                "; to add a brand the vocabulary lacks, give --new-brand NAME --industry KEY "
                "--country CODE"
                if name == "brands"
                else ""
            )
            raise ReviewError(
                f"{name}: unknown key '{value}'; use a key of data/vocab/{file}.yaml{hint}"
            )


def describe(
    cluster: Cluster,
    number: int | None = None,
    tags: accept.CaseTags | None = None,
    members: list[Candidate] | None = None,
    detail: bool = False,
) -> str:
    """A cluster as text for a person: items, tags (as edited, when `tags` is given),
    evidence, the case it matches; with `detail`, each item's summary and text."""
    members = members if members is not None else cluster.members
    lead = ranked_members(members)[0].tags
    head = f"[{number}] " if number is not None else ""
    relevance = max(m.tags.relevance for m in members)
    mark = "" if any(getattr(m.tags, "relevant", False) for m in members) else "  (below threshold)"
    if tags is None:
        tags = suggested_tags(cluster, members)
    lines = [
        f"{head}{cluster.id}  relevance {relevance:.2f}{mark}  {len(members)} item(s)",
        f"    tags: brands={','.join(tags.brands) or '-'} platform={tags.platform or '-'} "
        f"channel={tags.channel or '-'} event_type={tags.event_type or '-'}"
        + (f" status={tags.status}" if tags.status != "unknown" else "")
        + (f" title={tags.title!r}" if tags.title else ""),
    ]
    if not tags.brands:
        lines.append(
            "    no brand found: to add one the vocabulary lacks, [b] in the interactive review "
            "or --new-brand with --accept"
        )
    if cluster.case_id:
        lines.append(f"    matches existing case: {cluster.case_id}")
    for index, member in enumerate(members, 1):
        date = member.item.get("published") or "undated"
        lines.append(
            f"    {index}. {member.id} ({member.tags.lang}, {clean(date, 10)}, "
            f"{clean(member.item.get('source') or member.item.get('publisher'), 40)}, "
            f"{member.tags.relevance:.2f}): {clean(member.item.get('title'), 110)}"
        )
        lines.append(f"       {clean(member.item.get('url'), 110)}")
        if detail:
            summary = clean(member.item.get("summary"), 300)
            text = clean(member.item.get("text"), 400)
            if summary:
                lines.append(f"       summary: {summary}")
            if text and not text.startswith(summary[:60] or "\0"):
                lines.append(f"       text: {text}")
    shown_tags = ("brand", "event_type", "relevance")
    evidence = [e for e in lead.evidence if getattr(e, "tag", None) in shown_tags]
    for entry in evidence[:8]:
        field_name, text = getattr(entry, "field", ""), getattr(entry, "text", "")
        lines.append(
            f"      why {entry.tag}={getattr(entry, 'value', '')}: {field_name} "
            f"'{clean(text, 60)}' ({clean(getattr(entry, 'rule', ''), 90)})"
        )
    for why in cluster.why[:4]:
        lines.append(f"      grouped: {why}")
    return "\n".join(lines)


def _edit_tags(tags: accept.CaseTags, ask: Callable[[str], str]) -> accept.CaseTags:
    brands = ask(f"brands [{','.join(tags.brands)}] ('-' for none): ").strip()
    if brands:
        tags.brands = [b.strip() for b in brands.split(",") if b.strip() and b.strip() != "-"]
    for name in ("platform", "channel", "event_type", "status", "title"):
        value = ask(f"{name} [{getattr(tags, name) or ''}]: ").strip()
        if value:
            setattr(tags, name, None if value == "-" else value)
    return tags


def _pick(members: list[Candidate], answer: str) -> list[Candidate]:
    numbers = [int(n) for n in answer.replace(",", " ").split() if n.isdigit()]
    picked = [members[n - 1] for n in dict.fromkeys(numbers) if 1 <= n <= len(members)]
    if not picked:
        raise ReviewError(f"give item numbers between 1 and {len(members)}, e.g. 1,3")
    return picked


def _new_brand(folders: Folders, cluster: Cluster, ask: Callable[[str], str]) -> str:
    vocab = vocabulary.load(folders.vocab)
    guesses = add_brand.guesses(cluster.lead.item, vocab)
    default = guesses[0] if guesses else ""
    name = ask(f"brand name [{default}]: ").strip() or default
    industries = ", ".join(vocab["industries"])
    industry = ask(f"industry ({industries}): ").strip()
    country = ask("country (two-letter code, e.g. FR): ").strip()
    aliases = ask("aliases, comma-separated (empty for none): ").strip()
    brand = add_brand.NewBrand(
        name=name,
        industry=industry,
        country=country,
        aliases=[a.strip() for a in aliases.split(",") if a.strip()],
    )
    brand = add_brand.check(brand, vocab)
    add_brand.write(folders.vocab, brand)
    return brand.key


def interactive(
    folders: Folders,
    include_all: bool = False,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
) -> int:
    """Walk through pending clusters with a person; return how many decisions were made.

    Ctrl-D or Ctrl-C ends the review (decisions already made are kept)."""
    clusters = queue(folders)
    todo = shown(clusters, include_all)
    attach_cases(todo, load_cases(folders.cases))
    say(f"{len(todo)} pending cluster(s) ({len(clusters)} in all; --all shows every one)")
    done = 0
    try:
        for number, cluster in enumerate(todo, 1):
            left = list(cluster.members)
            tags = suggested_tags(cluster, left)
            picked: list[Candidate] | None = None
            while left:
                members = picked or left
                say("")
                say(describe(cluster, number, tags, members, detail=True))
                if picked:
                    say(f"    (acting on {len(picked)} picked item(s) of {len(left)})")
                target = cluster.case_id or "NEW"
                answer = (
                    ask(
                        f"[a]ccept into {target}, accept into [c]ase ID, [n]ew case, [e]dit tags, "
                        "[p]ick items, [b]rand to add, [r]eject, [s]kip, [q]uit: "
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
                        result = accept_items(folders, cluster, members, case, tags)
                        for path in result.paths:
                            say(f"wrote {path}")
                        for note in result.notes:
                            say(f"note: {note}")
                        cluster.case_id = result.paths[0].stem  # for the items left
                        if result.new_case:
                            say(
                                "it is a draft: fill in the parts marked TODO, then remove "
                                "'draft: true'"
                            )
                    elif answer == "e":
                        tags = _edit_tags(tags, ask)
                        continue
                    elif answer == "p":
                        picked = _pick(left, ask("item numbers, e.g. 1,3: "))
                        tags = suggested_tags(cluster, picked)
                        continue
                    elif answer == "b":
                        key = _new_brand(folders, cluster, ask)
                        tags.brands = list(dict.fromkeys([*tags.brands, key]))
                        say(f"added brand '{key}' to {folders.vocab / 'brands.yaml'}")
                        continue
                    elif answer == "r":
                        path = reject_items(folders, cluster, members, ask("reason: "))
                        say(f"rejected; decision recorded in {path}")
                    elif answer == "q":
                        return done
                    elif answer == "s":
                        break
                    else:
                        continue
                except (accept.AcceptError, ReviewError, add_brand.BrandError) as exc:
                    say(f"cannot do that: {exc}")
                    continue
                done += 1
                decided = {m.id for m in members}
                left = [m for m in left if m.id not in decided]
                picked = None
                if left:
                    tags = suggested_tags(cluster, left)
    except (EOFError, KeyboardInterrupt):
        say("")
        say(f"review stopped; {done} decision(s) recorded")
    return done
