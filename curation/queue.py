"""The review queue: pending inbox items, tagged and grouped once, with the results cached.

Tags are computed once per item and cached by item id (with a digest of the item's text, so
an item rewritten by a scraper is tagged again). Clusters are computed once per batch of new
items: while no new item arrives, deciding items only removes them from their cached
cluster. Both caches are keyed by the tagger's version, so a new model or lexicon tags and
groups everything again. The cache lives in `state/review/` (not in git); deleting it is
always safe.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import inspect
import json
import os
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from casebook.vocabulary import VOCAB_DIR
from curation import DATA_DIR
from curation import tagger as tagger_module
from curation.cluster import Candidate, Cluster, group
from curation.files import write_atomic
from curation.tagger import Tagging, tag_item

CACHE_FORMAT = "3"
# modules of this package that neither tag nor group: a change to them keeps the cache
REVIEW_MODULES = {
    "__init__.py",
    "__main__.py",
    "accept.py",
    "add_brand.py",
    "cases.py",
    "cli.py",
    "decisions.py",
    "digest.py",
    "matching.py",
    "queue.py",
    "review.py",
    "roundtrip.py",
}


def tagger_version(tagger=None) -> str:
    """A short string that changes whenever the tags or groups could change: the tagger's own
    version when it declares one, its data files (model, cues, vocabularies) and the code of
    the modules that tag and group."""
    digest = hashlib.sha1(CACHE_FORMAT.encode())
    for owner in (tagger, tagger_module):
        for name in ("version", "VERSION", "TAGGER_VERSION", "MODEL_VERSION"):
            value = getattr(owner, name, None)
            if isinstance(value, str | int | float):
                digest.update(f"{name}={value}".encode())
    package = Path(tagger_module.__file__).parent
    groups = [
        (Path(DATA_DIR), sorted(p for p in Path(DATA_DIR).rglob("*") if p.is_file())),
        (Path(VOCAB_DIR), sorted(Path(VOCAB_DIR).glob("*.yaml"))),
        (package, sorted(p for p in package.glob("*.py") if p.name not in REVIEW_MODULES)),
    ]
    for base, files in groups:
        for path in files:
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def item_digest(item: dict) -> str:
    """What tagging reads of an item, hashed: a rewritten item is tagged again."""
    keys = ("title", "summary", "text", "lang", "published", "url", "canonical_url", "publisher")
    text = "\x1f".join(str(item.get(k) or "") for k in keys)
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:12]


def _key(item_id: str) -> str:
    """The id as the first field of a cache line: no tab or line break left in it."""
    if "\\" in item_id or "\t" in item_id or "\n" in item_id or "\r" in item_id:
        return json.dumps(item_id)[1:-1]
    return item_id


def _plain(value):
    """A value json cannot write as it is (a numpy number, a path): its plain form."""
    return value.item() if hasattr(value, "item") else str(value)


def _line(key: str, digest: str, tags: dict) -> str:
    return f"{key}\t{digest}\t{json.dumps(tags, ensure_ascii=False, default=_plain)}\n"


def _as_json(tagging) -> dict:
    if hasattr(tagging, "to_json"):
        return tagging.to_json()
    return dataclasses.asdict(tagging)


@lru_cache(maxsize=8)
def _field_names(kind: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(kind))


def _evidence(entry):
    kind = getattr(tagger_module, "Evidence", None)
    if not isinstance(entry, dict):
        return entry
    if kind is not None and dataclasses.is_dataclass(kind):
        names = _field_names(kind)
        try:
            return kind(**{k: v for k, v in entry.items() if k in names})
        except TypeError:
            pass
    return SimpleNamespace(**entry)


def _tagging(data: dict) -> Tagging:
    names = _field_names(Tagging)
    values = {k: v for k, v in data.items() if k in names}
    if isinstance(values.get("evidence"), list):
        values["evidence"] = [_evidence(e) for e in values["evidence"]]
    return Tagging(**values)


class Cache:
    """The tag and cluster caches of one tagger version in `folder`."""

    def __init__(self, folder: Path, version: str):
        self.folder = Path(folder)
        self.version = version
        self.tags_file = self.folder / f"tags-{version}.tsv"
        self.clusters_file = self.folder / f"clusters-{version}.json"

    def _drop_other_versions(self) -> None:
        for path in self.folder.glob("tags-*.tsv"):
            if path != self.tags_file:
                path.unlink(missing_ok=True)
        for path in self.folder.glob("clusters-*.json"):
            if path != self.clusters_file:
                path.unlink(missing_ok=True)

    def taggings(self, items: list[dict], tagger, keep: set[str] | None = None) -> list[Tagging]:
        """The tags of every item, from the cache when it has them, tagged (and cached)
        otherwise. `keep`: ids whose tags stay cached (every inbox item, decided or not, so
        an undone rejection costs nothing); the others are dropped once they are many.

        One line per item: the id, the item's digest and the tags (JSON), separated by tabs,
        so lines of items not asked for are never parsed."""
        known: dict[str, tuple[str, str]] = {}
        if self.tags_file.is_file():
            with self.tags_file.open(encoding="utf-8") as stream:
                for line in stream:
                    parts = line.rstrip("\n").split("\t", 2)
                    if len(parts) == 3:  # else a line cut by a crash: tagged again
                        known[parts[0]] = (parts[1], parts[2])
        out, fresh = [], []
        for item in items:
            key = _key(item["id"])
            digest = item_digest(item)
            cached = known.get(key)
            tagging = None
            if cached and cached[0] == digest:
                try:
                    tagging = _tagging(json.loads(cached[1]))
                except (ValueError, TypeError):
                    tagging = None  # cut, or written by another Tagging shape
            if tagging is None:
                tagging = tag_item(item, tagger)
                fresh.append(_line(key, digest, _as_json(tagging)))
                known.pop(key, None)
            out.append(tagging)
        keys = {_key(i) for i in (keep or {i["id"] for i in items})}
        stale = len(known) - len(keys & known.keys())
        self.folder.mkdir(parents=True, exist_ok=True)
        if stale > 1000 and stale > len(known) // 2:
            kept = [f"{k}\t{d}\t{payload}\n" for k, (d, payload) in known.items() if k in keys]
            write_atomic(self.tags_file, "".join(kept + fresh))
        elif fresh:
            self._drop_other_versions()
            with self.tags_file.open("a", encoding="utf-8") as stream:
                stream.writelines(fresh)
        if self.tags_file.exists():
            os.chmod(self.tags_file, 0o644)
        return out

    def clusters(self, candidates: list[Candidate], tagger) -> list[Cluster]:
        """The candidates grouped: the cached groups while no candidate is new to them, the
        cluster module's grouping of all of them otherwise."""
        by_id = {c.id: c for c in candidates}
        cached = self._load_clusters()
        if cached is not None and set(by_id) <= cached[0]:
            out = []
            for entry in cached[1]:
                members = [by_id[i] for i in entry["members"] if i in by_id]
                if members:
                    out.append(Cluster(id=entry["id"], members=members, why=list(entry["why"])))
            return out
        clusters = _group(candidates, tagger)
        self.store(set(by_id), clusters)
        return clusters

    def store(self, item_ids: set[str], clusters: list[Cluster]) -> None:
        """Keep `clusters`, the grouping of the items `item_ids`, for the next runs."""
        data = {
            "items": sorted(item_ids),
            "clusters": [
                {"id": c.id, "members": [m.id for m in c.members], "why": list(c.why)}
                for c in clusters
            ],
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        self._drop_other_versions()
        write_atomic(self.clusters_file, json.dumps(data, ensure_ascii=False))

    def _load_clusters(self) -> tuple[set[str], list[dict]] | None:
        if not self.clusters_file.is_file():
            return None
        try:
            data = json.loads(self.clusters_file.read_text(encoding="utf-8"))
            return set(data["items"]), list(data["clusters"])
        except (ValueError, KeyError, TypeError):
            return None


def _group(candidates: list[Candidate], tagger) -> list[Cluster]:
    if len(inspect.signature(group).parameters) == 1:
        return group(candidates)
    return group(candidates, getattr(tagger, "lexicon", None))


def is_relevant(cluster: Cluster) -> bool:
    """A cluster is worth a person's time when the model finds one of its items relevant."""
    return any(getattr(m.tags, "relevant", False) for m in cluster.members)


def ranked(clusters: list[Cluster]) -> list[Cluster]:
    """Relevant clusters first, each part by relevance (highest first, to two decimals, as
    calibrated scores of sure items differ in the third only), then size."""
    return sorted(
        clusters,
        key=lambda c: (not is_relevant(c), -round(c.relevance, 2), -len(c.members), c.id),
    )


def gathered(item: dict) -> dt.date | None:
    """When the item was gathered (`fetched_at`), else published; None when unknown."""
    for name in ("fetched_at", "published"):
        value = item.get(name)
        if isinstance(value, str) and len(value) >= 10:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None
