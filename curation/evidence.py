"""Evidence: why a tag was given."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Evidence:
    """Why a tag was given: the rule, the field and the words."""

    tag: str
    value: str
    field: str
    text: str
    rule: str
    weight: float = 0.0
