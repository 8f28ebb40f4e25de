import datetime as dt
import json
import random

from curation_testing import FIXTURES

from curation import corpus
from curation.cases import CaseRef
from curation.cluster import Candidate, group, match_case, same_story
from curation.tagger import default_tagger, tag_item, tag_items


def candidates() -> list[Candidate]:
    items = []
    for line in (FIXTURES / "inbox.jsonl").read_text(encoding="utf-8").splitlines():
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue
        if item.get("title"):
            items.append(Candidate(item, tag_item(item)))
    return items


def test_copies_and_translation_form_one_cluster():
    clusters = group(candidates(), default_tagger().lexicon)
    by_member = {m.id: c.id for c in clusters for m in c.members}
    assert by_member["en-verge"] == by_member["en-copy"] == by_member["fr-copy"]
    assert by_member["ba-promoted"] != by_member["en-verge"]
    assert by_member["orange-juice"] not in (by_member["en-verge"], by_member["ba-promoted"])
    assert len(clusters) == 3
    top = clusters[0]
    assert len(top.members) == 3 and top.why
    assert top.brands == ["air-france"] and top.most_common("event_type") == "channel-closure"


def test_same_brand_far_apart_in_time_stays_apart():
    old = {
        "id": "old",
        "title": "Air France ends customer service on Twitter",
        "published": "2019-01-10",
    }
    new = {
        "id": "new",
        "title": "Air France stops answering customers on Twitter",
        "published": "2023-04-28",
    }
    clusters = group([Candidate(i, tag_item(i)) for i in (old, new)], default_tagger().lexicon)
    assert len(clusters) == 2


def case(case_id, brands, event, start, end, urls=()):
    return CaseRef(case_id, None, tuple(brands), "twitter", event, start, end, frozenset(urls))


def test_cluster_matches_case_with_same_brand_event_and_time():
    clusters = group(candidates(), default_tagger().lexicon)
    air_france = next(c for c in clusters if "en-verge" in {m.id for m in c.members})
    cases = [
        case("klm-ends", ["klm"], "channel-closure", dt.date(2023, 5, 1), dt.date(2023, 5, 31)),
        case(
            "af-ends", ["air-france"], "channel-closure", dt.date(2023, 4, 28), dt.date(2023, 4, 28)
        ),
        case(
            "af-2012", ["air-france"], "channel-closure", dt.date(2012, 1, 1), dt.date(2012, 12, 31)
        ),
    ]
    found, why = match_case(air_france, cases)
    assert found.id == "af-ends" and why
    ba = next(c for c in clusters if "ba-promoted" in {m.id for m in c.members})
    assert match_case(ba, cases) == (None, "")


def test_cluster_matches_case_citing_its_address():
    clusters = group(candidates(), default_tagger().lexicon)
    ba = next(c for c in clusters if "ba-promoted" in {m.id for m in c.members})
    cases = [
        case(
            "ba", [], "viral-complaint", None, None, ["https://news.example.com/ba-promoted-tweet"]
        )
    ]
    assert match_case(ba, cases)[0].id == "ba"


def all_pairs_components(candidates: list[Candidate]) -> set[frozenset[str]]:
    """The story groups of comparing every pair, as the grouping did before it scaled."""
    parent = {c.id: c.id for c in candidates}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for i, a in enumerate(candidates):
        for b in candidates[i + 1 :]:
            if same_story(a, b):
                parent[root(b.id)] = root(a.id)
    groups: dict[str, set[str]] = {}
    for c in candidates:
        groups.setdefault(root(c.id), set()).add(c.id)
    return {frozenset(g) for g in groups.values()}


def test_grouping_without_all_pairs_finds_the_same_stories():
    """Reports of labelled stories over three months, some rewritten, some undated."""
    source = corpus.LABELLED_DIR / "written-set1.jsonl"
    stories = [json.loads(line) for line in source.read_text("utf-8").splitlines()]
    rng = random.Random(7)
    items = []
    for n in range(360):
        story = rng.choice(stories)
        words = story["title"].split() + story["summary"].split()
        kept = [w for w in words if rng.random() > 0.15]
        date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(90))
        item = {"id": f"r{n:03d}", "title": " ".join(kept[:14]), "summary": " ".join(kept[14:])}
        if n % 9:
            item["published"] = date.isoformat()
        items.append(item)
    tagger = default_tagger()
    candidates = [Candidate(i, t) for i, t in zip(items, tag_items(items, tagger), strict=True)]
    clusters = group(candidates, tagger.lexicon)
    found = {frozenset(m.id for m in c.members) for c in clusters}
    assert found == all_pairs_components(candidates)
    assert 1 < len(found) < len(items)
