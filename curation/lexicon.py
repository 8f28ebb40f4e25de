"""Cue lexicons kept as data (data/curation/cues.yaml): load them and find cues in text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from curation import DATA_DIR
from curation.text import fold

CUES_FILE = DATA_DIR / "cues.yaml"
STRENGTH = {"strong": 2.0, "weak": 1.0}
GAP = r"(?:[\W_]+\w+){0,6}?[\W_]+"


@dataclass(frozen=True)
class Cue:
    """One cue: the text written in the lexicon, its compiled pattern and its weight."""

    text: str
    pattern: re.Pattern
    weight: float


@dataclass
class Lexicon:
    """Every cue list of the lexicon file, plus the relevance settings."""

    service: list[Cue]
    event_types: dict[str, list[Cue]]
    event_priority: dict[str, float]
    platforms: dict[str, list[Cue]]
    channels: dict[str, list[Cue]]
    industry_words: dict[str, list[Cue]]
    stopwords: dict[str, set[str]]
    threshold: float
    weights: dict[str, float]
    no_event_factor: float
    title_weight: float
    text_weight: float
    source: Path = field(default=CUES_FILE)


def _phrase_pattern(phrase: str) -> str:
    tokens = [t for t in re.split(r"(\(|\)\??|\||\*|\s+)", phrase.strip()) if t]
    out: list[str] = []
    opened: list[int] = []
    skip_space = False
    for index, token in enumerate(tokens):
        if skip_space and token.isspace():
            skip_space = False
            continue
        skip_space = False
        if token == "(":
            opened.append(len(out))
            out.append("(?:")
        elif token.startswith(")"):
            start = opened.pop() if opened else None
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if token == ")?" and following.isspace() and start is not None:
                # an optional group carries the space after it: "(public )?reply"
                out[start] = "(?:(?:"
                out.append(r")[\W_]+)?")
                skip_space = True
            else:
                out.append(token)
        elif token == "|":
            out.append("|")
        elif token == "*":
            out.append(r"\w*")
        elif token.isspace():
            out.append(r"[\W_]+")
        else:
            out.append(re.escape(token))
    return "".join(out)


def compile_cue(text: str) -> re.Pattern:
    """The regular expression of a cue written in the lexicon's small syntax."""
    folded = fold(str(text)).strip()
    parts = [_phrase_pattern(part) for part in re.split(r"\s+\.\.\.\s+", folded)]
    body = GAP.join(f"(?:{part})" for part in parts)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def _cues(spec: dict | list | None, where: str) -> list[Cue]:
    if spec is None:
        return []
    if isinstance(spec, list):
        spec = {"strong": spec}
    cues = []
    for strength, texts in spec.items():
        if strength not in STRENGTH:
            raise ValueError(f"{where}: '{strength}' should be 'strong' or 'weak'")
        for text in texts or []:
            try:
                cues.append(Cue(str(text), compile_cue(str(text)), STRENGTH[strength]))
            except re.error as exc:
                raise ValueError(f"{where}: cue {text!r} cannot be read ({exc})") from None
    return cues


def _cue_map(spec: dict | None, where: str) -> dict[str, list[Cue]]:
    return {key: _cues(value, f"{where}.{key}") for key, value in (spec or {}).items()}


def parse(data: dict, source: Path = CUES_FILE) -> Lexicon:
    """A Lexicon from the parsed YAML of a lexicon file."""
    relevance = data.get("relevance", {})
    return Lexicon(
        service=_cues(data.get("service"), "service"),
        event_types=_cue_map(data.get("event_types"), "event_types"),
        event_priority={k: float(v) for k, v in (data.get("event_priority") or {}).items()},
        platforms=_cue_map(data.get("platforms"), "platforms"),
        channels=_cue_map(data.get("channels"), "channels"),
        industry_words=_cue_map(data.get("industry_words"), "industry_words"),
        stopwords={
            lang: {fold(str(w)) for w in ws} for lang, ws in data.get("stopwords", {}).items()
        },
        threshold=float(relevance.get("threshold", 0.5)),
        weights={k: float(v) for k, v in relevance.get("weights", {}).items()},
        no_event_factor=float(relevance.get("no_event_factor", 0.5)),
        title_weight=float(data.get("title_weight", 1.5)),
        text_weight=float(data.get("text_weight", 0.5)),
        source=source,
    )


@lru_cache(maxsize=4)
def load(path: Path = CUES_FILE) -> Lexicon:
    """Read and compile the lexicon file at `path`."""
    return parse(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}, Path(path))


def find(cues: list[Cue], folded_text: str) -> list[tuple[Cue, re.Match]]:
    """Every (cue, match) of `cues` in already folded text."""
    return [(cue, match) for cue in cues for match in cue.pattern.finditer(folded_text)]
