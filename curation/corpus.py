"""The labelled corpus in data/curation/labelled/: read it, check it, hash it.

One JSON object per line:
`{"id", "origin": "real"|"written", "url" (real items), "publisher", "published", "lang",
"title", "summary", "expected": {"relevant", "brands", "event_type", "platform", "channel"}}`
(docs/labelling.md is the label guide). Files named `blind-*.jsonl` are the blind set:
never trained or tuned on, measured once by `invoke evaluate`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from casebook import vocabulary
from curation import DATA_DIR, ROOT

LABELLED_DIR = DATA_DIR / "labelled"
BLIND_PREFIX = "blind-"
ORIGINS = ("real", "written")
LANGS = ("en", "fr")
# files besides the labelled items whose content changes the model's features (the brand
# vocabulary is left out: the model only sees whether some brand is named, and contributors
# add brands with their cases)
FEATURE_FILES = (DATA_DIR / "cues.yaml",)


class CorpusError(ValueError):
    """Every problem found in the labelled files, one `PATH:LINE: field: ...` line each."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def training_files(folder: Path = LABELLED_DIR) -> list[Path]:
    """The labelled files the model learns from: every *.jsonl except the blind ones."""
    return sorted(p for p in Path(folder).glob("*.jsonl") if not p.name.startswith(BLIND_PREFIX))


def blind_files(folder: Path = LABELLED_DIR) -> list[Path]:
    return sorted(Path(folder).glob(f"{BLIND_PREFIX}*.jsonl"))


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _check(item: object, where: str, vocab: vocabulary.Vocabulary) -> list[str]:
    """Problems of one labelled item, each `where: field: what is wrong; what to do`."""
    if not isinstance(item, dict):
        return [f"{where}: line: not a JSON object; write one object per line"]
    problems = []

    def bad(name: str, what: str) -> None:
        problems.append(f"{where}: {name}: {what}")

    if not isinstance(item.get("id"), str) or not item["id"].strip():
        bad("id", "missing or not a string; give every item a unique id")
    if item.get("origin") not in ORIGINS:
        bad("origin", f"is {item.get('origin')!r}; use one of {', '.join(ORIGINS)}")
    if item.get("origin") == "real" and not str(item.get("url") or "").startswith("http"):
        bad("url", "a real item needs the address it was taken from (http...)")
    if item.get("lang") not in LANGS:
        bad("lang", f"is {item.get('lang')!r}; use one of {', '.join(LANGS)}")
    if not isinstance(item.get("title"), str) or not item["title"].strip():
        bad("title", "missing or empty; copy the headline")
    if "summary" in item and not isinstance(item["summary"], str):
        bad("summary", "not a string; copy the lede as text")
    expected = item.get("expected")
    if not isinstance(expected, dict):
        bad("expected", "missing; give the object of expected tags")
        return problems
    if not isinstance(expected.get("relevant"), bool):
        bad("expected.relevant", "must be true or false")
    brands = expected.get("brands")
    if not isinstance(brands, list):
        bad("expected.brands", "must be a list of brand keys ([] for none)")
    else:
        for brand in brands:
            if brand not in vocab["brands"]:
                bad("expected.brands", f"'{brand}' is not in data/vocab/brands.yaml; add it there")
    event = expected.get("event_type")
    if event is not None and event not in vocab["event_types"]:
        bad("expected.event_type", f"'{event}' is not in data/vocab/event_types.yaml")
    if expected.get("relevant") is True and event is None:
        bad("expected.event_type", "a relevant item needs its event type")
    for name, file in (("platform", "platforms"), ("channel", "channels")):
        value = expected.get(name)
        if value is not None and value not in vocab[file]:
            bad(f"expected.{name}", f"'{value}' is not in data/vocab/{file}.yaml")
    return problems


def snapshot(paths: list[Path]) -> dict[Path, bytes]:
    """The bytes of each file, read once, so that items and hash come from the same data."""
    return {Path(path): Path(path).read_bytes() for path in paths}


def read(
    paths: list[Path] | dict[Path, bytes], vocab: vocabulary.Vocabulary | None = None
) -> list[dict]:
    """The labelled items of `paths` (or of a snapshot), in file and line order.

    CorpusError lists every problem found.
    """
    vocab = vocab or vocabulary.load()
    contents = paths if isinstance(paths, dict) else snapshot(paths)
    items, problems, seen = [], [], {}
    for path, data in contents.items():
        for number, line in enumerate(data.decode("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{_shown(Path(path))}:{number}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: line: not JSON ({exc.msg}); fix the line")
                continue
            found = _check(item, where, vocab)
            problems += found
            if found:
                continue
            if item["id"] in seen:
                problems.append(f"{where}: id: '{item['id']}' is also used at {seen[item['id']]}")
                continue
            seen[item["id"]] = where
            items.append(item)
    if problems:
        raise CorpusError(problems)
    return items


def data_hash(paths: list[Path] | dict[Path, bytes], salt: str = "") -> str:
    """SHA-256 of the labelled files (names and bytes), the feature files and `salt`."""
    contents = paths if isinstance(paths, dict) else snapshot(paths)
    contents = {**contents, **snapshot(list(FEATURE_FILES))}
    digest = hashlib.sha256(salt.encode("utf-8"))
    for path in [*sorted(set(contents) - set(FEATURE_FILES)), *FEATURE_FILES]:
        digest.update(Path(path).name.encode("utf-8") + b"\0")
        digest.update(contents[Path(path)] + b"\0")
    return digest.hexdigest()
