"""Atomic file writes: one implementation for the whole project, in casebook."""

from __future__ import annotations

from casebook.atomic import write_atomic

__all__ = ["write_atomic"]
