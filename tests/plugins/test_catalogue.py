"""The catalogue's decisions: timeline paging, language choice, brand channel states."""

from __future__ import annotations

from types import SimpleNamespace

from casebook import vocabulary
from plugins.tracker.catalogue import Catalogue


def case(case_id, date, lang="en", translation_of=None, **fields):
    record = {
        "id": case_id,
        "date": date,
        "lang": lang,
        "brands": ["klm"],
        "platform": "twitter",
        "event_type": "viral-complaint",
        "status": "ongoing",
        **fields,
    }
    if translation_of:
        record["translation_of"] = translation_of
    return SimpleNamespace(
        case=record,
        lang=lang,
        case_id=case_id,
        translation_key=translation_of or case_id,
        is_translation=bool(translation_of),
        sort_key=(date, case_id),
        translations=[],
    )


def catalogue(cases):
    return Catalogue(cases, vocabulary.load(), ["en", "fr"])


def test_timeline_pages_keep_years_whole_and_split_only_oversized_years():
    cases = [case(f"a{i}", "2023-05-01") for i in range(5)]
    cases += [case(f"b{i}", "2022-05-01") for i in range(2)]
    cases += [case(f"c{i}", "2021-05-01") for i in range(3)]
    pages = catalogue(cases).timeline_pages("en", page_size=4)
    shape = [[(year, len(entries)) for year, entries in page] for page in pages]
    assert shape == [[("2023", 4)], [("2023", 1), ("2022", 2)], [("2021", 3)]]
    assert all(sum(n for _, n in page) <= 4 for page in shape)


def test_each_language_lists_one_version_per_case_preferring_its_own():
    original = case("klm-stops", "2023-05")
    french = case("klm-arrete", "2023-05", lang="fr", translation_of="klm-stops")
    french_only = case("sia-alerte", "2023-03", lang="fr")
    cat = catalogue([original, french, french_only])
    assert [e.case.case_id for e in cat.entries("en")] == ["klm-stops", "sia-alerte"]
    assert [e.case.case_id for e in cat.entries("fr")] == ["klm-arrete", "sia-alerte"]
    assert [e.shown_in_other_language for e in cat.entries("en")] == [False, True]
    assert original.translations == [french]


def test_latest_channel_event_wins_and_a_reversal_reopens():
    closed = case("closes", "2023-04-28", channel="direct-message", event_type="channel-closure")
    reopened = case(
        "reopens",
        "2024-02",
        channel="direct-message",
        event_type="channel-closure",
        status="reversed",
    )
    phone = case("phone", "2022", channel="phone", event_type="channel-opening")
    cat = catalogue([closed, phone])
    states = {s.channel: (s.state, s.since) for s in cat.channel_states("klm", cat.entries("en"))}
    assert states == {"direct-message": ("closed", "2023-04-28"), "phone": ("open", "2022")}
    cat = catalogue([closed, reopened])
    [state] = cat.channel_states("klm", cat.entries("en"))
    assert (state.state, state.since) == ("open", "2024-02")


def test_neighbours_and_related_follow_the_timeline_of_the_case_language():
    old, mid, new = (
        case("old", "2012"),
        case("mid", "2015", related=["old", "new"]),
        case("new", "2023"),
    )
    cat = catalogue([old, mid, new])
    older, newer = cat.neighbours(mid)
    assert (older.case.case_id, newer.case.case_id) == ("old", "new")
    assert [e.case.case_id for e in cat.related(mid)] == ["new", "old"]
