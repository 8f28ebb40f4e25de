"""The Case content type: a Pelican Content whose URL comes from CASE_URL / CASE_SAVE_AS."""

from __future__ import annotations

from pelican.contents import Content


class Case(Content):
    """One case file, in the language it is written in.

    Its status is Pelican's: `published`, or `draft` for a file with `draft: true`.
    """

    mandatory_properties = ("title", "case")
    default_template = "case"

    # Pelican recomputes a URL from the settings on every access; a case's never changes,
    # so both are kept (by hand: the listings ask thousands of times, cached_property locks).
    @property
    def url(self) -> str:
        try:
            return self._url
        except AttributeError:
            self._url = Content.url.fget(self)
            return self._url

    @property
    def save_as(self) -> str:
        try:
            return self._save_as
        except AttributeError:
            self._save_as = Content.save_as.fget(self)
            return self._save_as

    def get_relative_source_path(self, source_path: str | None = None) -> str | None:
        """The file's path from the content folder, worked out once for the case's own file
        (Pelican asks for it four times per case per build: URL, save_as, links, record)."""
        if source_path:
            return super().get_relative_source_path(source_path)
        try:
            return self._relative_source_path
        except AttributeError:
            self._relative_source_path = super().get_relative_source_path()
            return self._relative_source_path

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
        for key in ("_url", "_save_as", "_relative_source_path"):
            state.pop(key, None)  # worked out again from this run's settings
        return state
