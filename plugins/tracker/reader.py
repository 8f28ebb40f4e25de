"""Pelican reader for Markdown files with YAML front matter (cases and site pages).

A case file is parsed once: the reader hands the parsed document to the validator and
refuses the file with every problem found, so the build never renders a bad case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from html import escape
from pathlib import Path

from pelican.readers import BaseReader

from casebook import dates
from casebook.frontmatter import Document, FrontMatterError, read
from casebook.record import normalise
from casebook.validate import Problem, check_document, for_collection
from casebook.vocabulary import Vocabulary
from plugins.tracker import safe_markdown
from plugins.tracker.inputs import load_vocabulary


class InvalidCase(Exception):
    """A case file with problems; `problems` are the validator's lines."""

    def __init__(self, problems: list[Problem], document: Document | None = None):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
        self.document = document  # for the checks between files, when it could be parsed

    def __reduce__(self):  # sent back from a reading process
        return InvalidCase, (self.problems, self.document)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


class FrontMatterReader(BaseReader):
    """Reads `---` YAML front matter; a case keeps its whole record under `case`."""

    enabled = True
    file_extensions = ["md"]

    def vocabulary(self):
        """The vocabularies, read once per build (a reader lives for one build)."""
        if not hasattr(self, "_vocabulary"):
            self._vocabulary = load_vocabulary(self.settings)
        return self._vocabulary

    def case_folders(self) -> list[Path]:
        """The case folders, resolved once per build (resolving costs system calls)."""
        if not hasattr(self, "_case_folders"):
            content = Path(self.settings["PATH"]).resolve()
            self._case_folders = [content / f for f in self.settings.get("CASE_PATHS", [])]
        return self._case_folders

    def is_case_file(self, source_path: str) -> bool:
        folders = self.case_folders()
        if not folders:
            return False
        path = Path(source_path).resolve()
        return any(path.is_relative_to(folder) for folder in folders)

    def read(self, source_path):
        if self.is_case_file(source_path):
            return read_case(Path(source_path), self.vocabulary())
        doc = read(Path(source_path))
        meta = doc.meta
        if "event_type" in meta:  # a case file read on its own, outside the case folders
            return read_case(Path(source_path), self.vocabulary())
        html = safe_markdown.render(doc.body)
        slug = str(meta.get("slug") or Path(source_path).stem)
        metadata = {
            "title": str(meta.get("title", "")),
            "slug": slug,
            "lang": meta.get("lang", self.settings.get("DEFAULT_LANG", "en")),
            "translation_key": meta.get("translation_of") or slug,
        }
        if meta.get("summary"):
            metadata["summary"] = escape(str(meta["summary"]))
        return html, metadata


def read_case(path: Path, vocab: Vocabulary) -> tuple[str, dict]:
    """Check and render one case file; its problems alone go in `problems`.

    Raises InvalidCase when the file is too broken to describe (no front matter, or fields
    a case cannot do without are missing or malformed).
    """
    try:
        doc = read(path)
    except FrontMatterError as exc:
        raise InvalidCase([Problem(path, exc.line, "front matter", exc.message, exc.fix)]) from None
    except UnicodeDecodeError:
        raise InvalidCase(
            [Problem(path, 1, "file", "is not UTF-8 text", "save it as UTF-8")]
        ) from None
    normalise(doc.meta)
    problems = check_document(doc, vocab, dt.date.today())
    try:
        metadata = case_metadata(doc.meta)
    except (KeyError, TypeError, ValueError, AttributeError):
        if problems:
            raise InvalidCase(problems, doc) from None
        raise
    metadata["problems"] = problems
    # What the collection checks need (ids, related, translations, their lines), kept small:
    # it is cached with the case and loaded again by every development build.
    metadata["document"] = for_collection(doc)
    metadata["source_digest"] = hashlib.sha1(path.read_bytes()).hexdigest()
    return safe_markdown.render(doc.body), metadata


def case_metadata(meta: dict) -> dict:
    """Pelican's view of a case: the usual keys plus the untouched record."""
    record = normalise(dict(meta))
    updated = dates.parse(record["updated"])
    return {
        "case": record,
        "title": record["title"],
        "slug": record["id"],
        "lang": record["lang"],
        "date": _midnight(dates.parse(record["date"])),
        "modified": _midnight(updated),
        "summary": escape(record["summary"]),
        "translation_key": record.get("translation_of") or record["id"],
        "status": "draft" if record.get("draft") else "published",
    }
