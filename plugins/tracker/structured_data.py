"""schema.org JSON-LD for case pages, so links unfurl and search engines read the facts."""

from __future__ import annotations

from casebook.vocabulary import Vocabulary


def case_jsonld(record: dict, vocab: Vocabulary, permalink: str, site_name: str) -> dict:
    """A schema.org Article describing one case, citing its sources."""
    mentions = [
        {"@type": "Organization", "name": vocab.label("brands", b, record["lang"])}
        for b in record.get("brands", [])
    ]
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": permalink,
        "url": permalink,
        "mainEntityOfPage": permalink,
        "headline": record["title"],
        "description": record["summary"],
        "inLanguage": record["lang"],
        "datePublished": record.get("added") or record["updated"],
        "dateModified": record["updated"],
        "about": {
            "@type": "Event",
            "name": record["title"],
            "startDate": record["date"],
            "description": vocab.label("event_types", record["event_type"], record["lang"]),
        },
        "mentions": mentions,
        "keywords": [
            vocab.label("event_types", record["event_type"], "en"),
            vocab.label("platforms", record["platform"], "en"),
        ],
        "citation": [
            {
                "@type": "CreativeWork",
                "name": s["title"],
                "url": s["url"],
                "publisher": {"@type": "Organization", "name": s["publisher"]},
                "inLanguage": s["lang"],
                **({"datePublished": s["published"]} if s.get("published") else {}),
            }
            for s in record["sources"]
        ],
        "publisher": {"@type": "Organization", "name": site_name},
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "isAccessibleForFree": True,
    }
