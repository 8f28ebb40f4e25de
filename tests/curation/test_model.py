import json

import pytest
from curation_testing import write_jsonl

from curation import corpus, model, train
from curation.tagger import default_tagger, make_tagger, tag_item


def written_items(count: int) -> list[dict]:
    """`count` written items of the corpus, relevant and not, in a fixed order."""
    source = corpus.LABELLED_DIR / "written-set1.jsonl"
    return [json.loads(line) for line in source.read_text("utf-8").splitlines()][::2][:count]


def test_shipped_model_matches_its_data():
    shipped = model.load()
    assert shipped.data_hash == train.current_hash(), (
        "data/curation/model.json was not trained on the current labelled corpus and "
        "data/curation/cues.yaml; run `invoke train` and commit the model"
    )


def test_training_is_deterministic_and_the_file_reads_back(tmp_path):
    folder = tmp_path / "labelled"
    write_jsonl(folder / "written-a.jsonl", written_items(80))
    write_jsonl(folder / "blind-a.jsonl", written_items(100)[80:])
    assert main_train(folder, tmp_path / "one.json") == 0
    assert main_train(folder, tmp_path / "two.json") == 0
    first = (tmp_path / "one.json").read_text("utf-8")
    assert first == (tmp_path / "two.json").read_text("utf-8")
    trained = model.Model.from_json(json.loads(first))
    assert trained.trained_on["items"] == 80  # the blind file is not trained on
    tagger = make_tagger(default_tagger().brand_vocab, default_tagger().lexicon, trained)
    item = {"id": "k", "title": "KLM stops customer service via Twitter direct messages"}
    assert tag_item(item, tagger).relevant


def main_train(folder, out) -> int:
    return train.main(["--labelled", str(folder), "--out", str(out)])


def test_training_refuses_bad_labels_and_names_every_problem(tmp_path, capsys):
    folder = tmp_path / "labelled"
    good = written_items(1)[0]
    bad = [
        good,
        {**good, "id": "b1", "origin": "scraped"},
        {**good, "id": "b2", "expected": {**good["expected"], "brands": ["no-such-brand"]}},
        {**good, "id": good["id"]},
    ]
    path = write_jsonl(folder / "written-bad.jsonl", bad)
    (folder / "written-bad.jsonl").write_text(path.read_text("utf-8") + "{oops\n", "utf-8")
    assert main_train(folder, tmp_path / "m.json") == 1
    err = capsys.readouterr().err
    assert "written-bad.jsonl:2: origin: is 'scraped'" in err
    assert "written-bad.jsonl:3: expected.brands: 'no-such-brand' is not in" in err
    assert "written-bad.jsonl:4: id:" in err and "written-bad.jsonl:5: line: not JSON" in err
    assert not (tmp_path / "m.json").exists()


def test_relevance_is_a_probability_and_evidence_names_words_and_fields():
    kept = tag_item(
        {
            "id": "k",
            "title": "KLM stops customer service via Twitter direct messages",
            "summary": "The airline no longer answers DMs and points passengers to WhatsApp.",
        }
    )
    dropped = tag_item(
        {"id": "o", "title": "Orange juice prices hit a record", "summary": "Crops failed."}
    )
    assert kept.relevant and not dropped.relevant
    assert 0.5 <= kept.relevance <= 1 and 0 <= dropped.relevance < 0.5
    assert kept.event_type == "channel-closure" and dropped.event_type is None
    words = [e for e in kept.evidence if e.tag == "relevance" and e.rule.startswith("words")]
    assert words and all(e.field in ("title", "summary") for e in words)
    assert all(e.text.strip("…").lower() in kept_text().lower() for e in words)
    assert any(e.tag == "event_type" and e.rule.startswith("cue") for e in kept.evidence)
    against = [e for e in dropped.evidence if e.tag == "relevance" and "against" in e.rule]
    assert against and "most against" in dropped.evidence[0].rule


def kept_text() -> str:
    return (
        "KLM stops customer service via Twitter direct messages "
        "The airline no longer answers DMs and points passengers to WhatsApp."
    )


@pytest.mark.parametrize(
    ("title", "platform", "brands"),
    [
        ("La RATP ne répondra plus aux voyageurs sur X", "twitter", ["ratp"]),
        ("X limite les messages privés des comptes non abonnés", "twitter", ["twitter"]),
        ("Brands quit X as the platform raises API prices", "twitter", []),
        ("Malcolm X biopic tops the box office on its first weekend", None, []),
        ("iPhone X owners report battery problems on social media", None, ["apple"]),
    ],
)
def test_x_alone_is_twitter_when_the_context_says_so(title, platform, brands):
    tags = tag_item({"id": "x", "title": title})
    assert tags.platform == platform
    assert ("twitter" in tags.brands) == ("twitter" in brands)


def test_tagger_version_follows_the_model():
    tagger = default_tagger()
    assert tagger.version == default_tagger().version
    other = make_tagger(tagger.brand_vocab, tagger.lexicon, None)
    assert other.version != tagger.version


def test_two_event_types_are_both_predicted():
    """With two event types the regression has one score; both types must come out."""
    source = corpus.LABELLED_DIR / "written-set1.jsonl"
    every = [json.loads(line) for line in source.read_text("utf-8").splitlines()]
    kinds = {"channel-closure", "paid-amplification"}
    items = [i for i in every if i["expected"]["event_type"] in kinds][:30]
    items += [i for i in every if not i["expected"]["relevant"]][:30]
    trained = train.fit_items(items, train.labelled_signals(items), "test")
    assert sorted(trained.event_classes) == sorted(kinds)
    tagger = make_tagger(default_tagger().brand_vocab, default_tagger().lexicon, trained)
    closure = {"id": "a", "title": "KLM stops answering customers on Twitter"}
    paid = {"id": "b", "title": "Passenger buys a promoted tweet to complain about BA"}
    assert tag_item(closure, tagger).event_type == "channel-closure"
    assert tag_item(paid, tagger).event_type == "paid-amplification"


def test_an_article_body_does_not_make_an_unrelated_story_relevant():
    """The model reads title and lede, as in its labelled items; the body only adds tags."""
    item = {
        "id": "body",
        "title": "Orange juice prices hit a record after a poor harvest",
        "summary": "Growers in Brazil and Florida lost a third of their crop to disease.",
        "text": "Also today: Air France ends customer service by Twitter direct messages. "
        "KLM no longer answers DMs and points passengers to WhatsApp.",
    }
    tags = tag_item(item)
    assert not tags.relevant and tags.event_type is None
    assert tags.platform == "twitter"  # tags still come from the whole item
