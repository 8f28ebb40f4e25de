"""The Case content type: a Pelican Content whose URL comes from CASE_URL / CASE_SAVE_AS."""

from __future__ import annotations

from functools import cached_property

from pelican.contents import Content


class Case(Content):
    """One case file, in the language it is written in.

    Its status is Pelican's: `published`, or `draft` for a file with `draft: true`.
    """

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

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    def __getstate__(self) -> dict:
        """What the content cache keeps: the case alone, not the build's shared context.

        The context (every other page, the settings) belongs to one run; the generator
        attaches the current one when it takes a case from the cache.
        """
        state = dict(self.__dict__)
        state["_context"] = None
        state["translations"] = []
        for key in ("url", "get_content", "get_summary"):
            state.pop(key, None)  # cached per run (the URL setting, the page it is shown on)
        return state
