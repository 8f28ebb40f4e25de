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
MACRO = re.compile(r"<(\w+)>")


@dataclass(frozen=True)
class Cue:
    """One cue: the text written in the lexicon, its compiled pattern and its weight.

    `needs` lists strings one of which any match contains (the start of the cue's first
    word), so a text without any of them is not searched; empty when unknown.
    """

    text: str
    pattern: re.Pattern
    weight: float
    needs: tuple[str, ...] = ()


def _top_level(phrase: str) -> list[str]:
    """The space-separated tokens of a cue phrase, a parenthesised group being one token."""
    tokens, depth, current = [], 0, ""
    for char in phrase:
        depth += (char == "(") - (char == ")")
        if char.isspace() and depth == 0:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += char
    return tokens + ([current] if current else [])


def _literal(word: str) -> str | None:
    """The literal start of one word of a cue ("cancel" of "cancel*"), or None."""
    match = re.match(r"[\w'\-]+", word)
    return match.group(0) if match and len(match.group(0)) >= 2 else None


def required_strings(text: str) -> tuple[str, ...]:
    """Strings one of which every match of the cue `text` contains; () when unknown."""
    first = _top_level(fold(str(text)).strip().split(" ... ")[0])[:1]
    if not first or first[0].endswith("?") or "<" in first[0]:
        return ()
    token = first[0]
    if not token.startswith("("):
        literal = _literal(token)
        return (literal,) if literal and "(" not in token else ()
    if not token.endswith(")") or "(" in token[1:-1]:
        return ()
    needs = []
    for alternative in token[1:-1].split("|"):
        literal = _literal(alternative.strip())
        if literal is None:
            return ()
        needs.append(literal)
    return tuple(needs)


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
    # clause context of event cues: a cue in a cause clause ("after", "amid", "suite a") is
    # background and weighs cause_factor; a negated cue ("no longer", "ne") counts for the
    # event named in `negated` (a negated opening is a closure)
    cause: re.Pattern | None = None
    cause_factor: float = 1.0
    negation: re.Pattern | None = None
    negated: dict[str, str] = field(default_factory=dict)
    # a cue followed in its clause by a time restriction ("at weekends", "la nuit") counts
    # for the event `restricted` names (closing a channel at weekends changes its hours)
    time_restriction: re.Pattern | None = None
    restricted: dict[str, str] = field(default_factory=dict)
    # phrases whose words only look like a service channel ("ends support for old Chrome
    # versions", "no longer available on older TVs"): an event cue inside one does not count
    false_friends: re.Pattern | None = None
    # events that are about customer service only when service, channel or platform words
    # back them ("Tesco stores open 8am to 10pm" is not about a help desk): without such
    # words their score counts unbacked_factor times in the relevance
    needs_service: set[str] = field(default_factory=set)
    unbacked_factor: float = 1.0
    # "X" alone is Twitter when the item has one of these words, and not after x_not_after
    x_context: re.Pattern | None = None
    x_not_after: frozenset[str] = frozenset()
    source: Path = field(default=CUES_FILE)


def _phrase_pattern(phrase: str, macros: dict[str, str] | None = None) -> str:
    tokens = [t for t in re.split(r"(\(|\)\??|\||\*|\s+|<\w+>)", phrase.strip()) if t]
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
        elif MACRO.fullmatch(token) and macros and token[1:-1] in macros:
            out.append(f"(?:{macros[token[1:-1]]})")
        else:
            out.append(re.escape(token))
    return "".join(out)


def compile_cue(text: str, macros: dict[str, str] | None = None) -> re.Pattern:
    """The regular expression of a cue written in the lexicon's small syntax.

    `<name>` stands for the regular expression `macros[name]` (the lexicon's `patterns`,
    such as a clock time), matched on folded text.
    """
    folded = fold(str(text)).strip()
    parts = [_phrase_pattern(part, macros) for part in re.split(r"\s+\.\.\.\s+", folded)]
    body = GAP.join(f"(?:{part})" for part in parts)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def _cues(spec: dict | list | None, where: str, macros: dict[str, str] | None = None) -> list[Cue]:
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
                cue = Cue(
                    str(text),
                    compile_cue(str(text), macros),
                    STRENGTH[strength],
                    required_strings(str(text)),
                )
                cues.append(cue)
            except re.error as exc:
                raise ValueError(f"{where}: cue {text!r} cannot be read ({exc})") from None
    return cues


def _cue_map(
    spec: dict | None, where: str, macros: dict[str, str] | None = None
) -> dict[str, list[Cue]]:
    return {key: _cues(value, f"{where}.{key}", macros) for key, value in (spec or {}).items()}


def _alternatives(words: list | None, macros: dict[str, str] | None = None) -> re.Pattern | None:
    """One pattern matching any of the cue phrases `words`, or None when there are none."""
    if not words:
        return None
    parts = [compile_cue(str(w), macros).pattern for w in words]
    return re.compile("|".join(parts))


def parse(data: dict, source: Path = CUES_FILE) -> Lexicon:
    """A Lexicon from the parsed YAML of a lexicon file."""
    relevance = data.get("relevance", {})
    context = data.get("event_context") or {}
    macros = {str(k): str(v) for k, v in (data.get("patterns") or {}).items()}
    for name, regex in macros.items():
        try:
            re.compile(regex)
        except re.error as exc:
            raise ValueError(f"patterns.{name}: cannot be read ({exc})") from None
    return Lexicon(
        service=_cues(data.get("service"), "service", macros),
        event_types=_cue_map(data.get("event_types"), "event_types", macros),
        event_priority={k: float(v) for k, v in (data.get("event_priority") or {}).items()},
        platforms=_cue_map(data.get("platforms"), "platforms", macros),
        channels=_cue_map(data.get("channels"), "channels", macros),
        industry_words=_cue_map(data.get("industry_words"), "industry_words"),
        stopwords={
            lang: {fold(str(w)) for w in ws} for lang, ws in data.get("stopwords", {}).items()
        },
        threshold=float(relevance.get("threshold", 0.5)),
        weights={k: float(v) for k, v in relevance.get("weights", {}).items()},
        no_event_factor=float(relevance.get("no_event_factor", 0.5)),
        title_weight=float(data.get("title_weight", 1.5)),
        text_weight=float(data.get("text_weight", 0.5)),
        cause=_alternatives(context.get("cause"), macros),
        cause_factor=float(context.get("cause_factor", 1.0)),
        negation=_alternatives(context.get("negation")),
        negated={str(k): str(v) for k, v in (context.get("negated") or {}).items()},
        time_restriction=_alternatives(context.get("time_restriction"), macros),
        restricted={str(k): str(v) for k, v in (context.get("restricted") or {}).items()},
        false_friends=_alternatives(context.get("false_friends"), macros),
        needs_service={str(k) for k in relevance.get("needs_service") or []},
        unbacked_factor=float(relevance.get("unbacked_factor", 1.0)),
        x_context=_alternatives(data.get("x_context"), macros),
        x_not_after=frozenset(fold(str(w)) for w in data.get("x_not_after") or []),
        source=source,
    )


@lru_cache(maxsize=4)
def load(path: Path = CUES_FILE) -> Lexicon:
    """Read and compile the lexicon file at `path`."""
    return parse(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}, Path(path))


def find(cues: list[Cue], folded_text: str) -> list[tuple[Cue, re.Match]]:
    """Every (cue, match) of `cues` in already folded text."""
    found = []
    for cue in cues:
        if cue.needs:
            for need in cue.needs:
                if need in folded_text:
                    break
            else:
                continue  # none of the strings every match contains: no match
        found += [(cue, match) for match in cue.pattern.finditer(folded_text)]
    return found


def best_key(scores: dict[str, float], order: list[str]) -> str | None:
    """The key with the highest score, the earliest in `order` on a tie; None when empty."""
    if not scores:
        return None
    return max(scores, key=lambda key: (scores[key], -order.index(key)))
