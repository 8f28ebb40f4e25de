"""Spans of events with a lasting state, in each interface language, counted reproducibly."""

import pytest

from casebook import vocabulary
from plugins.tracker import i18n, spans

VOCAB = vocabulary.load()
UI = i18n.strings()
NB = "\xa0"  # a number stays with its unit: "2\xa0years"
CLOSURE = {"date": "2023-04-28", "event_type": "channel-closure", "status": "ongoing"}


def text(record: dict, lang: str = "en", as_of: str | None = "2025-12-01") -> str:
    return spans.span_text(record, lang, UI[lang], VOCAB, as_of)


def test_an_ongoing_closure_runs_to_the_as_of_day():
    assert text(CLOSURE) == f"Closed: 28 April 2023 – ongoing (2{NB}years, 7{NB}months)"
    assert text(CLOSURE, "fr") == f"Fermé : 28 avril 2023 – en cours (2{NB}ans et 7{NB}mois)"


def test_the_count_follows_the_as_of_day_not_the_clock():
    assert text(CLOSURE, as_of="2023-05-27") == f"Closed: 28 April 2023 – ongoing (29{NB}days)"
    assert text(CLOSURE, as_of="2024-04-28") == f"Closed: 28 April 2023 – ongoing (1{NB}year)"
    # without an as-of day (a build outside git) the span is shown without a duration
    assert text(CLOSURE, as_of=None) == "Closed: 28 April 2023 – ongoing"


def test_an_ended_state_runs_to_its_end_whatever_the_event_type():
    reopened = {**CLOSURE, "status": "reversed", "ended": "2023-09-04"}
    assert text(reopened) == f"Closed: 28 April 2023 – 4 September 2023 (4{NB}months)"
    pledge = {
        "date": "2011-11",
        "event_type": "response-pledge",
        "status": "ended",
        "ended": "2014",
    }
    assert text(pledge) == f"Response pledge: November 2011 – 2014 (3{NB}years)"
    assert text(pledge, "fr") == f"Engagement de réponse : novembre 2011 – 2014 (3{NB}ans)"


@pytest.mark.parametrize(
    "record",
    [
        {**CLOSURE, "status": "reversed"},  # reversed, but the sources give no end
        {**CLOSURE, "event_type": "viral-complaint"},  # no lasting state
        {**CLOSURE, "event_type": "response-pledge"},  # ongoing pledge: the status says it
    ],
)
def test_no_span_without_an_end_or_a_lasting_channel_state(record):
    assert text(record) == ""


def test_coarse_dates_are_counted_at_their_precision():
    month = f"Closed: April 2023 – ongoing (2{NB}years, 8{NB}months)"
    assert text({**CLOSURE, "date": "2023-04"}) == month
    # a year-precise start less than a year before the as-of day: no count rather than a guess
    assert text({**CLOSURE, "date": "2025"}) == "Closed: 2025 – ongoing"
