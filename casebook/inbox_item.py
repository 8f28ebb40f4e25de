"""The inbox-item schema (``inbox_item.schema.json``) and a check against it."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).with_name("inbox_item.schema.json")
AGGREGATOR_LINK = "aggregator-link"  # flag: the url is not the publisher's article


@cache
def inbox_item_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(inbox_item_schema())


def item_problems(item: object) -> list[str]:
    """What is wrong with an inbox item, one ``field: problem`` string each (empty: valid)."""
    problems = []
    for error in sorted(_validator().iter_errors(item), key=lambda e: list(e.path)):
        if error.validator == "anyOf" and not error.path:
            problems.append("no title, summary or text")
            continue
        where = ".".join(str(p) for p in error.path) or "item"
        problems.append(f"{where}: {error.message}")
    return problems
