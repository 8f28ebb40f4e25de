"""Tag inbox items: brands, platform, channel, industry, event type, language, relevance.

Brands, platform, channel and language come from the vocabularies and the cue lexicon;
relevance and event type are decided by the model learned from the labelled corpus
(curation/model.py), which reads the lexicon's findings as some of its features.
Deterministic and offline; every tag comes with the words and fields that produced it.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from casebook import vocabulary
from curation import brands as brand_matching
from curation import lexicon as lexicons
from curation import model as models
from curation.evidence import Evidence
from curation.language import language_of
from curation.lexicon import best_key
from curation.text import clean, fold, snippet, words

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
    """The vocabularies, lexicon and model a tagging run needs, loaded once.

    Without a model (`model=None`) only the vocabulary tags are given and every item gets
    relevance 0; that is how the model's own features are computed while training.
    """

    brand_vocab: dict[str, dict]
    matcher: brand_matching.BrandMatcher
    lexicon: lexicons.Lexicon
    model: models.Model | None = None

    @property
    def threshold(self) -> float:
        """Relevance at which an item counts as relevant."""
        return self.model.threshold if self.model else self.lexicon.threshold

    @cached_property
    def version(self) -> str:
        """Changes whenever a tag could change: the model's data hash and the vocabularies.

        Callers that cache tags (the review queue) key their cache on it.
        """
        digest = hashlib.sha256((self.model.data_hash if self.model else "no-model").encode())
        digest.update(repr(sorted(self.brand_vocab.items())).encode("utf-8"))
        digest.update(Path(self.lexicon.source).read_bytes())
        return f"{models.FEATURE_VERSION}-{digest.hexdigest()[:16]}"


@lru_cache(maxsize=2)
def default_tagger() -> Tagger:
    """A tagger over data/vocab, data/curation/cues.yaml and the shipped model."""
    brand_vocab = vocabulary.load()["brands"]
    return make_tagger(brand_vocab, lexicons.load(), models.load())


def make_tagger(
    brand_vocab: dict[str, dict], lexicon: lexicons.Lexicon, model: models.Model | None = None
) -> Tagger:
    return Tagger(brand_vocab, brand_matching.build(brand_vocab), lexicon, model)


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


def choose_brands(
    tagger: Tagger,
    mentions: list[brand_matching.Mention],
    event_type: str | None,
    about_service: bool = False,
) -> tuple[list[str], list[Evidence]]:
    """Brands the item is about, by weight of their mentions, and the evidence.

    A platform named as a brand (Twitter) is kept for its own events; with no event type,
    only when no other brand is named and the item is not about customer service (where
    the platform is the medium: "Customer service on Twitter is PR").
    """
    weight: dict[str, float] = defaultdict(float)
    for mention in mentions:
        weight[mention.key] += (
            3.0 if mention.field == "title" else (1.5 if mention.field == "summary" else 1.0)
        )
    platforms = {k for k in weight if tagger.brand_vocab[k].get("platform")}
    candidates = [k for k in weight if k not in platforms]
    own = event_type in PLATFORM_OWN_EVENTS and not (event_type is None and about_service)
    if event_type in PLATFORM_EVENTS or (not candidates and own):
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


X_WORD = re.compile(r"(?<![\w@.&-])X(?![\w&-]|\.\w)")
X_WINDOW = 40  # characters before an "X" read for the word it follows


def x_mentions(lex: lexicons.Lexicon, fields: dict[str, str]) -> list[brand_matching.Mention]:
    """The word "X" written alone, read as Twitter when the item has social-media words."""
    if lex.x_context is None:
        return []
    context = None
    for text in fields.values():
        context = context or (lex.x_context.search(fold(text)) if text else None)
    if context is None:
        return []
    found = []
    for name, text in fields.items():
        for match in X_WORD.finditer(text or ""):
            before = words(text[max(0, match.start() - X_WINDOW) : match.start()])
            if before and before[-1] in lex.x_not_after:
                continue
            found.append(
                brand_matching.Mention(
                    "twitter",
                    name,
                    match.start(),
                    match.end(),
                    "X",
                    "name 'X'",
                    context=f"social-media words '{context.group(0)}'",
                )
            )
    return found


@dataclass
class Signals:
    """What the vocabularies and the lexicon find in one item, before any decision."""

    item: dict
    fields: dict[str, str]
    event_scores: dict[str, float]
    event_evidence: list[Evidence]
    service_score: float
    service_evidence: list[Evidence]
    mentions: list[brand_matching.Mention]
    platform: str | None
    channel: str | None
    evidence: list[Evidence]  # platform, channel and language
    lang: str
    # what the vocabularies find where the model reads: social-platform, website, channel,
    # brand (the labelled items it learned from have no full text)
    read_hits: dict[str, bool] = field(default_factory=dict)


def signals(item: dict, tagger: Tagger) -> Signals:
    """Brand mentions, platform, channel, language and every cue of one item.

    Event and service cues are read where the model reads (title and summary, or the start
    of the full text without a summary), as in the labelled items it learned from; brands,
    platform and channel anywhere in the item.
    """
    lex = tagger.lexicon
    fields = item_fields(item)
    evidence: list[Evidence] = []
    read = {"title": fields["title"]}
    if fields["summary"]:
        read["summary"] = fields["summary"]
    else:
        read["text"] = fields["text"][: models.SUMMARY_CHARS]
    event_scores, event_evidence = score_cues(
        tagger, lex.event_types, read, "event_type", events=True
    )
    event_scores = {k: v * lex.event_priority.get(k, 1.0) for k, v in event_scores.items()}
    service_scores, service_evidence = score_cues(tagger, {"service": lex.service}, read, "service")
    mentions = brand_matching.find_brands(tagger.matcher, lex, fields)
    x_as_twitter = x_mentions(lex, fields) if "twitter" in tagger.brand_vocab else []
    order = list(fields)
    mentions = sorted(
        set(mentions + x_as_twitter), key=lambda m: (order.index(m.field), m.start, m.key)
    )

    # the rest of the item: the full text past what the model reads
    rest = {"text": fields["text"][0 if fields["summary"] else models.SUMMARY_CHARS :]}
    read_platforms, platform_evidence = score_cues(tagger, lex.platforms, read, "platform")
    rest_platforms, rest_evidence = score_cues(tagger, lex.platforms, rest, "platform")
    platform_evidence += rest_evidence
    for mention in x_as_twitter:
        weight = 2.0 * _field_weight(tagger, mention.field)
        scores = read_platforms if _in_read(mention, read) else rest_platforms
        scores["twitter"] = scores.get("twitter", 0.0) + weight
        platform_evidence.append(
            Evidence(
                "platform", "twitter", mention.field, "X", f"'X' with {mention.context}", weight
            )
        )
    platform_scores = _summed(read_platforms, rest_platforms)
    platform = _platform(lex, platform_scores, mentions)
    if platform == "twitter" and not platform_scores:
        evidence.append(
            Evidence("platform", "twitter", "text", "@handle", "an @handle with no platform named")
        )
    evidence += [e for e in platform_evidence if e.value == platform]

    read_channels, channel_evidence = score_cues(tagger, lex.channels, read, "channel")
    rest_channels, rest_evidence = score_cues(tagger, lex.channels, rest, "channel")
    channel = best_key(_summed(read_channels, rest_channels), list(lex.channels))
    evidence += [e for e in channel_evidence + rest_evidence if e.value == channel]
    read_mentions = [m for m in mentions if _in_read(m, read)]
    read_platform = _platform(lex, read_platforms, read_mentions)
    read_hits = {
        "social-platform": bool(read_platform and read_platform != "website"),
        "website": read_platform == "website",
        "channel": bool(read_channels),
        "brand": any(m.key != "twitter" for m in read_mentions),
    }

    lang, how = language_of(item, " ".join(fields.values()), lex.stopwords)
    evidence.append(Evidence("lang", lang, "lang" if "field" in how else "text", lang, how))
    return Signals(
        item,
        fields,
        event_scores,
        event_evidence,
        service_scores.get("service", 0.0),
        service_evidence,
        mentions,
        platform,
        channel,
        evidence,
        lang,
        read_hits,
    )


def _in_read(mention: brand_matching.Mention, read: dict[str, str]) -> bool:
    """Is the mention in the part of the item the model reads?"""
    return mention.field in read and mention.end <= len(read[mention.field])


def _summed(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    return {k: a.get(k, 0.0) + b.get(k, 0.0) for k in {*a, *b}}


def _platform(
    lex: lexicons.Lexicon, scores: dict[str, float], mentions: list[brand_matching.Mention]
) -> str | None:
    """The platform named most (a social one before a website); Twitter for a lone @handle."""
    social = {k: v for k, v in scores.items() if k != "website"}
    platform = best_key(social or scores, list(lex.platforms))
    if platform is None and any(m.kind == "handle" for m in mentions):
        return "twitter"
    return platform


def assemble(
    tagger: Tagger,
    found: Signals,
    event_type: str | None,
    relevance: float,
    relevant: bool,
    decision_evidence: list[Evidence],
) -> Tagging:
    """The tags of an item from its signals and a decision on relevance and event type."""
    about_service = found.service_score > 0 or found.channel is not None
    brand_keys, brand_evidence = choose_brands(tagger, found.mentions, event_type, about_service)
    industry = tagger.brand_vocab[brand_keys[0]].get("industry") if brand_keys else None
    evidence = list(decision_evidence)
    evidence += [e for e in found.event_evidence if e.value == event_type]
    evidence += found.service_evidence + brand_evidence
    if industry:
        evidence.append(
            Evidence("industry", industry, "brands", brand_keys[0], "industry of the first brand")
        )
    evidence += found.evidence
    return Tagging(
        id=str(found.item.get("id") or ""),
        brands=brand_keys,
        industry=industry,
        platform=found.platform,
        channel=found.channel,
        event_type=event_type,
        lang=found.lang,
        relevance=round(min(1.0, max(0.0, relevance)), 3),
        relevant=relevant,
        evidence=evidence,
    )


def tag_items(items: list[dict], tagger: Tagger | None = None) -> list[Tagging]:
    """Every tag of each item, with its evidence; faster than one `tag_item` call per item."""
    tagger = tagger or default_tagger()
    found = [signals(item, tagger) for item in items]
    if tagger.model is None:
        return [assemble(tagger, f, None, 0.0, False, []) for f in found]
    decisions = tagger.model.decide(found)
    return [
        assemble(tagger, f, d.event_type, d.relevance, d.relevant, d.evidence)
        for f, d in zip(found, decisions, strict=True)
    ]


def tag_item(item: dict, tagger: Tagger | None = None) -> Tagging:
    """Every tag of one inbox item, with its evidence."""
    return tag_items([item], tagger)[0]
