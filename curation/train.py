"""Train the tagger's model on the labelled corpus: `python -m curation.train` (`invoke train`).

Reads every data/curation/labelled/*.jsonl except the blind files, writes
data/curation/model.json with the hash of the data it came from. Deterministic and offline.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from casebook import vocabulary
from curation import corpus
from curation import lexicon as lexicons
from curation import model as models
from curation.tagger import Signals, Tagger, make_tagger, signals


def vocabulary_tagger() -> Tagger:
    """A tagger without a model: what the model's features are computed with."""
    return make_tagger(vocabulary.load()["brands"], lexicons.load())


def labelled_signals(items: list[dict], tagger: Tagger | None = None) -> list[Signals]:
    tagger = tagger or vocabulary_tagger()
    return [signals(item, tagger) for item in items]


def fit_items(items: list[dict], found: list[Signals], data_hash: str) -> models.Model:
    """A model trained on labelled `items` whose signals are `found`."""
    order = sorted(range(len(items)), key=lambda i: items[i]["id"])
    return models.fit(
        [found[i] for i in order],
        [bool(items[i]["expected"]["relevant"]) for i in order],
        [items[i]["expected"].get("event_type") for i in order],
        list(lexicons.load().event_types),
        sorted(lexicons.load().needs_service),
        data_hash,
    )


def current_hash(folder: Path = corpus.LABELLED_DIR, contents: dict | None = None) -> str:
    """The hash a model trained on the labelled files in `folder` now would carry."""
    return corpus.data_hash(contents or corpus.training_files(folder), models.FEATURE_VERSION)


def train(folder: Path = corpus.LABELLED_DIR) -> models.Model:
    files = corpus.training_files(folder)
    contents = corpus.snapshot(files)  # items and hash from the same bytes
    items = corpus.read(contents)
    kinds = {item["expected"]["relevant"] for item in items}
    if kinds != {True, False}:
        where = ", ".join(str(f) for f in files) or f"{folder}/*.jsonl"
        raise corpus.CorpusError(
            [f"{where}: expected.relevant: training needs relevant and irrelevant items"]
        )
    return fit_items(items, labelled_signals(items), current_hash(folder, contents))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m curation.train", description=__doc__)
    parser.add_argument("--labelled", type=Path, default=corpus.LABELLED_DIR)
    parser.add_argument("--out", type=Path, default=models.MODEL_FILE)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        model = train(args.labelled)
    except corpus.CorpusError as exc:
        print(exc, file=sys.stderr)
        return 1
    models.save(model, args.out)
    counts = model.trained_on
    print(
        f"wrote {args.out}: {counts['items']} items ({counts['relevant']} relevant), "
        f"{len(model.word.vocabulary_)} word and {len(model.char.vocabulary_)} character "
        f"features, data {model.data_hash[:12]}, {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
