"""Dates, counts and language names as each interface language writes them (Babel/CLDR)."""

import pytest

from plugins.tracker import i18n


@pytest.mark.parametrize(
    "value, en, fr",
    [
        ("2023-04-28", "28 April 2023", "28 avril 2023"),
        ("2023-04-01", "1 April 2023", "1er avril 2023"),
        ("2023-04", "April 2023", "avril 2023"),
        ("2013", "2013", "2013"),
    ],
)
def test_dates_keep_their_precision(value, en, fr):
    assert i18n.human_date(value, "en") == en
    assert i18n.human_date(value, "fr") == fr


def test_since_puts_le_before_a_french_day_only():
    assert i18n.since_date("2023-04-28", "fr") == "le 28 avril 2023"
    assert i18n.since_date("2023-04", "fr") == "avril 2023"


def test_counts_follow_each_languages_plural_rules():
    assert [i18n.case_count(n, "en") for n in (0, 1, 2)] == ["0 cases", "1 case", "2 cases"]
    # French: zero and one are both singular; thousands take a narrow no-break space.
    assert [i18n.case_count(n, "fr") for n in (0, 1, 2)] == ["0 cas", "1 cas", "2 cas"]
    assert i18n.case_count(12000, "fr") == "12\u202f000 cas"
    assert i18n.case_count(12000, "en") == "12,000 cases"


def test_language_names_are_written_in_the_page_language():
    assert i18n.language_name("de", "fr") == "allemand"
    assert i18n.language_name("de", "en") == "German"
    assert i18n.language_name("xx-not-a-language", "en") == "xx-not-a-language"
