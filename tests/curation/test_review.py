import datetime as dt
import shutil

import pytest
from curation_testing import FIXTURES

from casebook import vocabulary
from casebook.validate import check_files
from curation import review
from curation.accept import DRAFT_MARK
from curation.cli import main

TODAY = dt.date.today()


@pytest.fixture
def folders(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(FIXTURES / "inbox.jsonl", inbox / "2023-04-30.jsonl")
    return review.Folders(inbox, tmp_path / "cases", tmp_path / "decisions")


def args(folders):
    return [
        "review",
        "--inbox",
        str(folders.inbox),
        "--cases",
        str(folders.cases),
        "--decisions",
        str(folders.decisions),
    ]


def pending_ids(folders):
    return {m.id for c in review.pending(folders) for m in c.members}


def valid(folders):
    paths = sorted(folders.cases.rglob("*.md"))
    docs, problems = check_files(paths, vocabulary.load(), TODAY)
    assert not problems, "\n".join(map(str, problems))
    return docs


def test_accept_cluster_as_new_case_then_add_coverage(folders, capsys):
    clusters = review.pending(folders)
    top = clusters[0]
    assert {m.id for m in top.members} == {"en-verge", "en-copy", "fr-copy"}

    assert main([*args(folders), "--accept", top.id, "--case", "NEW"]) == 0
    assert "wrote" in capsys.readouterr().out
    (doc,) = valid(folders)
    meta = doc.meta
    assert meta["id"] == doc.path.stem == "air-france-ends-customer-service-via-twitter-dms"
    assert meta["brands"] == ["air-france"] and meta["event_type"] == "channel-closure"
    assert meta["platform"] == "twitter" and meta["date"] == "2023-04-28"
    assert meta["added"] == meta["updated"] == TODAY.isoformat()
    assert meta["summary"].startswith(DRAFT_MARK)
    assert len(meta["sources"]) == 3
    first = meta["sources"][0]
    assert set(first) <= {"url", "title", "publisher", "published", "lang"}
    assert {s["lang"] for s in meta["sources"]} == {"en", "fr"}
    assert pending_ids(folders) == {"ba-promoted", "orange-juice"}
    assert len(list(folders.decisions.glob("*.yaml"))) == 1

    # new coverage of the same story later joins that case as a new source
    late = folders.inbox / "2023-05-01.jsonl"
    late.write_text(
        '{"id": "late", "url": "https://late.example.net/af", "published": "2023-05-01", '
        '"title": "Air France no longer answers DMs on Twitter", "source": "Late Daily", '
        '"lang": "en", "summary": "The airline stopped its customer service by direct '
        'message."}\n',
        encoding="utf-8",
    )
    cluster = next(c for c in review.pending(folders) if "late" in {m.id for m in c.members})
    assert cluster.case_id == meta["id"]
    assert main([*args(folders), "--accept", "late", "--case", meta["id"]]) == 0
    (doc,) = valid(folders)
    assert [s["url"] for s in doc.meta["sources"]][-1] == "https://late.example.net/af"
    assert len(doc.meta["sources"]) == 4
    assert "late" not in pending_ids(folders)


def test_accept_unique_id_and_overrides(folders):
    clusters = review.pending(folders)
    ba = next(c for c in clusters if "ba-promoted" in {m.id for m in c.members})
    for _ in range(2):
        tags = review.suggested_tags(ba, ba.members)
        tags.status = "resolved"
        review.accept_items(folders, ba, ba.members, "NEW", tags)
    docs = valid(folders)
    assert sorted(d.meta["id"] for d in docs) == [
        "man-buys-promoted-tweet-to-complain-about-british-airways",
        "man-buys-promoted-tweet-to-complain-about-british-airways-2",
    ]
    assert docs[0].meta["event_type"] == "paid-amplification"
    assert docs[0].meta["status"] == "resolved"


def test_reject_records_decision_and_item_never_returns(folders, capsys):
    assert "orange-juice" in pending_ids(folders)
    assert main([*args(folders), "--reject", "orange-juice", "--reason", "the fruit"]) == 0
    assert "orange-juice" not in pending_ids(folders)
    (record,) = folders.decisions.glob("*.yaml")
    text = record.read_text(encoding="utf-8")
    assert "rejected" in text and "the fruit" in text and "orange-juice" in text
    # a scraper writing the same address again under another id does not bring it back
    again = folders.inbox / "2023-05-03.jsonl"
    again.write_text(
        '{"id": "other-id", "url": "https://food.example.com/orange-juice", '
        '"title": "Orange juice prices hit a record"}\n',
        encoding="utf-8",
    )
    assert "other-id" not in pending_ids(folders)
    assert main([*args(folders), "--reject", "orange-juice", "--reason", "again"]) == 1
    assert "no pending cluster or item" in capsys.readouterr().err


def test_review_refuses_unknown_case_and_bad_tags(folders, capsys):
    top = review.pending(folders)[0]
    assert main([*args(folders), "--accept", top.id, "--case", "no-such-case"]) == 1
    assert (
        main([*args(folders), "--accept", top.id, "--case", "NEW", "--event-type", "not-a-type"])
        == 1
    )
    err = capsys.readouterr().err
    assert "no case has the id" in err and "unknown key 'not-a-type'" in err
    assert not folders.cases.exists() or not list(folders.cases.rglob("*.md"))
    assert not folders.decisions.exists() or not list(folders.decisions.glob("*.yaml"))


def test_interactive_review(folders):
    answers = iter(["e", "", "", "", "", "resolved", "", "n", "r", "not a case"])
    said = []
    decided = review.interactive(folders, ask=lambda _: next(answers), say=said.append)
    assert decided == 2
    (doc,) = valid(folders)
    assert doc.meta["status"] == "resolved"
    assert pending_ids(folders) == {"orange-juice"}
    assert any("relevance" in line for line in said)


def test_list_shows_pending_clusters(folders, capsys):
    assert main([*args(folders), "--list"]) == 0
    out = capsys.readouterr().out
    assert "c-" in out and "why event_type=channel-closure" in out
