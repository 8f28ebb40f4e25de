"""The lexicon tagger's decision (before the model): kept as the baseline `evaluate` compares.

Event type = the best-scoring event cue; relevance = a weighted sum of the cue and
vocabulary findings (weights and threshold in data/curation/cues.yaml, `relevance`).
"""

from __future__ import annotations

from curation.evidence import Evidence
from curation.lexicon import best_key
from curation.tagger import (
    Signals,
    Tagger,
    Tagging,
    assemble,
    choose_brands,
    signals,
)


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


def decide(tagger: Tagger, found: Signals) -> tuple[str | None, float, list[Evidence]]:
    """Event type, relevance and their evidence, by the lexicon's rules."""
    lex = tagger.lexicon
    event_type = best_key(found.event_scores, list(lex.event_types))
    evidence = []
    event_feature = min(found.event_scores.get(event_type, 0.0) / 2, 1.0) if event_type else 0.0
    platform = found.platform
    backed = found.service_score or found.channel or (platform and platform != "website")
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
        "service": min(found.service_score / 2, 1.0),
        "platform": 1.0 if platform and platform != "website" else 0.0,
        "channel": 1.0 if found.channel else 0.0,
        "brand": 1.0 if choose_brands(tagger, found.mentions, event_type)[0] else 0.0,
    }
    score, formula = relevance(tagger, features)
    evidence.append(Evidence("relevance", f"{score:.3f}", "all", "", formula))
    return event_type, score, evidence


def tag_item(item: dict, tagger: Tagger) -> Tagging:
    """Every tag of one item as the lexicon tagger gave them."""
    found = signals(item, tagger)
    event_type, score, evidence = decide(tagger, found)
    return assemble(tagger, found, event_type, score, score >= tagger.lexicon.threshold, evidence)
