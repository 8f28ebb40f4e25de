"""The Case content type: a Pelican Content whose URL comes from CASE_URL / CASE_SAVE_AS."""

from __future__ import annotations

from functools import cached_property

from pelican.contents import Content

from casebook import dates


class Case(Content):
    """One case file, in the language it is written in."""

    mandatory_properties = ("title", "case")
    default_template = "case"

    @cached_property
    def url(self) -> str:
        # Pelican recomputes a URL from settings on every access; a case's never changes.
        return Content.url.fget(self)

    @property
    def record(self) -> dict:
        return self.case

    @property
    def case_id(self) -> str:
        return self.case["id"]

    @property
    def iso_date(self) -> str:
        return self.case["date"]

    @property
    def precision(self) -> str:
        return self.case.get("date_precision") or dates.precision_of(self.case["date"])

    @property
    def year(self) -> int:
        return int(self.case["date"][:4])

    @property
    def sort_key(self) -> tuple:
        return (self.case["date"], self.case["id"])

    @property
    def brands(self) -> list[str]:
        return self.case.get("brands", [])

    @property
    def is_translation(self) -> bool:
        return bool(self.case.get("translation_of"))
