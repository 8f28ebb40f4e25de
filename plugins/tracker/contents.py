"""The Case content type: a Pelican Content whose URL comes from CASE_URL / CASE_SAVE_AS."""

from __future__ import annotations

from functools import cached_property

from pelican.contents import Content


class Case(Content):
    """One case file, in the language it is written in."""

    mandatory_properties = ("title", "case")
    default_template = "case"

    @cached_property
    def url(self) -> str:
        # Pelican recomputes a URL from settings on every access; a case's never changes.
        return Content.url.fget(self)

    @property
    def case_id(self) -> str:
        return self.case["id"]

    @property
    def sort_key(self) -> tuple:
        return (self.case["date"], self.case["id"])

    @property
    def is_translation(self) -> bool:
        return bool(self.case.get("translation_of"))
