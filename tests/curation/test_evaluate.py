import json

from curation_testing import write_jsonl

from curation import corpus
from curation.cli import main
from curation.evaluate import Outcome, score
from curation.tagger import Tagging


def small_corpus(tmp_path, blind: int = 0):
    """A labelled folder made of written items of the project's corpus (fast to train on)."""
    source = corpus.LABELLED_DIR / "written-set1.jsonl"
    items = [json.loads(line) for line in source.read_text("utf-8").splitlines()][::2]
    folder = tmp_path / "labelled"
    write_jsonl(folder / "written-a.jsonl", items[:70])
    if blind:
        write_jsonl(folder / "blind-a.jsonl", items[70 : 70 + blind])
    return folder


def test_evaluate_prints_both_taggers_folds_confusion_and_blind(tmp_path, capsys):
    folder = small_corpus(tmp_path, blind=20)
    assert main(["evaluate", "--labelled", str(folder), "--folds", "3"]) == 0
    out = capsys.readouterr().out
    assert "70 items for cross-validation" in out and "20 blind" in out
    assert "3-fold CV, all" in out and "3-fold CV, written" in out and "blind, all" in out
    assert out.count(" model ") >= 3 and out.count(" lexicon ") >= 3
    assert "event types, model, 3-fold CV, all" in out and "channel-closure" in out
    assert "relevance P / R / F1" in out


def tags(relevant: bool, brands: list[str], event: str | None) -> Tagging:
    return Tagging("x", brands, None, None, None, event, "en", float(relevant), relevant)


def test_score_counts_relevance_brands_events_and_platform():
    items = [
        {
            "id": "a",
            "title": "A",
            "expected": {
                "relevant": True,
                "brands": ["klm"],
                "event_type": "channel-closure",
                "platform": "twitter",
            },
        },
        {
            "id": "b",
            "title": "B",
            "expected": {"relevant": False, "brands": [], "event_type": None},
        },
        {
            "id": "c",
            "title": "C",
            "expected": {
                "relevant": True,
                "brands": ["sfr", "orange"],
                "event_type": "viral-complaint",
            },
        },
    ]
    outcomes = [
        Outcome(tags(True, ["klm"], "channel-closure"), "channel-closure"),
        Outcome(tags(True, ["delta"], None), "viral-complaint"),
        Outcome(tags(False, ["sfr"], None), "channel-opening"),
    ]
    report = score(items, outcomes)
    assert (report.relevance.tp, report.relevance.fp, report.relevance.fn) == (1, 1, 1)
    assert (report.brands.tp, report.brands.fp, report.brands.fn) == (2, 1, 1)
    assert report.event_right == 1 and report.event_total == 2
    assert report.confusion[("viral-complaint", "channel-opening")] == 1
    assert report.platform["total"] == 1 and report.platform["right"] == 0
    assert len(report.mistakes) == 3
