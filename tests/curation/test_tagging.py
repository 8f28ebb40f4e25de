import json

import pytest
from curation_testing import FIXTURES, write_jsonl

from curation.cli import main
from curation.tagger import tag_item


def brands_of(title: str, summary: str = "") -> list[str]:
    return tag_item({"id": "t", "title": title, "summary": summary}).brands


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Le service client d’Air France ferme sur Twitter", ["air-france"]),
        ("Les clients d'Air France et de KLM mécontents", ["air-france", "klm"]),
        ("l’Orange box en panne : l'opérateur s'excuse auprès de ses abonnés", ["orange"]),
        ("Delta's new policy angers passengers", ["delta"]),
        ("Contactez @AirFrance ou @KLM pour vos réclamations", ["air-france", "klm"]),
        ("AIR FRANCE et KLM", ["air-france", "klm"]),
        ("Ups and downs of air france", ["air-france"]),
        (
            "Citroen, Société Generale and Crédit Agricole",
            ["citroen", "societe-generale", "credit-agricole"],
        ),
        ("Air-France répond", ["air-france"]),
    ],
)
def test_brand_forms(title, expected):
    assert sorted(brands_of(title)) == sorted(expected)


@pytest.mark.parametrize(
    "title",
    [
        "She wore an orange dress to the gala",
        "Le jus d'orange n'a jamais été aussi cher",
        "The Mekong Delta floods again",
        "Apple pie recipe for autumn",
        "Free school meals extended to more pupils",
        "Three men arrested after burglary",
        "BA graduates face a tough job market",
        "ee cummings poems",
        "Target shooting club celebrates 50 years",
    ],
)
def test_ambiguous_names_need_context(title):
    assert brands_of(title) == []


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Orange augmente le prix de ses forfaits mobiles", ["orange"]),
        ("BA lost my luggage and nobody answers", ["british-airways"]),
        ("Delta flight diverted after passenger complaint", ["delta"]),
        ("Free Mobile augmente ses prix", ["free"]),
        ("EE network outage hits customers", ["ee"]),
        ("Apple iPhone owners complain about battery", ["apple"]),
        ("Orange, SFR et Bouygues Telecom", ["orange", "sfr", "bouygues-telecom"]),
    ],
)
def test_ambiguous_names_with_context(title, expected):
    assert sorted(brands_of(title)) == sorted(expected)


def test_brand_evidence_names_field_and_rule():
    tags = tag_item(
        {
            "id": "e",
            "title": "Orange ferme son service client sur Twitter",
            "summary": "L'opérateur ne répond plus sur le réseau social.",
        }
    )
    brand = [e for e in tags.evidence if e.tag == "brand"]
    assert brand and brand[0].field == "title" and "context" in brand[0].rule


def test_platform_channel_industry_event():
    tags = tag_item(
        {
            "id": "k",
            "title": "KLM stops customer service via Twitter direct messages",
            "summary": "The airline no longer answers DMs.",
        }
    )
    assert (tags.platform, tags.channel, tags.industry, tags.event_type) == (
        "twitter",
        "direct-message",
        "airlines",
        "channel-closure",
    )
    assert tags.relevant and 0 <= tags.relevance <= 1


def test_language_is_guessed_when_missing():
    assert (
        tag_item(
            {"id": "l", "title": "La compagnie ne répond plus aux clients sur le réseau social"}
        ).lang
        == "fr"
    )
    assert (
        tag_item(
            {"id": "l", "title": "The airline will no longer answer its customers on the network"}
        ).lang
        == "en"
    )
    assert tag_item({"id": "l", "title": "Anything", "lang": "FR"}).lang == "fr"


def test_untrusted_text_is_cleaned():
    tags = tag_item({"id": "x", "title": "<script>alert(1)</script> Air France quits Twitter"})
    assert tags.brands == ["air-france"]
    assert all("<script" not in e.text for e in tags.evidence)


def test_seed_articles_are_tagged_right(seeds):
    assert len(seeds) == 5
    for seed in seeds:
        tags = tag_item(seed)
        expected = seed["expected"]
        assert tags.relevant, seed["id"]
        assert tags.brands == expected["brands"], seed["id"]
        assert tags.event_type == expected["event_type"], seed["id"]


def test_cli_tag_prints_one_object_per_item_in_order(tmp_path, capsys):
    path = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "title": "Air France ends customer service on Twitter"},
            {"id": "b", "title": "Recette de la tarte à l'orange", "summary": "Facile et rapide."},
            {"id": "c", "text": "KLM answers customers 24/7 on Twitter, said the airline."},
        ],
    )
    assert main(["tag", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    for row in rows:
        assert {
            "id",
            "brands",
            "platform",
            "channel",
            "event_type",
            "lang",
            "relevance",
            "relevant",
            "evidence",
        } <= set(row)
        assert 0 <= row["relevance"] <= 1 and isinstance(row["relevant"], bool)
    assert rows[0]["relevant"] and not rows[1]["relevant"]


def test_cli_tag_skips_bad_lines(capsys):
    assert main(["tag", str(FIXTURES / "inbox.jsonl")]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 5
    assert "inbox.jsonl:6: not JSON" in captured.err
    assert "inbox.jsonl:7: no title, summary or text" in captured.err
