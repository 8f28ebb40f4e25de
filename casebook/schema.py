"""The JSON Schema of a case: the single authority on what a valid case is."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("case.schema.json")


@cache
def case_schema() -> dict:
    """The case schema as a dict."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
