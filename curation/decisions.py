"""Review decisions, one YAML file each in a folder of the repository (reviewable in a PR).

A decision names its items by id and address, so a rejected item never comes back, even
when a scraper writes it again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml
from slugify import slugify

from curation.files import write_atomic

# libyaml when available: a bulk decision lists thousands of items
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class DecisionError(ValueError):
    """A decision file cannot be read or undone; the message says why and what to do."""


@dataclass
class Decision:
    """What a person decided about some items."""

    action: str  # "accepted" or "rejected"
    date: str
    items: list[dict]  # each {id, url, title}
    cluster: str | None = None
    case: str | None = None  # for an acceptance: the case the items went to
    reason: str | None = None  # for a rejection
    tags: dict = field(default_factory=dict)
    selection: str | None = None  # for a bulk decision: which items it took
    note: str | None = None


@dataclass
class Decided:
    """Ids and addresses of every item already decided."""

    ids: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)

    def covers(self, item_id: str, urls: set[str]) -> bool:
        return item_id in self.ids or bool(urls & self.urls)


def read(path: Path) -> Decision:
    """One decision file; DecisionError when it is not one."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        raise DecisionError(f"{path}: not valid YAML ({exc}); fix or delete the file") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise DecisionError(f"{path}: not a decision file (it needs a list of 'items')")
    known = {k: data.get(k) for k in Decision.__dataclass_fields__ if k in data}
    known["date"] = str(known.get("date", ""))
    return Decision(**known)


def load(folder: Path) -> list[Decision]:
    """Every decision file of `folder`, oldest first."""
    return [read(path) for path in sorted(Path(folder).glob("*.yaml"))]


def _addresses(decision: Decision) -> tuple[list[str], list[str]]:
    ids, urls = [], []
    for item in decision.items:
        if isinstance(item, dict):
            if item.get("id"):
                ids.append(str(item["id"]))
            urls += [str(item[name]) for name in ("url", "canonical_url") if item.get(name)]
    return ids, urls


def decided(folder: Path, cache: Path | None = None) -> Decided:
    """Ids and addresses of the items of every decision in `folder`.

    With `cache` (a JSON file), the ids and addresses of each decision file are kept there
    with the file's size and modification time, so a bulk decision of thousands of items is
    parsed once."""
    known: dict = {}
    if cache and Path(cache).is_file():
        try:
            known = json.loads(Path(cache).read_text(encoding="utf-8"))
        except ValueError:
            known = {}
    seen, fresh, changed = Decided(), {}, False
    for path in sorted(Path(folder).glob("*.yaml")):
        info = path.stat()
        stamp = [info.st_size, info.st_mtime_ns]
        entry = known.get(path.name) if isinstance(known, dict) else None
        if not (isinstance(entry, dict) and entry.get("stamp") == stamp):
            ids, urls = _addresses(read(path))
            entry, changed = {"stamp": stamp, "ids": ids, "urls": urls}, True
        fresh[path.name] = entry
        seen.ids.update(entry["ids"])
        seen.urls.update(entry["urls"])
    if cache and (changed or len(fresh) != len(known)):
        write_atomic(Path(cache), json.dumps(fresh, ensure_ascii=False))
    return seen


def file_name(decision: Decision) -> str:
    """`DATE-ACTION-FIRSTID-HASH.yaml`: readable, and distinct for distinct item sets."""
    ids = sorted(str(item.get("id")) for item in decision.items)
    digest = hashlib.sha1("\n".join(ids).encode("utf-8")).hexdigest()[:8]
    first = slugify(ids[0], max_length=40) if ids else "none"
    return f"{decision.date}-{decision.action}-{first}-{digest}.yaml"


def record(folder: Path, decision: Decision) -> Path:
    """Write the decision to its own file in `folder`, atomically; return the path."""
    path = Path(folder) / file_name(decision)
    number = 2
    while path.exists():
        path = path.with_name(f"{path.stem.rsplit('~', 1)[0]}~{number}.yaml")
        number += 1
    data = {k: v for k, v in asdict(decision).items() if v not in (None, {}, [])}
    header = "# A curation decision, written by `python -m curation review`.\n"
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    write_atomic(path, header + body)
    os.chmod(path, 0o644)
    return path


def latest(folder: Path) -> Path:
    """The decision file written last."""
    paths = list(Path(folder).glob("*.yaml"))
    if not paths:
        raise DecisionError(f"{folder} holds no decision to undo")
    return max(paths, key=lambda p: (p.stat().st_mtime_ns, p.name))


def undo(folder: Path, name: str) -> tuple[Path, Decision]:
    """Remove a rejection (`name`: its file name, path, or 'last') so its items are pending
    again; return the removed file and what it said. An acceptance wrote a case, so it is
    undone with git instead."""
    path = latest(folder) if name == "last" else Path(folder) / Path(name).name
    if not path.is_file():
        raise DecisionError(f"no decision file {path}; list them with 'ls {folder}'")
    decision = read(path)
    if decision.action != "rejected":
        raise DecisionError(
            f"{path} accepted items into case '{decision.case}': restore the case with git "
            f"(git checkout -- FILE, or delete a new draft), then delete {path}"
        )
    path.unlink()
    return path, decision


def today() -> str:
    return dt.date.today().isoformat()
