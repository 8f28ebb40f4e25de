"""Curation reads the inbox through the shared plumbing: schema check, file and
line of every bad line, later copies replacing earlier ones, aggregator links
never cited."""

import json

import pytest

from casebook.item_id import item_id_for_url, normalize_url
from curation.accept import AcceptError, source_of
from curation.inbox import Problem, item_id, item_urls, read_items
from curation.language import language_of


def write(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_bad_lines_are_reported_with_file_line_and_field(tmp_path):
    path = write(
        tmp_path / "2024-03.jsonl",
        [
            json.dumps({"id": "a", "url": "https://x.example/a", "title": "Fine"}),
            '{"id": "b", "url": "https://x.exa',
            json.dumps({"id": "c", "title": "Bad date", "published": "March 2024"}),
            json.dumps({"id": "d", "title": "Bad address", "url": "ftp://x.example/d"}),
            json.dumps({"id": "e", "summary": "   "}),
            json.dumps(["not", "an", "object"]),
        ],
    )
    problems: list[Problem] = []
    items = read_items([path], problems)
    assert [i["id"] for i in items] == ["a"]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (2, "not JSON (Invalid control character at)"),
        (3, "published"),
        (4, "url"),
        (5, "no title, summary or text"),
        (6, "not a JSON object"),
    ]
    assert str(problems[1]).startswith(f"{path}:3: published: 'March 2024' does not match")


def test_a_later_copy_replaces_the_earlier_in_its_place(tmp_path):
    march = write(
        tmp_path / "2024-03.jsonl",
        [
            json.dumps({"id": "g", "url": "https://news.google.com/rss/articles/X", "title": "T"}),
            json.dumps({"id": "h", "url": "https://y.example/h", "title": "Other"}),
        ],
    )
    april = write(
        tmp_path / "2024-04.jsonl",
        [json.dumps({"id": "g", "url": "https://outlet.example/t", "title": "T", "lang": "FR-fr"})],
    )
    items = read_items([march, april])
    assert [(i["id"], i["url"]) for i in items] == [
        ("g", "https://outlet.example/t"),
        ("h", "https://y.example/h"),
    ]
    assert items[0]["lang"] == "fr"  # tolerated variant made canonical


def test_aggregator_links_are_never_case_sources():
    flagged = {
        "id": "g",
        "url": "https://news.google.com/rss/articles/CBMiOpaque",
        "title": "Bank closes helpline",
        "publisher": "Daily",
        "flags": ["aggregator-link"],
    }
    assert item_urls(flagged) == set()
    with pytest.raises(AcceptError, match="aggregator's link is not a source"):
        source_of(flagged)
    resolved = flagged | {"canonical_url": "https://daily.example/bank"}
    assert source_of(resolved)["url"] == "https://daily.example/bank"


def test_shared_item_id_and_language_code():
    url = "HTTPS://Outlet.Example:443/a?utm_source=x&id=3#top"
    assert normalize_url(url) == "https://outlet.example/a?id=3"
    assert item_id({"url": url}) == item_id_for_url("https://outlet.example/a?id=3")
    assert item_id({"id": 7}) == "7"
    assert language_of({"lang": "fr-CA"}, "", {"en": set()}) == ("fr", "item field 'lang'")
    assert language_of({"lang": "zz-top!"}, "the cat", {"en": {"the"}})[0] == "en"
