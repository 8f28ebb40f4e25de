import json

import pytest
from curation_testing import FIXTURES, write_jsonl

from curation import rules
from curation.cli import main
from curation.tagger import default_tagger, score_cues, tag_item


def lexicon_tags(title: str):
    """The tags the lexicon's own rule gives: its cues are features of the model."""
    return rules.tag_item({"id": "p", "title": title}, default_tagger())


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


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # French negations and closure phrasings
        ("Orange ne répond plus à ses clients sur Twitter", "channel-closure"),
        ("La SNCF n'assure plus le SAV sur Facebook", "channel-closure"),
        ("SFR met fin à son assistance sur X", "channel-closure"),
        ("Fin du service client sur Twitter pour Free", "channel-closure"),
        ("Bouygues Telecom abandonne Twitter pour son service client", "channel-closure"),
        ("La compagnie arrête de répondre aux demandes des clients sur X", "channel-closure"),
        ("Easyjet stops answering complaints on X", "channel-closure"),
        # openings, including "désormais" and "can now"
        ("Darty est désormais joignable sur WhatsApp", "channel-opening"),
        ("Tesco customers can now chat with staff on WhatsApp", "channel-opening"),
        ("Delta now offers customer service via Apple Business Chat", "channel-opening"),
        ("Iberia adds video chat with agents at airports", "channel-opening"),
        # hours: change vs report
        ("Le service client d'EDF désormais joignable 24h/24", "service-hours-change"),
        ("BT extends opening hours of its helpline to 10pm", "service-hours-change"),
        ("Free réduit les horaires de son service client", "service-hours-change"),
        ("Ryanair answers customers on Twitter within minutes", "response-pledge"),
        ("Air France promet de répondre dans l'heure sur Twitter", "response-pledge"),
        ("Un client achète un tweet sponsorisé pour dénoncer Free", "paid-amplification"),
        (
            "Attention aux faux comptes du service client d'Amazon sur Twitter",
            "impersonation-warning",
        ),
        ("Meta lance la certification payante pour les entreprises", "verification-change"),
    ],
)
def test_event_phrasings(title, expected):
    assert lexicon_tags(title).event_type == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # a negated opening is a closure
        ("Ryanair no longer offers customer support on WhatsApp", "channel-closure"),
        ("L'opérateur ne lance plus son service client sur WhatsApp", "channel-closure"),
        # a cue in a cause clause is the background, not the event
        ("Air France cuts customer service on Twitter amid API changes", "channel-closure"),
        ("KLM stops Twitter customer service after API pricing changes", "channel-closure"),
        (
            "Twitter pauses paid verification after fake accounts impersonate brands",
            "verification-change",
        ),
        # closing a channel at weekends or at night changes its hours
        ("Sky's Twitter team no longer available at weekends", "service-hours-change"),
        ("Le service client ne répond plus sur X le week-end", "service-hours-change"),
    ],
)
def test_event_clause_context(title, expected):
    tags = lexicon_tags(title)
    assert tags.event_type == expected
    assert any(e.tag == "event_type" for e in tags.evidence)


def test_cause_clause_weighs_less_and_is_noted():
    tagger = default_tagger()
    fields = {"title": "KLM ends Twitter customer service amid API changes"}
    scores, evidence = score_cues(tagger, tagger.lexicon.event_types, fields, "e", events=True)
    policy = [e for e in evidence if e.value == "platform-policy-change"]
    assert policy and all("cause clause" in e.rule for e in policy)
    assert scores["channel-closure"] > scores["platform-policy-change"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # hours written as a range of times, or as round-the-clock service
        ("Free : des conseillers joignables de 8 h à 22 h", "service-hours-report"),
        ("Our social media agents work 6 a.m. to midnight", "service-hours-report"),
        ("Le service client d'Orange répond par chat en journée seulement", "service-hours-report"),
        ("Telus réduit les heures de son centre d'appels le samedi", "service-hours-change"),
        ("The helpline will close at 1pm rather than 5pm", "service-hours-change"),
        ("Deutsche Telekom's hotline now answers around the clock", "service-hours-change"),
        # openings described by what customers can now do
        ("Riders can now call a live support agent", "channel-opening"),
        ("Videotron ajoute le clavardage à son service à la clientèle", "channel-opening"),
        # pledges of a human or of a short wait
        ("Boursorama promet un conseiller en moins de cinq minutes", "response-pledge"),
        ("The carrier promises customers a real person every time", "response-pledge"),
        # paid complaints without the words 'promoted' or 'sponsored'
        ("Un abonné loue un panneau 4x3 pour interpeller son opérateur", "paid-amplification"),
    ],
)
def test_general_phrasings(title, expected):
    tags = lexicon_tags(title)
    assert tags.event_type == expected


@pytest.mark.parametrize(
    "title",
    [
        # software support and device availability are not service channels
        "Google ends support for old Chrome versions",
        "Microsoft ends support for Windows 10",
        "Netflix no longer available on older TVs",
        # opening hours of shops are not a help desk's
        "Tesco stores open 8am to 10pm on Boxing Day",
        "Le magasin Carrefour ouvert de 8 h à 21 h le dimanche",
    ],
)
def test_not_customer_service(title):
    assert not lexicon_tags(title).relevant


def test_same_words_count_once_per_event():
    tagger = default_tagger()
    fields = {"summary": "son compte Twitter opère 24h/24 et 7j/7"}
    scores, evidence = score_cues(tagger, tagger.lexicon.event_types, fields, "e", events=True)
    spans = [e.text for e in evidence if e.value == "service-hours-report"]
    assert len(spans) == len(set(spans))


def test_brand_exclusions():
    assert brands_of("Transat Jacques Vabre : les skippers ont quitté Le Havre") == []
    assert brands_of("Air Transat ends Twitter customer service") == ["air-transat"]


def test_cue_patterns_expand_named_regexes():
    from curation.lexicon import compile_cue

    pattern = compile_cue("from <hours>", {"hours": r"\d+ to \d+"})
    assert pattern.search("open from 8 to 10")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # the platform is the medium of customer service: not the item's brand
        ("The 10 commandments of customer service on Twitter", []),
        ("Air France ends customer service on Twitter", ["air-france"]),
        # the platform's own news
        ("Twitter rebrands as X and replaces its bird logo", ["twitter"]),
    ],
)
def test_platform_is_a_brand_only_in_its_own_news(title, expected):
    assert brands_of(title) == expected
