"""How long the state an event began lasted: "Closed: 28 April 2023 – ongoing (2 years, 7 months)".

A channel closure or opening that is still `ongoing` runs to the build's as-of day (the
date of the commit the site is built from, so every build of one commit says the same); a
case with `ended:` runs to that date, whatever its event type. Durations are counted at the
coarser precision of the two dates and written with Babel's CLDR units; when they cannot be
counted (a year-precise date less than a year ago, no as-of day) the span has no duration.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.lists import format_list
from babel.units import format_unit
from jinja2 import pass_context

from casebook import dates
from plugins.tracker import i18n
from plugins.tracker.catalogue import CHANNEL_STATE_BY_EVENT

# event types whose state is a channel being closed or open, as the brand pages read them;
# each has an interface string span_closed / span_open
STATE_KEYS = {
    event: f"span_{state}"
    for event, state in CHANNEL_STATE_BY_EVENT.items()
    if state in ("closed", "open")
}
_ORDER = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class Span:
    start: str  # YYYY[-MM[-DD]]
    end: str | None  # None: the state lasts
    months: int | None  # whole months between the two, at their common precision
    days: int | None  # whole days, when both are days and less than a month apart


def span_of(record: dict, as_of: str | None) -> Span | None:
    """The span of a case, or None when it has none (no end and not an ongoing channel state)."""
    start, ended = record.get("date"), record.get("ended")
    if not start:
        return None
    if not ended and not (
        record.get("status") == "ongoing" and record.get("event_type") in STATE_KEYS
    ):
        return None
    end = ended or as_of
    months = days = None
    if end:
        months, days = _between(start, end)
    return Span(start, ended, months, days)


def _between(start: str, end: str) -> tuple[int | None, int | None]:
    precision = max(dates.precision_of(start), dates.precision_of(end), key=_ORDER.get)
    first, last = dates.parse(start), dates.parse(end)
    if precision == "year":
        years = last.year - first.year
        return (years * 12 if years > 0 else None), None
    months = (last.year - first.year) * 12 + last.month - first.month
    if precision == "day" and last.day < first.day:
        months -= 1
    if precision == "day" and months < 1:
        return 0, (last - first).days
    return (months if months >= 0 else None), None


def duration_text(span: Span, lang: str) -> str | None:
    """'2 years, 7 months' / '2 ans et 7 mois', '4 days'; None when it cannot be counted."""
    locale = i18n.locale(lang)

    def unit(count: int, name: str) -> str:
        # a number stays on the line of its unit (CLDR writes "2 ans" but "7\xa0mois")
        text = format_unit(count, f"duration-{name}", length="long", locale=locale)
        return text.replace(" ", "\xa0")

    if span.days is not None:
        return unit(span.days, "day")
    if span.months is None:
        return None
    years, months = divmod(span.months, 12)
    parts = ([unit(years, "year")] if years else []) + ([unit(months, "month")] if months else [])
    if not parts:
        return None
    return format_list(parts, style="unit", locale=locale)


def span_text(record: dict, lang: str, ui: dict, vocab, as_of: str | None) -> str:
    """The span of a case as one line in `lang`, or '' when it has none."""
    span = span_of(record, as_of)
    if span is None:
        return ""
    key = STATE_KEYS.get(record.get("event_type"))
    state = ui[key] if key else vocab.label("event_types", record["event_type"], lang)
    end = i18n.human_date(span.end, lang) if span.end else ui["span_ongoing"]
    text = ui["span"].format(state=state, start=i18n.human_date(span.start, lang), end=end)
    duration = duration_text(span, lang)
    return ui["span_duration"].format(span=text, duration=duration) if duration else text


def as_of_day(settings: dict) -> str | None:
    """The day spans run to: `TRACKER_AS_OF`, else the build commit's date."""
    return settings.get("TRACKER_AS_OF") or settings.get("TRACKER_REVISION_DATE")


@pass_context
def event_span(context, record: dict) -> str:
    """Template global: the span of `record` in the page's language, to `TRACKER_AS_OF`."""
    lang = context.get("page_lang") or context.get("DEFAULT_LANG", "en")
    ui = context.get("ui") or context["UI"][lang]
    return span_text(record, lang, ui, context["vocab"], context.get("TRACKER_AS_OF"))
