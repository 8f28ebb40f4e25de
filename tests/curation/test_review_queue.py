"""The review queue: cached tags and clusters, bulk rejection and its undo, the digest."""

import dataclasses
import datetime as dt
import shutil

import pytest
import yaml
from curation_testing import FIXTURES, write_jsonl
from review_testing import cli_args, make_folders

from curation import decisions, queue, review
from curation.cli import main
from curation.tagger import tag_item


@pytest.fixture
def folders(tmp_path):
    folders = make_folders(tmp_path)
    shutil.copy(FIXTURES / "inbox.jsonl", folders.inbox / "2023-04.jsonl")
    return folders


def ids(clusters):
    return sorted(sorted(m.id for m in c.members) for c in clusters)


TOPICS = {
    1: ("Rain expected in the north", "Forecasters expect a wet week in the northern regions."),
    2: ("Museum opens a dinosaur hall", "The new gallery shows fossils found in the desert."),
    3: ("Local choir wins a prize", "Singers from the valley took first place at the festival."),
}


def item(n, day="2023-06-01", fetched="2023-06-02T08:00:00Z"):
    return {
        "id": f"weather-{n}",
        "url": f"https://weather.example.org/{n}",
        "title": TOPICS[n][0],
        "summary": TOPICS[n][1],
        "published": day,
        "fetched_at": fetched,
        "lang": "en",
    }


def test_tags_and_clusters_are_computed_once(folders, monkeypatch):
    first = review.queue(folders)
    assert list(folders.cache.glob("tags-*.tsv")) and list(folders.cache.glob("clusters-*"))

    def fail(*args, **kwargs):
        raise AssertionError("computed again")

    monkeypatch.setattr(queue, "tag_item", fail)
    monkeypatch.setattr(queue, "group", fail)
    again = review.queue(folders)
    assert ids(again) == ids(first)
    assert [c.id for c in again] == [c.id for c in first]
    assert [m.tags.brands for c in again for m in c.members] == [
        m.tags.brands for c in first for m in c.members
    ]
    # deciding items only takes them out of their cached cluster
    cluster, members = review.select(again, "en-copy")
    review.reject_items(folders, cluster, members, "a copy")
    assert "en-copy" not in {m.id for c in review.queue(folders) for m in c.members}


def test_a_new_item_is_tagged_alone_and_the_queue_regrouped(folders, monkeypatch):
    review.queue(folders)
    tagged = []
    real = queue.tag_item
    monkeypatch.setattr(
        queue, "tag_item", lambda it, t=None: tagged.append(it["id"]) or real(it, t)
    )
    write_jsonl(folders.inbox / "2023-06.jsonl", [item(1)])
    clusters = review.queue(folders)
    assert tagged == ["weather-1"]
    assert "weather-1" in {m.id for c in clusters for m in c.members}


def test_another_tagger_version_tags_again(folders, monkeypatch):
    review.queue(folders)
    monkeypatch.setattr(queue, "tagger_version", lambda tagger=None: "another-model")
    tagged = []
    real = queue.tag_item
    monkeypatch.setattr(
        queue, "tag_item", lambda it, t=None: tagged.append(it["id"]) or real(it, t)
    )
    monkeypatch.setattr(review, "tagger_version", queue.tagger_version)
    review.queue(folders)
    assert len(tagged) == 5
    assert [p.name for p in folders.cache.glob("tags-*.tsv")] == ["tags-another-model.tsv"]


def test_tagger_version_follows_the_data(monkeypatch, tmp_path):
    before = queue.tagger_version()
    assert before == queue.tagger_version()
    data = tmp_path / "curation"
    shutil.copytree(queue.DATA_DIR, data)
    (data / "extra.txt").write_text("a new data file\n", encoding="utf-8")
    monkeypatch.setattr(queue, "DATA_DIR", data)
    assert queue.tagger_version() != before


def test_reject_below_decides_the_long_tail_and_undo_brings_it_back(folders, capsys):
    write_jsonl(
        folders.inbox / "2023-06.jsonl",
        [item(1), item(2, fetched="2023-07-20T08:00:00Z"), item(3)],
    )
    before = {m.id for c in review.queue(folders) for m in c.members}
    low = {m.id for c in review.queue(folders) if c.relevance < 0.3 for m in c.members}
    assert {"weather-1", "weather-2", "weather-3", "orange-juice"} <= low

    # only what was gathered more than 30 days before 2023-08-01
    today = dt.date(2023, 8, 1)
    record, count = review.reject_below(folders, 0.3, older_than=30, today=today)
    left = {m.id for c in review.queue(folders) for m in c.members}
    assert "weather-2" in left and "weather-1" not in left
    assert count == len(before) - len(left)
    assert "bulk rejection: relevance below 0.3" in record.read_text(encoding="utf-8")
    # relevant clusters are never taken
    assert {"en-verge", "en-copy", "fr-copy"} <= left

    assert main(["review", *cli_args(folders), "--undo", record.name]) == 0
    assert "pending again" in capsys.readouterr().out
    assert {m.id for c in review.queue(folders) for m in c.members} == before

    assert main(["review", *cli_args(folders), "--reject-below", "0.3", "--reason", "noise"]) == 0
    out = capsys.readouterr().out
    assert "undo with: python -m curation review --undo" in out
    assert {m.id for c in review.queue(folders) for m in c.members} == before - low
    assert main(["review", *cli_args(folders), "--undo", "last"]) == 0
    assert {m.id for c in review.queue(folders) for m in c.members} == before


def test_undo_refuses_an_acceptance(folders, capsys):
    top = review.pending(folders)[0]
    result = review.accept_items(
        folders, top, top.members, "NEW", review.suggested_tags(top, top.members)
    )
    assert main(["review", *cli_args(folders), "--undo", result.decision.name]) == 1
    assert "restore the case with git" in capsys.readouterr().err
    assert result.decision.exists()


def test_reject_below_needs_a_threshold_between_0_and_1(folders, capsys):
    assert main(["review", *cli_args(folders), "--reject-below", "2"]) == 1
    assert "not between 0 and 1" in capsys.readouterr().err
    assert main(["review", *cli_args(folders), "--reject-below", "0.2", "--older-than", "-1"]) == 1
    assert "0 or more" in capsys.readouterr().err
    assert main(["review", *cli_args(folders), "--older-than", "3"]) == 2


def test_digest_lists_new_relevant_clusters_once(folders, capsys, tmp_path):
    state = tmp_path / "digest.json"
    digest_args = ["digest", *cli_args(folders), "--state", str(state)]
    assert main(digest_args) == 0
    text = capsys.readouterr().out
    assert text.startswith("Run `invoke review`")
    assert "## 2 new relevant stories" in text
    assert "### Air France ends customer service via Twitter DMs" in text
    assert "brands: air-france; event type: channel-closure" in text
    assert "[Air France met fin à son service client sur Twitter]" in text
    assert "Orange juice" not in text

    assert main(digest_args) == 0
    assert "No new relevant story since the last digest." in capsys.readouterr().out

    write_jsonl(
        folders.inbox / "2023-05.jsonl",
        [
            {
                "id": "klm-new",
                "url": "https://news.example.org/klm",
                "title": "KLM stops customer service on Twitter <script>alert(1)</script>",
                "summary": "KLM no longer answers customers by direct message on Twitter.",
                "published": "2023-05-20",
                "lang": "en",
                "publisher": "Example",
            }
        ],
    )
    shutil.copytree(review_testing_cases(), folders.cases)
    assert main(digest_args) == 0
    text = capsys.readouterr().out
    assert "## 1 new relevant story" in text
    assert "may belong to the existing case `klm-ends-twitter-customer-service`" in text
    assert "<script>" not in text


def review_testing_cases():
    from review_testing import ROOT

    return ROOT / "content" / "cases"


def test_tags_of_decided_items_stay_cached_for_an_undo(tmp_path, monkeypatch):
    template = tag_item({"id": "x", "title": "Rain expected in the north"})
    monkeypatch.setattr(
        queue, "tag_item", lambda it, t=None: dataclasses.replace(template, id=it["id"])
    )
    items = [{"id": f"item-{n}", "title": f"News number {n}"} for n in range(3000)]
    cache = queue.Cache(tmp_path, "v1")
    assert [t.id for t in cache.taggings(items, None)] == [i["id"] for i in items]

    def fail(*args, **kwargs):
        raise AssertionError("tagged again")

    monkeypatch.setattr(queue, "tag_item", fail)
    # most items decided, but still in the inbox: their tags stay for an undo
    cache.taggings(items[:10], None, keep={i["id"] for i in items})
    assert len(cache.taggings(items, None)) == 3000
    # items gone from the inbox are dropped once they are many
    cache.taggings(items[:10], None, keep={i["id"] for i in items[:10]})
    assert len(cache.tags_file.read_text(encoding="utf-8").splitlines()) == 10


def test_decision_files_are_parsed_once(folders, monkeypatch):
    top = review.queue(folders)[0]
    record = review.reject_items(folders, top, top.members, "not needed")
    cache = folders.cache / "decided.json"
    first = decisions.decided(folders.decisions, cache)
    real = decisions.read
    monkeypatch.setattr(decisions, "read", lambda path: pytest.fail("parsed again"))
    assert decisions.decided(folders.decisions, cache) == first
    # a changed file is read again
    monkeypatch.setattr(decisions, "read", real)
    text = record.read_text(encoding="utf-8").replace("- id: en-verge", "- id: changed")
    record.write_text(text, encoding="utf-8")
    assert "changed" in decisions.decided(folders.decisions, cache).ids


def test_the_scheduled_pull_request_body_is_the_digest():
    from review_testing import ROOT

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "scrape.yml").read_text())
    steps = workflow["jobs"]["scrape"]["steps"]
    runs = [s.get("run", "") for s in steps]
    digest = next(i for i, run in enumerate(runs) if "python -m curation digest" in run)
    pull = next(i for i, s in enumerate(steps) if "create-pull-request" in s.get("uses", ""))
    assert digest < pull
    output = runs[digest].split(">", 1)[1].strip().strip('"').replace("$RUNNER_TEMP", "")
    assert steps[pull]["with"]["body-path"].replace("${{ runner.temp }}", "") == output
