"""Accepting new coverage into existing cases: every shipped case, languages, layout, log."""

import dataclasses
import datetime as dt
import difflib
import stat

import pytest
from review_testing import ROOT, make_folders, validates

from casebook.frontmatter import read
from curation import accept, review
from curation.cases import load_cases
from curation.cluster import Candidate, Cluster
from curation.matching import match
from curation.tagger import tag_item

TODAY = dt.date.today()
SHIPPED = sorted((ROOT / "content" / "cases").rglob("*.md"))


def candidate(item):
    return Candidate(item, tag_item(item))


def coverage(case_id, lang, n=1):
    return {
        "id": f"new-{n}-{case_id}",
        "url": f"https://coverage.example.org/{lang}/{case_id}/{n}",
        "title": "Yes: the story, told again" if lang == "en" else "Oui : l'histoire, encore",
        "publisher": "Coverage Weekly",
        "published": "2024-02",
        "lang": lang,
        "summary": "Another outlet reports the same events with a few more details.",
    }


@pytest.mark.parametrize("shipped", SHIPPED, ids=lambda p: p.stem)
def test_accept_a_new_item_into_every_shipped_case(shipped, tmp_path, capsys):
    folders = make_folders(tmp_path, cases=True)
    path = folders.cases / shipped.relative_to(ROOT / "content" / "cases")
    before = path.read_text(encoding="utf-8")
    meta = read(path).meta
    member = candidate(coverage(meta["id"], meta["lang"]))
    cluster = Cluster("c-test", [member])
    tags = review.suggested_tags(cluster, [member])

    result = review.accept_items(folders, cluster, [member], meta["id"], tags)

    assert result.paths == [path]
    validates(folders, capsys)
    after = path.read_text(encoding="utf-8")
    # every line of the file is kept (comments, quoting, folding): lines are only added, and
    # the updated date changed
    old, new = before.splitlines(), after.splitlines()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "replace":
            assert old[i1:i2] == [line for line in old if line.startswith("updated:")]
            assert new[j1:j2] == [f"updated: {TODAY.isoformat()}"]
        else:
            assert op in ("equal", "insert"), (op, old[i1:i2], new[j1:j2])
    new_meta = read(path).meta
    assert new_meta["updated"] == TODAY.isoformat()
    source = new_meta["sources"][-1]
    assert source == {
        "url": member.item["url"],
        "title": member.item["title"],
        "publisher": "Coverage Weekly",
        "published": "2024-02",
        "lang": meta["lang"],
    }
    assert len(new_meta["sources"]) == len(meta["sources"]) + 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_english_item_goes_to_the_english_case_and_the_translation_is_noted(tmp_path, capsys):
    folders = make_folders(tmp_path, cases=True)
    english = folders.cases / "klm-ends-twitter-customer-service.md"
    french = folders.cases / "fr" / "klm-arrete-le-service-client-sur-twitter.md"
    french_before = french.read_text(encoding="utf-8")
    member = candidate(coverage("klm", "en"))
    cluster = Cluster("c-test", [member])
    tags = review.suggested_tags(cluster, [member])

    # named by its French translation, the case still gets the English item in English
    result = review.accept_items(
        folders, cluster, [member], "klm-arrete-le-service-client-sur-twitter", tags
    )
    assert result.paths == [english]
    assert french.read_text(encoding="utf-8") == french_before
    assert any("klm-ends-twitter-customer-service" in n for n in result.notes)
    assert any("fr version klm-arrete-le-service-client-sur-twitter" in n for n in result.notes)
    validates(folders, capsys)
    decision = result.decision.read_text(encoding="utf-8")
    assert "klm-arrete-le-service-client-sur-twitter" in decision


def test_items_of_both_languages_go_to_their_own_versions(tmp_path, capsys):
    folders = make_folders(tmp_path, cases=True)
    members = [candidate(coverage("af", "en")), candidate(coverage("af", "fr", 2))]
    cluster = Cluster("c-test", members)
    tags = review.suggested_tags(cluster, members)
    result = review.accept_items(
        folders, cluster, members, "air-france-ends-twitter-dm-customer-service", tags
    )
    assert sorted(p.name for p in result.paths) == [
        "air-france-arrete-le-service-client-par-dm-sur-twitter.md",
        "air-france-ends-twitter-dm-customer-service.md",
    ]
    for path in result.paths:
        langs = [s["lang"] for s in read(path).meta["sources"]]
        assert langs[-1] == read(path).meta["lang"]
    validates(folders, capsys)


def klm_item(lang, title, summary):
    return {
        "id": f"klm-{lang}",
        "url": f"https://news.example.org/{lang}/klm",
        "title": title,
        "summary": summary,
        "published": "2023-05-03",
        "lang": lang,
        "publisher": "Example",
    }


def test_matching_offers_the_case_in_the_items_language(tmp_path):
    folders = make_folders(tmp_path, cases=True)
    cases = load_cases(folders.cases)
    english = candidate(
        klm_item(
            "en",
            "KLM stops customer service on Twitter",
            "KLM no longer answers customers by direct message on Twitter.",
        )
    )
    french = candidate(
        klm_item(
            "fr",
            "KLM arrête son service client sur Twitter",
            "KLM ne répond plus aux messages privés de ses clients sur Twitter.",
        )
    )
    case, _ = match(Cluster("c-en", [english]), cases)
    assert case is not None and case.id == "klm-ends-twitter-customer-service"
    case, _ = match(Cluster("c-fr", [french]), cases)
    assert case is not None and case.id == "klm-arrete-le-service-client-sur-twitter"


def test_an_item_with_no_event_type_can_match_a_case(tmp_path):
    folders = make_folders(tmp_path, cases=True)
    item = klm_item(
        "en",
        "KLM and its customers on Twitter",
        "A look at how KLM talks to travellers on Twitter these days.",
    )
    tags = dataclasses.replace(tag_item(item), event_type=None, brands=["klm"])
    case, why = match(Cluster("c-x", [Candidate(item, tags)]), load_cases(folders.cases))
    assert case is not None and case.id == "klm-ends-twitter-customer-service"
    assert "no event type" in why
    # another brand's item with no event type matches nothing
    other = dataclasses.replace(tags, brands=["lufthansa"])
    assert match(Cluster("c-y", [Candidate(item, other)]), load_cases(folders.cases)) == (None, "")


def test_the_corrections_log_gets_an_entry_in_its_own_style(tmp_path, monkeypatch):
    # the log (`changes:`) comes with another issue; until the schema has it, only the edit is
    # checked here, not the validation
    monkeypatch.setattr(accept, "check", lambda *args, **kwargs: None)
    path = tmp_path / "case.md"
    path.write_text(
        "---\nid: case\n# the log of corrections\nchanges:\n"
        "  - {date: 2024-01-02, what: First version.}\nupdated: 2024-01-02\n"
        "sources:\n  - url: https://a.example/x\n    title: A title\n    publisher: A\n"
        "    lang: en\n---\nBody text.\n",
        encoding="utf-8",
    )
    item = coverage("case", "en")
    text = accept.add_sources(path, [item], None, dt.date(2024, 3, 4), note="Also to cite.")
    assert "# the log of corrections\n" in text
    assert "  - {date: 2024-01-02, what: First version.}\n" in text
    assert (
        "  - {date: 2024-03-04, what: 'Added 1 source(s) found by the review: Coverage Weekly."
        " Also to cite.'}\n" in text
    )
    assert text.endswith("---\nBody text.\n")
    assert "updated: 2024-03-04\n" in text


def test_nothing_is_written_when_the_case_would_not_validate(tmp_path):
    folders = make_folders(tmp_path, cases=True)
    path = folders.cases / "delta-pledges-twitter-replies-within-the-hour.md"
    broken = path.read_text(encoding="utf-8").replace("brands: [delta]", "brands: [deltaa]")
    path.write_text(broken, encoding="utf-8")
    member = candidate(coverage("delta", "en"))
    cluster = Cluster("c-test", [member])
    with pytest.raises(accept.AcceptError, match="unknown brand 'deltaa'"):
        review.accept_items(
            folders,
            cluster,
            [member],
            "delta-pledges-twitter-replies-within-the-hour",
            review.suggested_tags(cluster, [member]),
        )
    assert path.read_text(encoding="utf-8") == broken
    assert not folders.decisions.exists()
