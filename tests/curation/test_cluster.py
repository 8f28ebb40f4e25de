import datetime as dt
import json

from curation_testing import FIXTURES

from curation.cases import CaseRef
from curation.cluster import Candidate, group, match_case
from curation.tagger import default_tagger, tag_item


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
