"""Measure the tagger against a labelled set: precision, recall and F1 per tag."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from curation.tagger import Tagger, Tagging, default_tagger, tag_item

LABELLED_FILE = Path(__file__).resolve().parent.parent / "tests" / "curation" / "labelled.jsonl"
TARGETS = {"relevance_f1": 0.9, "brand_f1": 0.95, "event_accuracy": 0.85}


@dataclass
class Counts:
    """True positives, false positives and false negatives of one tag."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Every figure of one evaluation run, and the items that were tagged wrong."""

    items: int = 0
    relevance: Counts = field(default_factory=Counts)
    brands: Counts = field(default_factory=Counts)
    events: dict[str, Counts] = field(default_factory=dict)
    event_right: int = 0
    event_total: int = 0
    mistakes: list[str] = field(default_factory=list)

    @property
    def event_accuracy(self) -> float:
        return self.event_right / self.event_total if self.event_total else 1.0

    def meets_targets(self) -> bool:
        return (
            self.relevance.f1 >= TARGETS["relevance_f1"]
            and self.brands.f1 >= TARGETS["brand_f1"]
            and self.event_accuracy >= TARGETS["event_accuracy"]
        )


def read_labelled(path: Path) -> list[dict]:
    """The labelled items of a JSON Lines file (each with an `expected` object)."""
    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        if not isinstance(item.get("expected"), dict):
            raise ValueError(f"{path}:{number}: item has no 'expected' object")
        items.append(item)
    return items


def score(items: list[dict], tagger: Tagger | None = None) -> Report:
    """Tag every labelled item and count agreements with its expected tags."""
    tagger = tagger or default_tagger()
    report = Report()
    for item in items:
        expected = item["expected"]
        got: Tagging = tag_item(item, tagger)
        report.items += 1
        _count_relevance(report, bool(expected.get("relevant")), got.relevant)
        want_brands, got_brands = set(expected.get("brands") or []), set(got.brands)
        report.brands.tp += len(want_brands & got_brands)
        report.brands.fp += len(got_brands - want_brands)
        report.brands.fn += len(want_brands - got_brands)
        problems = []
        if bool(expected.get("relevant")) != got.relevant:
            problems.append(f"relevant {got.relevant} ({got.relevance})")
        if want_brands != got_brands:
            problems.append(f"brands {sorted(got_brands)} != {sorted(want_brands)}")
        if expected.get("relevant"):
            want_event = expected.get("event_type")
            report.event_total += 1
            report.event_right += want_event == got.event_type
            _count_event(report, want_event, got.event_type)
            if want_event != got.event_type:
                problems.append(f"event {got.event_type} != {want_event}")
        if problems:
            report.mistakes.append(f"{item.get('id')}: {'; '.join(problems)} | {item['title']}")
    return report


def _count_relevance(report: Report, want: bool, got: bool) -> None:
    if want and got:
        report.relevance.tp += 1
    elif got:
        report.relevance.fp += 1
    elif want:
        report.relevance.fn += 1


def _count_event(report: Report, want: str | None, got: str | None) -> None:
    if want == got and want:
        report.events.setdefault(want, Counts()).tp += 1
        return
    if got:
        report.events.setdefault(got, Counts()).fp += 1
    if want:
        report.events.setdefault(want, Counts()).fn += 1


def format_report(report: Report, title: str) -> str:
    """The report as an aligned text table."""
    lines = [
        f"{title}: {report.items} items",
        f"{'tag':<36}{'precision':>10}{'recall':>8}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}",
    ]

    def row(name: str, counts: Counts) -> None:
        lines.append(
            f"{name:<36}{counts.precision:>10.3f}{counts.recall:>8.3f}{counts.f1:>7.3f}"
            f"{counts.tp:>5}{counts.fp:>5}{counts.fn:>5}"
        )

    row("relevance", report.relevance)
    row("brands", report.brands)
    for key in sorted(report.events):
        row(f"event_type: {key}", report.events[key])
    lines.append(
        f"event-type accuracy on relevant items: {report.event_accuracy:.3f} "
        f"({report.event_right}/{report.event_total})"
    )
    verdict = "met" if report.meets_targets() else "NOT met"
    lines.append(
        f"targets (relevance F1 >= {TARGETS['relevance_f1']}, brand F1 >= "
        f"{TARGETS['brand_f1']}, event accuracy >= {TARGETS['event_accuracy']}): {verdict}"
    )
    return "\n".join(lines)


def split_counts(items: list[dict]) -> Counter:
    return Counter(item.get("split", "all") for item in items)
