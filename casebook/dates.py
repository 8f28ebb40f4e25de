"""Dates of partial precision: YYYY, YYYY-MM or YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt

PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}


def parse(value: str) -> dt.date:
    """First day of the period `value` names; ValueError when it is not a real date."""
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))


def precision_of(value: str) -> str:
    """'day', 'month' or 'year' from the written form."""
    return PRECISION_BY_LENGTH[len(value)]
