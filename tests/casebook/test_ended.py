"""`ended:` (when the state an event began ended): a real date, after the event, never ongoing."""

from tests.casebook.test_validate import problems_for, valid


def with_ended(line: str, status: str = "reversed") -> str:
    return valid().replace("status: ongoing", f"status: {status}\n{line}", 1)


def test_an_end_after_the_event_is_accepted(tmp_path):
    assert problems_for(tmp_path, with_ended("ended: 2024-05-03")) == []
    assert problems_for(tmp_path, with_ended("ended: 2024-05")) == []


def test_an_end_before_the_event_is_refused(tmp_path):
    assert problems_for(tmp_path, with_ended("ended: 2023-04-01")) == [
        "case-a.md:12: ended: 2023-04-01 is before the event date 2023-04-28; write when the "
        "state the event began ended, on or after the event date"
    ]


def test_an_ongoing_case_cannot_have_ended(tmp_path):
    assert problems_for(tmp_path, with_ended("ended: 2024-05-03", status="ongoing")) == [
        "case-a.md:12: ended: is set but the status is 'ongoing'; remove 'ended' while the "
        "state lasts, or set the status that ended it (e.g. 'status: reversed')"
    ]


def test_an_end_in_the_future_or_unreal_is_refused(tmp_path):
    assert problems_for(tmp_path, with_ended("ended: 2027-01-01")) == [
        "case-a.md:12: ended: 2027-01-01 is in the future; write the day the state ended, "
        "today at the latest, or remove the line while it lasts"
    ]
    assert problems_for(tmp_path, with_ended("ended: 2024-02-30")) == [
        "case-a.md:12: ended: '2024-02-30' is not a real date; write when the state ended as "
        "YYYY-MM-DD, YYYY-MM or YYYY, e.g. 'ended: 2024-05-03', or remove the line while it lasts"
    ]
