"""Group copies of one story (several outlets, translations) and match groups to cases."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH

from curation.cases import CaseRef
from curation.inbox import item_urls, published
from curation.lexicon import Lexicon
from curation.tagger import Tagging
from curation.text import clean, words

NEAR_COPY = 0.5  # word overlap at which two items are copies whatever their tags
SAME_STORY_WORDS = 0.25  # word overlap that, with a shared brand or event type, makes one story
STORY_DAYS = 10  # how far apart two reports of one story may be published
CASE_DAYS_BEFORE = 30  # coverage may precede a case's date by this much (date precision)
CASE_DAYS_AFTER = 180  # and follow it by this much
# Near copies are found with MinHash LSH: LSH_BANDS bands of LSH_ROWS hashes each. Two items
# become a candidate pair with probability 1 - (1 - J**3)**42 for a word overlap J: 0.996 at
# NEAR_COPY (0.5), 0.29 at 0.2, 0.04 at 0.1; every candidate pair is then checked exactly.
LSH_BANDS, LSH_ROWS = 42, 3
PERMUTATIONS = LSH_BANDS * LSH_ROWS


@dataclass
class Candidate:
    """An inbox item with its tags."""

    item: dict
    tags: Tagging
    words: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        return str(self.item["id"])

    @property
    def date(self) -> dt.date | None:
        value = published(self.item)
        if value and len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return None
        return None


@dataclass
class Cluster:
    """Items that report one story."""

    id: str
    members: list[Candidate]
    case_id: str | None = None
    why: list[str] = field(default_factory=list)

    @property
    def relevance(self) -> float:
        return max(m.tags.relevance for m in self.members)

    @property
    def brands(self) -> list[str]:
        counts = Counter(b for m in self.members for b in m.tags.brands)
        return [b for b, _ in counts.most_common()]

    def most_common(self, name: str) -> str | None:
        values = [getattr(m.tags, name) for m in self.members if getattr(m.tags, name)]
        if not values:
            return None
        # the most relevant member breaks ties
        ranked = sorted(self.members, key=lambda m: -m.tags.relevance)
        counts = Counter(values)
        best = max(counts.values())
        return next(
            getattr(m.tags, name) for m in ranked if counts.get(getattr(m.tags, name)) == best
        )

    @property
    def dates(self) -> list[dt.date]:
        return sorted(d for d in (m.date for m in self.members) if d)

    @property
    def lead(self) -> Candidate:
        """The member shown first (see `ranked_members`)."""
        return ranked_members(self.members)[0]


def ranked_members(members: list[Candidate]) -> list[Candidate]:
    """Members of one story in the order they are shown: the relevant ones first, and among
    them the first report of the story (calibrated relevances of sure copies differ only in
    their last decimals, so they do not decide), then the more relevant, then by id."""
    return sorted(
        members,
        key=lambda m: (not m.tags.relevant, m.date or dt.date.max, -m.tags.relevance, m.id),
    )


def content_words(item: dict, lexicon: Lexicon) -> frozenset[str]:
    """Words of the title and summary that carry meaning (no common words, no short words)."""
    common = set().union(*lexicon.stopwords.values()) if lexicon.stopwords else set()
    text = clean(item.get("title")) + " " + clean(item.get("summary") or item.get("text"), 600)
    return frozenset(w for w in words(text) if len(w) > 2 and w not in common)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two word sets."""
    return len(a & b) / len(a | b) if a and b else 0.0


def same_story(a: Candidate, b: Candidate) -> str:
    """Why `a` and `b` report the same story, or '' when they do not."""
    shared_words = overlap(a.words, b.words)
    if shared_words >= NEAR_COPY:
        return f"near copies ({shared_words:.2f} word overlap)"
    if a.date and b.date:
        days = abs((a.date - b.date).days)
        if days > STORY_DAYS:
            return ""
    else:
        days = None
    shared_brands = set(a.tags.brands) & set(b.tags.brands)
    same_event = a.tags.event_type is not None and a.tags.event_type == b.tags.event_type
    when = f"{days} days apart" if days is not None else "undated"
    if shared_brands and same_event and (days is not None or shared_words >= 0.1):
        return f"same brand ({', '.join(sorted(shared_brands))}) and event type, {when}"
    if (
        same_event
        and not a.tags.brands
        and not b.tags.brands
        and a.tags.platform == b.tags.platform
        and shared_words >= SAME_STORY_WORDS
    ):
        return f"same platform event, {shared_words:.2f} word overlap, {when}"
    if (shared_brands or same_event) and shared_words >= SAME_STORY_WORDS:
        return f"{shared_words:.2f} word overlap with a shared brand or event type, {when}"
    return ""


def cluster_id(members: list[Candidate]) -> str:
    """A short id derived from the smallest member id (stable while that member is pending)."""
    first = min(m.id for m in members)
    return "c-" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:10]


def candidate_pairs(candidates: list[Candidate]) -> list[tuple[int, int]]:
    """The pairs worth comparing, without comparing all pairs.

    Every rule but near copies needs a shared brand or event type and dates at most
    STORY_DAYS apart (or undated): those pairs come from blocks of items sharing a brand
    or an event type, sorted by date, each item paired with the ones in its time window.
    Near copies (any tags, any dates) come from MinHash LSH over the content words.
    The result is deterministic (the hashes are seeded).
    """
    pairs: set[tuple[int, int]] = set()
    with_words = [i for i, c in enumerate(candidates) if c.words]
    if with_words:
        index = MinHashLSH(num_perm=PERMUTATIONS, params=(LSH_BANDS, LSH_ROWS))
        hashes = MinHash.bulk(
            [[w.encode("utf-8") for w in sorted(candidates[i].words)] for i in with_words],
            num_perm=PERMUTATIONS,
        )
        with index.insertion_session() as session:
            for i, minhash in zip(with_words, hashes, strict=True):
                session.insert(i, minhash, check_duplication=False)
        for i, minhash in zip(with_words, hashes, strict=True):
            pairs.update((min(i, j), max(i, j)) for j in index.query(minhash) if j != i)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, candidate in enumerate(candidates):
        for brand in set(candidate.tags.brands):
            blocks[("brand", brand)].append(i)
        if candidate.tags.event_type:
            blocks[("event", candidate.tags.event_type)].append(i)
    window = dt.timedelta(days=STORY_DAYS)
    for members in blocks.values():
        dated = sorted((candidates[i].date, i) for i in members if candidates[i].date)
        start = 0
        for k, (date, i) in enumerate(dated):
            while date - dated[start][0] > window:
                start += 1
            pairs.update((min(i, j), max(i, j)) for _, j in dated[start:k])
        for i in (i for i in members if not candidates[i].date):
            pairs.update((min(i, j), max(i, j)) for j in members if j != i)
    return sorted(pairs)


def group(candidates: list[Candidate], lexicon: Lexicon) -> list[Cluster]:
    """Clusters of candidates that report the same story: most relevant, then largest first."""
    for candidate in candidates:
        if not candidate.words:
            candidate.words = content_words(candidate.item, lexicon)
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    reasons: dict[int, list[str]] = {}
    for i, j in candidate_pairs(candidates):
        if root(i) == root(j):
            continue
        why = same_story(candidates[i], candidates[j])
        if why:
            reasons.setdefault(root(i), []).extend(reasons.pop(root(j), []))
            reasons[root(i)].append(f"{candidates[i].id} ~ {candidates[j].id}: {why}")
            parent[root(j)] = root(i)
    groups: dict[int, list[Candidate]] = {}
    for index, candidate in enumerate(candidates):
        groups.setdefault(root(index), []).append(candidate)
    clusters = [Cluster(cluster_id(m), m, why=reasons.get(r, [])) for r, m in groups.items()]
    # relevance to two decimals: calibrated relevances of sure items differ in the third only
    return sorted(clusters, key=lambda c: (-round(c.relevance, 2), -len(c.members), c.id))


def match_case(cluster: Cluster, cases: list[CaseRef]) -> tuple[CaseRef | None, str]:
    """The existing case this cluster covers, and why; (None, '') when there is none."""
    urls = set().union(*(item_urls(m.item) for m in cluster.members))
    for case in cases:
        if urls & case.source_urls:
            return case, "an item's address is already a source of the case"
    event_type = cluster.most_common("event_type")
    brands = set(cluster.brands)
    platform = cluster.most_common("platform")
    fitting = [
        case
        for case in cases
        if event_type
        and case.event_type == event_type
        and (
            (brands and brands & set(case.brands))
            or (not brands and not case.brands and case.platform == platform)
        )
    ]
    dated = cluster.dates
    if dated:
        first, last = dated[0], dated[-1]
        in_time = [
            case
            for case in fitting
            if case.start
            and case.end
            and case.start - dt.timedelta(days=CASE_DAYS_BEFORE) <= last
            and first <= case.end + dt.timedelta(days=CASE_DAYS_AFTER)
        ]
        if in_time:
            case = min(in_time, key=lambda c: abs((c.start - first).days))
            return case, f"same brand and event type ({event_type}), published near {case.start}"
        return None, ""
    if len(fitting) == 1:
        return fitting[0], f"same brand and event type ({event_type}); the items are undated"
    return None, ""
