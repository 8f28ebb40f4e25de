"""Tag one inbox item: brands, platform, channel, industry, event type, language, relevance.

Deterministic and offline; every tag comes with the words and fields that produced it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from casebook import vocabulary
from curation import brands as brand_matching
from curation import lexicon as lexicons
from curation.language import language_of
from curation.text import clean, fold, snippet

FIELDS = ("title", "summary", "text")
TEXT_LIMIT = 8000  # characters of the full text that are read
KEEP_SHARE = (
    0.34  # a brand named only in passing (< this share of the top brand's weight) is left out
)
# a platform named as a brand (Twitter) is the item's brand only when the event is its own
PLATFORM_EVENTS = {"platform-policy-change"}
PLATFORM_OWN_EVENTS = {None, "platform-policy-change", "verification-change"}
CLAUSE_END = re.compile(r"[.!?;,]")
CAUSE_WINDOW = 60  # characters before an event cue searched for a cause connective
NEGATION_WINDOW = 24  # characters before an event cue searched for a negation
RESTRICTION_WINDOW = 40  # characters after an event cue searched for a time restriction


@dataclass
class Evidence:
    """Why a tag was given: the rule, the field and the words."""

    tag: str
    value: str
    field: str
    text: str
    rule: str
    weight: float = 0.0


@dataclass
class Tagging:
    """The tags of one item, in the form `python -m curation tag` prints."""

    id: str
    brands: list[str]
    industry: str | None
    platform: str | None
    channel: str | None
    event_type: str | None
    lang: str
    relevance: float
    relevant: bool
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict:
        data = asdict(self)
        data["evidence"] = [
            {k: v for k, v in asdict(e).items() if k != "weight" or v} for e in self.evidence
        ]
        return data


@dataclass
class Tagger:
    """The vocabularies and lexicon a tagging run needs, loaded once."""

    brand_vocab: dict[str, dict]
    matcher: brand_matching.BrandMatcher
    lexicon: lexicons.Lexicon


@lru_cache(maxsize=2)
def default_tagger() -> Tagger:
    """A tagger over data/vocab and data/curation/cues.yaml."""
    brand_vocab = vocabulary.load()["brands"]
    return Tagger(brand_vocab, brand_matching.build(brand_vocab), lexicons.load())


def make_tagger(brand_vocab: dict[str, dict], lexicon: lexicons.Lexicon) -> Tagger:
    return Tagger(brand_vocab, brand_matching.build(brand_vocab), lexicon)


def item_fields(item: dict) -> dict[str, str]:
    """The item's readable text, by field; untrusted input is cleaned and bounded."""
    fields = {
        "title": clean(item.get("title"), 400),
        "summary": clean(item.get("summary"), 2000),
        "text": clean(item.get("text"), TEXT_LIMIT),
    }
    if fields["summary"] and fields["text"].startswith(fields["summary"][:200]):
        fields["text"] = fields["text"][len(fields["summary"]) :].strip()
    return fields


def _field_weight(tagger: Tagger, name: str) -> float:
    if name == "title":
        return tagger.lexicon.title_weight
    if name == "text":
        return tagger.lexicon.text_weight
    return 1.0


def _clause_before(folded: str, start: int, width: int) -> str:
    """Up to `width` characters before `start`, from the start of their clause."""
    window = folded[max(0, start - width) : start]
    ends = [m.end() for m in CLAUSE_END.finditer(window)]
    return window[ends[-1] :] if ends else window


def _clause_after(folded: str, end: int, width: int) -> str:
    """Up to `width` characters after `end`, to the end of their clause."""
    window = folded[end : end + width]
    stop = CLAUSE_END.search(window)
    return window[: stop.start()] if stop else window


def event_context(
    lex: lexicons.Lexicon, key: str, folded: str, span: tuple[int, int]
) -> tuple[str, float, str]:
    """The event a cue found at `start` counts for, its weight factor and why.

    A negated cue ("no longer offers support on WhatsApp", "ne lance plus") counts for the
    event `negated` names (a negated opening is a closure); a cue in a cause clause
    ("... amid API changes", "after fake accounts...", "suite à") is the background of
    the story, not its event, and weighs `cause_factor`. A cue followed by a time
    restriction ("no longer available at weekends") counts for the event `restricted` names.
    """
    start, end = span
    note = ""
    restriction = lex.time_restriction if key in lex.restricted else None
    if restriction is not None and restriction.search(
        _clause_after(folded, end, RESTRICTION_WINDOW)
    ):
        key, note = lex.restricted[key], f" (time restriction: {key})"
    negation = lex.negation if key in lex.negated else None
    if negation is not None and negation.search(_clause_before(folded, start, NEGATION_WINDOW)):
        key, note = lex.negated[key], f" (negated: {key})"
    factor = 1.0
    if lex.cause is not None and lex.cause.search(_clause_before(folded, start, CAUSE_WINDOW)):
        factor, note = lex.cause_factor, note + " (in a cause clause)"
    return key, factor, note


def score_cues(
    tagger: Tagger,
    cue_map: dict[str, list[lexicons.Cue]],
    fields: dict[str, str],
    tag: str,
    events: bool = False,
) -> tuple[dict[str, float], list[Evidence]]:
    """Weighted score of each key of `cue_map` over the fields, and the evidence.

    With `events`, each cue's clause context (negation, cause clause) is taken into account.
    """
    scores: dict[str, float] = defaultdict(float)
    evidence = []
    for name, text in fields.items():
        if not text:
            continue
        folded = fold(text)
        friends = tagger.lexicon.false_friends if events else None
        false_spans = [m.span() for m in friends.finditer(folded)] if friends else []
        found = [
            (key, cue, match)
            for key, cues in cue_map.items()
            for cue, match in lexicons.find(cues, folded)
        ]
        # the same words count once per key: the strongest cue that matched them
        found.sort(key=lambda f: -f[1].weight)
        counted: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for key, cue, match in found:
            if any(a < match.end() and match.start() < b for a, b in false_spans):
                continue  # "ends support for old Chrome versions": not a service channel
            value, factor, note = key, 1.0, ""
            if events:
                value, factor, note = event_context(tagger.lexicon, key, folded, match.span())
            if any(a < match.end() and match.start() < b for a, b in counted[value]):
                continue
            counted[value].append(match.span())
            weight = cue.weight * _field_weight(tagger, name) * factor
            scores[value] += weight
            evidence.append(
                Evidence(
                    tag,
                    value,
                    name,
                    snippet(text, *match.span(), margin=0),
                    f"cue '{cue.text}'{note}",
                    round(weight, 2),
                )
            )
    return dict(scores), evidence


def _best(scores: dict[str, float], order: list[str]) -> str | None:
    if not scores:
        return None
    return max(scores, key=lambda key: (scores[key], -order.index(key)))


def choose_brands(
    tagger: Tagger, mentions: list[brand_matching.Mention], event_type: str | None
) -> tuple[list[str], list[Evidence]]:
    """Brands the item is about, by weight of their mentions, and the evidence."""
    weight: dict[str, float] = defaultdict(float)
    for mention in mentions:
        weight[mention.key] += (
            3.0 if mention.field == "title" else (1.5 if mention.field == "summary" else 1.0)
        )
    platforms = {k for k in weight if tagger.brand_vocab[k].get("platform")}
    candidates = [k for k in weight if k not in platforms]
    if event_type in PLATFORM_EVENTS or (not candidates and event_type in PLATFORM_OWN_EVENTS):
        candidates = list(weight)
    top = max((weight[k] for k in candidates), default=0.0)
    in_title = {m.key for m in mentions if m.field == "title"}
    kept = [k for k in candidates if weight[k] >= KEEP_SHARE * top or k in in_title]
    kept.sort(key=lambda k: (-weight[k], min(m.start for m in mentions if m.key == k)))
    evidence = []
    for mention in mentions:
        if mention.key in kept:
            rule = mention.kind + (f", confirmed by {mention.context}" if mention.context else "")
            evidence.append(Evidence("brand", mention.key, mention.field, mention.text, rule))
    return kept, evidence


def relevance(tagger: Tagger, features: dict[str, float]) -> tuple[float, str]:
    """Relevance in [0, 1] from the features, and the sum that produced it."""
    settings = tagger.lexicon
    parts = {name: settings.weights.get(name, 0.0) * value for name, value in features.items()}
    total = sum(parts.values())
    formula = " + ".join(
        f"{name} {features[name]:.2f}x{settings.weights.get(name, 0):g}" for name in features
    )
    if features["event"] == 0:
        total *= settings.no_event_factor
        formula = f"({formula}) x {settings.no_event_factor:g} (no event-type cue)"
    return round(min(1.0, max(0.0, total)), 3), formula


def tag_item(item: dict, tagger: Tagger | None = None) -> Tagging:
    """Every tag of one inbox item, with its evidence."""
    tagger = tagger or default_tagger()
    lex = tagger.lexicon
    fields = item_fields(item)
    evidence: list[Evidence] = []

    event_scores, event_evidence = score_cues(
        tagger, lex.event_types, fields, "event_type", events=True
    )
    event_scores = {k: v * lex.event_priority.get(k, 1.0) for k, v in event_scores.items()}
    event_type = _best(event_scores, list(lex.event_types))
    evidence += [e for e in event_evidence if e.value == event_type]

    mentions = brand_matching.find_brands(tagger.matcher, lex, fields)
    brand_keys, brand_evidence = choose_brands(tagger, mentions, event_type)
    evidence += brand_evidence
    industry = tagger.brand_vocab[brand_keys[0]].get("industry") if brand_keys else None
    if industry:
        evidence.append(
            Evidence("industry", industry, "brands", brand_keys[0], "industry of the first brand")
        )

    platform_scores, platform_evidence = score_cues(tagger, lex.platforms, fields, "platform")
    social = {k: v for k, v in platform_scores.items() if k != "website"}
    platform = _best(social or platform_scores, list(lex.platforms))
    if platform is None and any(m.kind == "handle" for m in mentions):
        platform = "twitter"
        evidence.append(
            Evidence("platform", "twitter", "text", "@handle", "an @handle with no platform named")
        )
    evidence += [e for e in platform_evidence if e.value == platform]

    channel_scores, channel_evidence = score_cues(tagger, lex.channels, fields, "channel")
    channel = _best(channel_scores, list(lex.channels))
    evidence += [e for e in channel_evidence if e.value == channel]

    service_scores, service_evidence = score_cues(
        tagger, {"service": lex.service}, fields, "service"
    )
    evidence += service_evidence

    lang, how = language_of(item, " ".join(fields.values()), lex.stopwords)
    evidence.append(Evidence("lang", lang, "lang" if "field" in how else "text", lang, how))

    event_feature = min(event_scores.get(event_type, 0.0) / 2, 1.0) if event_type else 0.0
    backed = service_scores.get("service") or channel or (platform and platform != "website")
    if event_type in lex.needs_service and not backed:
        event_feature *= lex.unbacked_factor
        evidence.append(
            Evidence(
                "relevance",
                event_type,
                "all",
                "",
                f"no service, channel or platform words: event counts x{lex.unbacked_factor:g}",
            )
        )
    features = {
        "event": event_feature,
        "service": min(service_scores.get("service", 0.0) / 2, 1.0),
        "platform": 1.0 if platform and platform != "website" else 0.0,
        "channel": 1.0 if channel else 0.0,
        "brand": 1.0 if brand_keys else 0.0,
    }
    score, formula = relevance(tagger, features)
    evidence.append(Evidence("relevance", f"{score:.3f}", "all", "", formula))
    return Tagging(
        id=str(item.get("id") or ""),
        brands=brand_keys,
        industry=industry,
        platform=platform,
        channel=channel,
        event_type=event_type,
        lang=lang,
        relevance=score,
        relevant=score >= lex.threshold,
        evidence=evidence,
    )
