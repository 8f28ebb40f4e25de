"""Measure the tagger honestly: cross-validated on the labelled corpus, then once on the blind set.

`python -m curation.evaluate` (`invoke evaluate`) prints, for the learned model and for the
lexicon tagger it replaced, on the same stratified folds: relevance precision / recall /
F1, brand F1, event-type accuracy (on the items labelled relevant) with a per-type
confusion table, platform and channel accuracy where they are labelled, each for all
items and separately for real and written ones. Then one round on the blind files
(`blind-*.jsonl`): a model trained on all the other files, measured on them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from casebook import vocabulary
from curation import corpus, rules
from curation import lexicon as lexicons
from curation.tagger import Signals, Tagger, Tagging, assemble, make_tagger
from curation.train import current_hash, fit_items, labelled_signals

LABELLED_FILE = corpus.LABELLED_DIR  # kept for callers that name the default corpus
TARGETS = {"relevance_f1": 0.9, "brand_f1": 0.95, "event_accuracy": 0.85}
FOLDS = 5
SEED = 0
NONE = "-"


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
class Outcome:
    """What a tagger said about one labelled item."""

    tags: Tagging
    event_guess: str | None  # the event type it would give if the item were relevant


@dataclass
class Report:
    """Every figure of one evaluation, and the items tagged wrong."""

    items: int = 0
    relevance: Counts = field(default_factory=Counts)
    brands: Counts = field(default_factory=Counts)
    confusion: Counter = field(default_factory=Counter)  # (expected, given) event types
    platform: Counter = field(default_factory=Counter)  # right, total
    channel: Counter = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)

    @property
    def event_total(self) -> int:
        return sum(self.confusion.values())

    @property
    def event_right(self) -> int:
        return sum(n for (want, got), n in self.confusion.items() if want == got)

    @property
    def event_accuracy(self) -> float:
        return self.event_right / self.event_total if self.event_total else 1.0

    def meets_targets(self) -> bool:
        return (
            self.relevance.f1 >= TARGETS["relevance_f1"]
            and self.brands.f1 >= TARGETS["brand_f1"]
            and self.event_accuracy >= TARGETS["event_accuracy"]
        )


def score(items: list[dict], outcomes: list[Outcome]) -> Report:
    """Count agreements of `outcomes` with the expected tags of `items`."""
    report = Report()
    for item, outcome in zip(items, outcomes, strict=True):
        expected, got = item["expected"], outcome.tags
        report.items += 1
        want = bool(expected["relevant"])
        report.relevance.tp += want and got.relevant
        report.relevance.fp += got.relevant and not want
        report.relevance.fn += want and not got.relevant
        want_brands, got_brands = set(expected["brands"]), set(got.brands)
        report.brands.tp += len(want_brands & got_brands)
        report.brands.fp += len(got_brands - want_brands)
        report.brands.fn += len(want_brands - got_brands)
        problems = []
        if want != got.relevant:
            problems.append(f"relevant {got.relevant} ({got.relevance})")
        if want_brands != got_brands:
            problems.append(f"brands {sorted(got_brands)} != {sorted(want_brands)}")
        if want:
            want_event = expected.get("event_type")
            report.confusion[(want_event, outcome.event_guess)] += 1
            if want_event != outcome.event_guess:
                problems.append(f"event {outcome.event_guess} != {want_event}")
        for name, counter in (("platform", report.platform), ("channel", report.channel)):
            if name in expected:
                counter["total"] += 1
                counter["right"] += expected[name] == getattr(got, name)
                if expected[name] != getattr(got, name):
                    problems.append(f"{name} {getattr(got, name)} != {expected[name]}")
        if problems:
            report.mistakes.append(f"{item['id']}: {'; '.join(problems)} | {item['title']}")
    return report


# -- the two taggers on labelled items


def _vocab_tagger() -> Tagger:
    return make_tagger(vocabulary.load()["brands"], lexicons.load())


def lexicon_outcomes(found: list[Signals], tagger: Tagger) -> list[Outcome]:
    outcomes = []
    for item in found:
        event, relevance, evidence = rules.decide(tagger, item)
        relevant = relevance >= tagger.lexicon.threshold
        outcomes.append(Outcome(assemble(tagger, item, event, relevance, relevant, []), event))
    return outcomes


def model_outcomes(model, found: list[Signals], tagger: Tagger) -> list[Outcome]:
    decisions = model.decide(found, explain=False)
    return [
        Outcome(assemble(tagger, f, d.event_type, d.relevance, d.relevant, []), d.event_guess)
        for f, d in zip(found, decisions, strict=True)
    ]


def cross_validate(
    items: list[dict], found: list[Signals], folds: int = FOLDS
) -> tuple[list[Outcome], list[Outcome]]:
    """Out-of-fold outcomes of the model and of the lexicon tagger, in item order.

    Folds are stratified by relevance and origin (real or written), shuffled with a fixed
    seed; each fold's model is trained on the other folds only.
    """
    tagger = _vocab_tagger()
    strata = [f"{i['expected']['relevant']}-{i['origin']}" for i in items]
    smallest = min(Counter(strata).values())
    if smallest < folds:  # a stratum too small to split: stratify by relevance alone
        strata = [str(i["expected"]["relevant"]) for i in items]
    model: list[Outcome | None] = [None] * len(items)
    splitter = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    for train, test in splitter.split(np.zeros(len(items)), strata):
        fold_model = fit_items(
            [items[i] for i in train], [found[i] for i in train], "cross-validation"
        )
        for i, outcome in zip(
            test, model_outcomes(fold_model, [found[i] for i in test], tagger), strict=True
        ):
            model[i] = outcome
    return model, lexicon_outcomes(found, tagger)


# -- printing

HEADER = (
    f"{'set':<28}{'tagger':<9}{'items':>6}  {'relevance P / R / F1':<22}{'brand F1':>9}"
    f"{'event acc':>16}{'platform':>10}{'channel':>9}"
)


def _share(counter: Counter) -> str:
    return f"{counter['right'] / counter['total']:.2f}" if counter["total"] else "n/a"


def row(name: str, tagger: str, report: Report) -> str:
    r = report.relevance
    event = f"{report.event_accuracy:.3f} ({report.event_right}/{report.event_total})"
    return (
        f"{name:<28}{tagger:<9}{report.items:>6}  "
        f"{f'{r.precision:.3f} / {r.recall:.3f} / {r.f1:.3f}':<22}{report.brands.f1:>9.3f}"
        f"{event:>16}{_share(report.platform):>10}{_share(report.channel):>9}"
    )


def confusion_table(report: Report, title: str) -> str:
    """Rows: the expected event type; columns: the one given (numbered as the rows)."""
    types = sorted({t for pair in report.confusion for t in pair if t}) + [None]
    types = [t for t in types if any(t in pair for pair in report.confusion)]
    lines = [f"{title} (rows: expected, columns: given; {NONE} = none)"]
    lines.append(f"{'':<28}" + "".join(f"{n:>5}" for n in range(1, len(types) + 1)) + "  right")
    for number, want in enumerate(types, 1):
        counts = [report.confusion.get((want, got), 0) for got in types]
        total = sum(counts)
        right = report.confusion.get((want, want), 0) if want else 0
        label = f"{number}. {want or NONE}"
        cells = "".join(f"{c or '.':>5}" for c in counts)
        lines.append(f"{label:<28}{cells}  {right}/{total}" if total else f"{label:<28}{cells}")
    return "\n".join(lines)


def _subsets(items: list[dict]) -> list[tuple[str, list[int]]]:
    subsets = [("all", list(range(len(items))))]
    for origin in corpus.ORIGINS:
        chosen = [i for i, item in enumerate(items) if item["origin"] == origin]
        if chosen:
            subsets.append((origin, chosen))
    return subsets


def _reports(
    label: str, items: list[dict], model: list[Outcome], lexicon: list[Outcome]
) -> list[tuple[str, Report, Report]]:
    out = []
    for name, chosen in _subsets(items):
        subset = [items[i] for i in chosen]
        out.append(
            (
                f"{label}, {name}",
                score(subset, [model[i] for i in chosen]),
                score(subset, [lexicon[i] for i in chosen]),
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m curation.evaluate", description=__doc__)
    parser.add_argument("--labelled", type=Path, default=corpus.LABELLED_DIR)
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--no-blind", action="store_true", help="leave the blind round out")
    parser.add_argument("--mistakes", action="store_true", help="list the model's mistakes")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        items = corpus.read(corpus.training_files(args.labelled))
        blind = [] if args.no_blind else corpus.read(corpus.blind_files(args.labelled))
    except corpus.CorpusError as exc:
        print(exc, file=sys.stderr)
        return 1
    found = labelled_signals(items)
    model, lexicon = cross_validate(items, found, args.folds)
    sections = _reports(f"{args.folds}-fold CV", items, model, lexicon)
    if blind:
        tagger = _vocab_tagger()
        final = fit_items(items, found, current_hash(args.labelled))
        blind_found = labelled_signals(blind, tagger)
        sections += _reports(
            "blind",
            blind,
            model_outcomes(final, blind_found, tagger),
            lexicon_outcomes(blind_found, tagger),
        )
    print(
        f"labelled corpus: {len(items)} items for cross-validation "
        f"({sum(i['origin'] == 'real' for i in items)} real), {len(blind)} blind"
    )
    print(HEADER)
    for name, model_report, lexicon_report in sections:
        print(row(name, "model", model_report))
        print(row("", "lexicon", lexicon_report))
    print()
    for name, model_report, lexicon_report in sections:
        if name.endswith(", all"):
            print(confusion_table(model_report, f"event types, model, {name}"))
            print(confusion_table(lexicon_report, f"event types, lexicon, {name}"))
            print()
    targets = ", ".join(f"{k} >= {v}" for k, v in TARGETS.items())
    for name, model_report, _ in sections:
        verdict = "met" if model_report.meets_targets() else "NOT met"
        print(f"targets ({targets}), model, {name}: {verdict}")
    if args.mistakes:
        for name, model_report, _ in sections:
            if model_report.mistakes and name.endswith(", all"):
                print(f"\nmodel mistakes, {name}:\n  " + "\n  ".join(model_report.mistakes))
    print(f"\n{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
