"""The project's one diagnostics format: `PATH:LINE: field: what is wrong; what to do`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at one line, with what to do about it."""

    path: Path
    line: int
    field: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}; {self.fix}"


def field_name(path: Iterable) -> str:
    """('sources', 0, 'url') -> 'sources[0].url'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "front matter"
