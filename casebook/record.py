"""Small corrections applied to every case record as it is read."""

from __future__ import annotations


def normalise(meta: dict) -> dict:
    """Accept a bare year written without quotes (YAML reads `date: 2013` as a number)."""
    if isinstance(meta.get("date"), int):
        meta["date"] = str(meta["date"])
    for source in meta.get("sources") or []:
        if isinstance(source, dict) and isinstance(source.get("published"), int):
            source["published"] = str(source["published"])
    return meta
