import datetime as dt
import json
import shutil
import stat

import pytest
from curation_testing import FIXTURES, write_jsonl
from review_testing import cli_args, make_folders, validates

from casebook.frontmatter import read
from curation import accept, review
from curation.cli import main

TODAY = dt.date.today()
AIR_FRANCE = {"en-verge", "en-copy", "fr-copy"}


@pytest.fixture
def folders(tmp_path):
    folders = make_folders(tmp_path)
    shutil.copy(FIXTURES / "inbox.jsonl", folders.inbox / "2023-04.jsonl")
    return folders


def args(folders):
    return ["review", *cli_args(folders)]


def pending_ids(folders):
    return {m.id for c in review.pending(folders) for m in c.members}


def cases(folders):
    return sorted(folders.cases.rglob("*.md"))


def test_accept_cluster_as_new_draft_then_add_coverage(folders, capsys):
    top = review.pending(folders)[0]
    assert {m.id for m in top.members} == AIR_FRANCE

    assert main([*args(folders), "--accept", top.id, "--case", "NEW"]) == 0
    out = capsys.readouterr().out
    assert "draft" in out and "TODO" in out
    validates(folders, capsys)
    (path,) = cases(folders)
    doc = read(path)
    meta = doc.meta
    assert meta["id"] == path.stem == "air-france-ends-customer-service-via-twitter-dms"
    assert meta["draft"] is True
    assert meta["brands"] == ["air-france"] and meta["event_type"] == "channel-closure"
    assert meta["platform"] == "twitter" and meta["date"] == "2023-04-28"
    assert meta["added"] == meta["updated"] == TODAY.isoformat()
    # the summary is the best item's own text, the narrative a skeleton to fill in
    assert meta["summary"].startswith("Air France says that because Twitter changed")
    assert "TODO" in doc.body and "## What happened" in doc.body
    assert len(meta["sources"]) == 3
    assert all({"url", "title", "publisher", "lang"} <= set(s) for s in meta["sources"])
    assert {s["lang"] for s in meta["sources"]} == {"en", "fr"}
    assert all("published" in s for s in meta["sources"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert pending_ids(folders) == {"ba-promoted", "orange-juice"}
    assert len(list(folders.decisions.glob("*.yaml"))) == 1

    # new coverage of the same story later joins that case as a new source
    write_jsonl(
        folders.inbox / "2023-05.jsonl",
        [
            {
                "id": "late",
                "url": "https://late.example.net/af",
                "published": "2023-05-01",
                "title": "Air France no longer answers DMs on Twitter",
                "source": "Late Daily",
                "lang": "en",
                "summary": "The airline stopped its customer service by direct message.",
            }
        ],
    )
    cluster = next(c for c in review.pending(folders) if "late" in {m.id for m in c.members})
    assert cluster.case_id == meta["id"]
    assert main([*args(folders), "--accept", "late", "--case", meta["id"]]) == 0
    out = capsys.readouterr().out
    assert "TODO" not in out  # no "fill in the draft" hint for new coverage of a case
    validates(folders, capsys)
    sources = read(path).meta["sources"]
    assert [s["url"] for s in sources][-1] == "https://late.example.net/af"
    assert len(sources) == 4
    assert "late" not in pending_ids(folders)


def test_new_case_id_and_title_drop_the_publisher_and_never_cut_a_word(folders):
    item = {
        "id": "long-fr",
        "url": "https://www.ouest-france.fr/x",
        "publisher": "Ouest-France",
        "lang": "fr",
        "published": "2013-09-04",
        "title": "Un passager achète un tweet sponsorisé pour dénoncer le service client de "
        "British Airways - Ouest-France",
        "summary": "Un passager mécontent a payé pour promouvoir un tweet contre British Airways.",
    }
    write_jsonl(folders.inbox / "2013-09.jsonl", [item])
    cluster, members = review.select(review.pending(folders), "long-fr")
    tags = review.suggested_tags(cluster, members)
    tags.event_type, tags.platform = "paid-amplification", "twitter"
    result = review.accept_items(folders, cluster, members, "NEW", tags)
    (path,) = result.paths
    meta = read(path).meta
    assert path.parent.name == "fr" and meta["lang"] == "fr"
    assert meta["title"].endswith("service client de British Airways")
    # too long with its small words: they go first, and no word is cut
    assert path.stem == "passager-achete-tweet-sponsorise-denoncer-service-client-british-airways"


@pytest.mark.parametrize(
    "title, publisher, url, expected",
    [
        (
            "KLM stops Twitter DMs | Reuters",
            "Reuters",
            "https://www.reuters.com/a",
            "KLM stops Twitter DMs",
        ),
        (
            "Air France quits Twitter - Le Parisien",
            "",
            "https://www.leparisien.fr/a",
            "Air France quits Twitter",
        ),
        (
            "Air France - KLM results",
            "Le Monde",
            "https://www.lemonde.fr/a",
            "Air France - KLM results",
        ),
    ],
)
def test_case_title_drops_only_the_publisher(title, publisher, url, expected):
    assert accept.case_title({"title": title, "publisher": publisher, "url": url}) == expected


def test_unique_id_keeps_whole_words():
    long_title = (
        "The airline said on Monday that it would stop answering customers through direct "
        "messages on the social network for good"
    )
    case_id = accept.unique_id(long_title, set())
    assert len(case_id) <= 76
    assert all(word in long_title.lower() for word in case_id.split("-"))
    assert not case_id.endswith(("-the", "-on", "-for", "-of"))
    assert accept.unique_id("Short title", {"short-title"}) == "short-title-2"


def test_accept_unique_id_and_overrides(folders, capsys):
    clusters = review.pending(folders)
    ba = next(c for c in clusters if "ba-promoted" in {m.id for m in c.members})
    for _ in range(2):
        tags = review.suggested_tags(ba, ba.members)
        tags.status = "resolved"
        review.accept_items(folders, ba, ba.members, "NEW", tags)
    validates(folders, capsys)
    metas = [read(p).meta for p in cases(folders)]
    assert sorted(m["id"] for m in metas) == [
        "man-buys-promoted-tweet-to-complain-about-british-airways",
        "man-buys-promoted-tweet-to-complain-about-british-airways-2",
    ]
    assert metas[0]["event_type"] == "paid-amplification"
    assert metas[0]["status"] == "resolved"


def test_reject_records_decision_and_item_never_returns(folders, capsys):
    assert "orange-juice" in pending_ids(folders)
    assert main([*args(folders), "--reject", "orange-juice", "--reason", "the fruit"]) == 0
    assert "orange-juice" not in pending_ids(folders)
    (record,) = folders.decisions.glob("*.yaml")
    text = record.read_text(encoding="utf-8")
    assert "rejected" in text and "the fruit" in text and "orange-juice" in text
    # a scraper writing the same address again under another id does not bring it back
    write_jsonl(
        folders.inbox / "2023-05.jsonl",
        [
            {
                "id": "other-id",
                "url": "https://food.example.com/orange-juice",
                "title": "Orange juice prices hit a record",
            }
        ],
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
    assert not cases(folders)
    assert not folders.decisions.exists() or not list(folders.decisions.glob("*.yaml"))


def test_list_ranks_relevant_clusters_first_and_hides_the_rest(folders, capsys):
    assert main([*args(folders), "--list"]) == 0
    out = capsys.readouterr().out
    assert "c-" in out and "why event_type=channel-closure" in out
    assert "orange-juice" not in out and "below the threshold" in out
    assert main([*args(folders), "--list", "--all"]) == 0
    out = capsys.readouterr().out
    assert out.index("en-verge") < out.index("ba-promoted") < out.index("orange-juice")
    relevances = [
        float(line.split("relevance ")[1].split()[0])
        for line in out.splitlines()
        if "relevance " in line and line.startswith("[")
    ]
    relevant_part = relevances[:-1]
    assert relevant_part == sorted(relevant_part, reverse=True)


class Script:
    """Answers for the interactive review; raises what a terminal would at the end."""

    def __init__(self, answers, end=EOFError):
        self.answers = list(answers)
        self.end = end
        self.prompts = []

    def __call__(self, prompt):
        self.prompts.append(prompt)
        if not self.answers:
            raise self.end()
        return self.answers.pop(0)


def test_interactive_edit_shows_then_accept_and_reject(folders, capsys):
    answers = Script(["e", "", "", "", "", "resolved", "", "n", "r", "not a case"])
    said = []
    decided = review.interactive(folders, ask=answers, say=said.append)
    assert decided == 2
    validates(folders, capsys)
    (path,) = cases(folders)
    assert read(path).meta["status"] == "resolved"
    assert pending_ids(folders) == {"orange-juice"}
    text = "\n".join(said)
    # the edited tags are what the next display shows; summary and text are shown
    after_edit = text.split("status=resolved", 1)
    assert len(after_edit) == 2
    assert "summary: Air France says that because Twitter changed" in text


@pytest.mark.parametrize("end", [EOFError, KeyboardInterrupt])
def test_interactive_ctrl_d_and_ctrl_c_end_cleanly(folders, end):
    said = []
    assert review.interactive(folders, ask=Script([], end), say=said.append) == 0
    assert "review stopped; 0 decision(s) recorded" in said


def test_interactive_pick_items_one_by_one(folders, capsys):
    top = review.pending(folders)[0]
    numbers = {m.id: n for n, m in enumerate(top.members, 1)}
    answers = Script(["p", str(numbers["fr-copy"]), "r", "French copy not wanted", "n", "q"])
    said = []
    assert review.interactive(folders, ask=answers, say=said.append) == 2
    validates(folders, capsys)
    (path,) = cases(folders)
    urls = {s["url"] for s in read(path).meta["sources"]}
    assert len(urls) == 2 and not any("journal.example.fr" in u for u in urls)
    assert "acting on 1 picked item(s) of 3" in "\n".join(said)


def test_files_written_are_readable_by_all(folders):
    top = review.pending(folders)[0]
    result = review.accept_items(
        folders, top, top.members, "NEW", review.suggested_tags(top, top.members)
    )
    for path in [*result.paths, result.decision]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_unreadable_decision_file_is_a_clear_error(folders, capsys):
    folders.decisions.mkdir()
    (folders.decisions / "broken.yaml").write_text("items: [unclosed\n", encoding="utf-8")
    assert main([*args(folders), "--list"]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml" in err and "fix or delete" in err
    json.dumps(err)  # one readable message, no traceback
    assert "Traceback" not in err
