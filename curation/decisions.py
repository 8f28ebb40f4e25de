"""Review decisions, one YAML file each in a folder of the repository (reviewable in a PR).

A decision names its items by id and address, so a rejected item never comes back, even
when a scraper writes it again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml
from slugify import slugify

from curation.files import write_atomic


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


@dataclass
class Decided:
    """Ids and addresses of every item already decided."""

    ids: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)

    def covers(self, item_id: str, urls: set[str]) -> bool:
        return item_id in self.ids or bool(urls & self.urls)


def load(folder: Path) -> list[Decision]:
    """Every decision file of `folder`, oldest first."""
    decisions = []
    for path in sorted(Path(folder).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise ValueError(f"{path}: not a decision file (it needs a list of 'items')")
        known = {k: data.get(k) for k in Decision.__dataclass_fields__ if k in data}
        known["date"] = str(known.get("date", ""))
        decisions.append(Decision(**known))
    return decisions


def decided(folder: Path) -> Decided:
    """Ids and addresses of the items of every decision in `folder`."""
    seen = Decided()
    for decision in load(folder):
        for item in decision.items:
            if isinstance(item, dict):
                if item.get("id"):
                    seen.ids.add(str(item["id"]))
                for name in ("url", "canonical_url"):
                    if item.get(name):
                        seen.urls.add(str(item[name]))
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
    write_atomic(
        path, header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    )
    return path


def today() -> str:
    return dt.date.today().isoformat()
