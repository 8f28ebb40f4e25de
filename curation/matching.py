"""Which existing case a cluster covers, in the cluster's language."""

from __future__ import annotations

import datetime as dt

from curation.cases import CaseRef, in_language
from curation.cluster import Cluster, match_case

CASE_DAYS_BEFORE = 30  # coverage may precede a case's date period by this much
CASE_DAYS_AFTER = 180  # and follow it by this much


def _lang_of(cluster: Cluster) -> str:
    return str(getattr(cluster.lead.tags, "lang", None) or "en")


def _same_brand_in_time(cluster: Cluster, cases: list[CaseRef]) -> tuple[CaseRef | None, str]:
    """A case for a cluster with no event type: a shared brand (or, with none, the platform)
    and publication dates in the case's period (30 days before, 180 after)."""
    brands = set(cluster.brands)
    platform = cluster.most_common("platform")
    fitting = [
        c
        for c in cases
        if (brands and brands & set(c.brands))
        or (not brands and not c.brands and platform and c.platform == platform)
    ]
    dated = cluster.dates
    if dated:
        first, last = dated[0], dated[-1]
        in_time = [
            c
            for c in fitting
            if c.start
            and c.end
            and c.start - dt.timedelta(days=CASE_DAYS_BEFORE) <= last
            and first <= c.end + dt.timedelta(days=CASE_DAYS_AFTER)
        ]
        families = {c.family for c in in_time}
        if len(families) == 1:
            case = min(in_time, key=lambda c: abs((c.start - first).days))
            return case, f"same brand, no event type found, published near {case.start}"
        return None, ""
    if len({c.family for c in fitting}) == 1:
        return fitting[0], "same brand, no event type found; the items are undated"
    return None, ""


def match(cluster: Cluster, cases: list[CaseRef]) -> tuple[CaseRef | None, str]:
    """The existing case this cluster covers, in the cluster's language when that version
    exists, and why; (None, '') when there is none.

    The cluster module's `match_case` decides; a cluster with no event type, which it never
    matches, may still belong to a case of the same brand and period.
    """
    lang = _lang_of(cluster)
    ordered = sorted(cases, key=lambda c: (c.lang != lang, c.translation_of is not None))
    case, why = match_case(cluster, ordered)
    if case is None and not cluster.most_common("event_type"):
        case, why = _same_brand_in_time(cluster, ordered)
    if case is None:
        return None, ""
    version = in_language(case, lang, cases)
    if version is not case:
        why += f" (its {version.lang} version)"
    return version, why
