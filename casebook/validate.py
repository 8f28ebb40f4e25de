"""Check case files against the schema, the vocabularies and the rules a schema cannot say.

Every problem is reported as one line, `PATH:LINE: field: what is wrong; what to do`,
and every problem of every file is reported in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator

from casebook import dates
from casebook.frontmatter import Document, FrontMatterError, read
from casebook.record import normalise
from casebook.schema import case_schema
from casebook.vocabulary import FIELD_VOCABULARY, Vocabulary

# what to write instead, by field (the last part of a field path without indexes)
FIXES = {
    "id": "use lower-case words joined by hyphens, the same as the file name, "
    "e.g. 'id: air-france-ends-twitter-dm-support'",
    "title": "write one line of 5 to 160 characters",
    "summary": "write one or two sentences (20 to 500 characters)",
    "date": "write the date as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 'date: 2023-04-28'",
    "date_precision": "write 'day', 'month' or 'year', matching the date",
    "brands": "list brand keys, e.g. 'brands: [air-france]' ('brands: []' for a platform's own "
    "event)",
    "platform": "write a platform key from data/vocab/platforms.yaml, e.g. 'platform: twitter'",
    "channel": "write a channel key from data/vocab/channels.yaml, e.g. 'channel: direct-message'",
    "event_type": "write an event-type key from data/vocab/event_types.yaml, "
    "e.g. 'event_type: channel-closure'",
    "status": "write a status key from data/vocab/statuses.yaml, e.g. 'status: ongoing'",
    "disagreement": "say in one or two sentences what the sources disagree about",
    "sources": "list at least one source with url, title, publisher and lang",
    "url": "give the full address, starting with https:// or http://",
    "archived": "give the full address of the archived copy, starting with https://, or remove "
    "the line to use the Wayback Machine link",
    "publisher": "name the outlet, e.g. 'publisher: Business Insider'",
    "published": "write the source's publication date as YYYY-MM-DD, YYYY-MM or YYYY",
    "lang": "write a two-letter language code, e.g. 'lang: en'",
    "quote": "keep the quote under 300 characters",
    "related": "list ids of existing cases, e.g. 'related: [klm-ends-twitter-customer-service]'",
    "translation_of": "write the id of the original case",
    "added": "write the date as YYYY-MM-DD",
    "updated": "write the date of the last substantive change as YYYY-MM-DD",
}

TEXT_FIELDS = ("title", "summary", "disagreement")
SOURCE_TEXT_FIELDS = ("title", "publisher", "quote")
# a tag opening (closed or not), a comment, or a script URL; Markdown autolinks are fine
_HTML = re.compile(r"<\s*/?\s*(?!https?://|mailto:)[A-Za-z!]|\bjavascript\s*:", re.I)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file."""

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


def _fix_for(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return FIXES.get(names[-1] if names else "", "see the case schema in CONTRIBUTING.md")


def _schema_message(error) -> tuple[tuple, str]:
    path = tuple(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = re.match(r"'(.+)' is a required property", error.message)
        name = missing.group(1) if missing else "?"
        return (*path, name), "is missing"
    if kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        known = ", ".join(error.schema.get("properties", {}))
        return (*path, extra[0]), f"unknown field (known fields: {known})"
    if kind == "pattern":
        return path, f"{error.instance!r} is not in the expected form"
    if kind == "enum":
        allowed = ", ".join(map(str, error.validator_value))
        return path, f"{error.instance!r} is not one of {allowed}"
    if kind == "type":
        return path, f"should be a {error.validator_value}, not {type(error.instance).__name__}"
    if kind == "minItems":
        return path, "is empty"
    if kind in ("minLength", "maxLength"):
        return path, f"is {len(error.instance)} characters long, outside the allowed length"
    if kind == "uniqueItems":
        return path, "lists the same key twice"
    return path, error.message


def _schema_problems(doc: Document) -> list[Problem]:
    validator = Draft202012Validator(case_schema())
    seen: set[tuple] = set()
    problems = []
    for error in sorted(validator.iter_errors(doc.meta), key=lambda e: list(map(str, e.path))):
        path, message = _schema_message(error)
        if path in seen:
            continue
        seen.add(path)
        line = doc.line_of(path) if path in doc.lines else doc.line_of(path[:-1])
        problems.append(Problem(doc.path, line, field_name(path), message, _fix_for(path)))
    return problems


def _date_problems(doc: Document, today: dt.date, bad: set[tuple]) -> list[Problem]:
    meta, problems = doc.meta, []

    def report(path: tuple, message: str, fix: str | None = None):
        problems.append(
            Problem(doc.path, doc.line_of(path), field_name(path), message, fix or _fix_for(path))
        )

    def check(path: tuple, value) -> dt.date | None:
        if path in bad or not isinstance(value, str):
            return None
        try:
            start = dates.parse(value)
        except ValueError:
            report(path, f"{value!r} is not a real date")
            return None
        if start > today:
            report(
                path,
                f"{value} is in the future",
                "check the year; the tracker records past events only",
            )
            return None
        return start

    start = check(("date",), meta.get("date"))
    precision = meta.get("date_precision")
    if start and ("date_precision",) not in bad and precision:
        expected = dates.precision_of(meta["date"])
        if precision != expected:
            report(
                ("date_precision",),
                f"is {precision!r} but the date {meta['date']} has {expected} precision",
                f"write 'date_precision: {expected}'",
            )
    updated = check(("updated",), meta.get("updated"))
    check(("added",), meta.get("added"))
    if start and updated and updated < start:
        report(
            ("updated",),
            f"{meta['updated']} is before the event date {meta['date']}",
            "write the date of the file's last substantive change",
        )
    for index, source in enumerate(meta.get("sources") or []):
        if isinstance(source, dict) and "published" in source:
            check(("sources", index, "published"), source["published"])
    return problems


def _vocabulary_problems(doc: Document, vocab: Vocabulary, bad: set[tuple]) -> list[Problem]:
    problems = []
    for name, vocab_name in FIELD_VOCABULARY.items():
        value = doc.meta.get(name)
        values = value if isinstance(value, list) else [value] if value is not None else []
        known = vocab[vocab_name]
        for index, key in enumerate(values):
            path = (name, index) if isinstance(value, list) else (name,)
            if path in bad or (name,) in bad or not isinstance(key, str) or key in known:
                continue
            close = difflib.get_close_matches(key, list(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            what = name.rstrip("s") if name == "brands" else name.replace("_", " ")
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    field_name(path),
                    f"unknown {what} '{key}'{hint}",
                    f"use a key from {vocab.file_of(vocab_name).name} in data/vocab/, or add the "
                    f"{what} there in the same pull request",
                )
            )
    return problems


def _html_problems(doc: Document) -> list[Problem]:
    problems = []
    fix = "write plain Markdown; raw HTML and scripts are not allowed in case text"
    for name in TEXT_FIELDS:
        value = doc.meta.get(name)
        if isinstance(value, str) and _HTML.search(value):
            problems.append(
                Problem(doc.path, doc.line_of((name,)), name, "contains raw HTML or a script", fix)
            )
    for index, source in enumerate(doc.meta.get("sources") or []):
        for name in SOURCE_TEXT_FIELDS:
            value = source.get(name) if isinstance(source, dict) else None
            if isinstance(value, str) and _HTML.search(value):
                path = ("sources", index, name)
                problems.append(
                    Problem(
                        doc.path,
                        doc.line_of(path),
                        field_name(path),
                        "contains raw HTML or a script",
                        fix,
                    )
                )
    for offset, text in enumerate(doc.body.splitlines()):
        if _HTML.search(text):
            problems.append(
                Problem(
                    doc.path, doc.body_line + offset, "text", "contains raw HTML or a script", fix
                )
            )
    return problems


def check_document(doc: Document, vocab: Vocabulary, today: dt.date) -> list[Problem]:
    """Every problem of one case file taken alone."""
    problems = _schema_problems(doc)
    bad = {tuple(_path_of(p)) for p in problems}
    case_id = doc.meta.get("id")
    if isinstance(case_id, str) and ("id",) not in bad and case_id != doc.path.stem:
        problems.append(
            Problem(
                doc.path,
                doc.line_of(("id",)),
                "id",
                f"'{case_id}' differs from the file name '{doc.path.name}'",
                f"rename the file to {case_id}.md or write 'id: {doc.path.stem}'",
            )
        )
    problems += _date_problems(doc, today, bad)
    problems += _vocabulary_problems(doc, vocab, bad)
    problems += _html_problems(doc)
    if not doc.body.strip():
        problems.append(
            Problem(
                doc.path,
                doc.body_line,
                "text",
                "the narrative is empty",
                "write the story below the front matter, citing the sources",
            )
        )
    return problems


def _path_of(problem: Problem) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", problem.field) if p]


def check_collection(docs: list[Document]) -> list[Problem]:
    """Problems between files: duplicate ids, unknown related cases and translations."""
    problems = []
    by_id: dict[str, Document] = {}
    for doc in docs:
        case_id = doc.meta.get("id")
        if not isinstance(case_id, str):
            continue
        if case_id in by_id:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(("id",)),
                    "id",
                    f"'{case_id}' is already used by {by_id[case_id].path}",
                    "choose another id and rename the file to match",
                )
            )
        else:
            by_id[case_id] = doc
    for doc in docs:
        for index, other in enumerate(doc.meta.get("related") or []):
            if not isinstance(other, str):
                continue
            if other not in by_id:
                wrong = (
                    f"no case has the id '{other}'",
                    "use the id of an existing case, or remove it",
                )
            elif other == doc.meta.get("id"):
                wrong = "a case cannot be related to itself", "remove it"
            else:
                continue
            path = ("related", index)
            problems.append(Problem(doc.path, doc.line_of(path), field_name(path), *wrong))
        original_id = doc.meta.get("translation_of")
        if not isinstance(original_id, str):
            continue
        original = by_id.get(original_id)
        path = ("translation_of",)
        if original is None:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    "translation_of",
                    f"no case has the id '{original_id}'",
                    _fix_for(path),
                )
            )
        elif original.meta.get("translation_of"):
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    "translation_of",
                    f"'{original_id}' is itself a translation",
                    f"write the id of the original, '{original.meta['translation_of']}'",
                )
            )
        elif original.meta.get("lang") == doc.meta.get("lang"):
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    "translation_of",
                    f"'{original_id}' is in the same language",
                    "set 'lang' to the language this file is written in",
                )
            )
    return problems


def check_files(
    paths: Iterable[Path], vocab: Vocabulary, today: dt.date | None = None
) -> tuple[list[Document], list[Problem]]:
    """Read and check case files; return the readable documents and every problem found."""
    today = today or dt.date.today()
    docs, problems = [], []
    for path in sorted(Path(p) for p in paths):
        try:
            doc = read(path)
        except FrontMatterError as exc:
            problems.append(Problem(path, exc.line, "front matter", exc.message, exc.fix))
            continue
        except UnicodeDecodeError:
            problems.append(Problem(path, 1, "file", "is not UTF-8 text", "save it as UTF-8"))
            continue
        normalise(doc.meta)
        docs.append(doc)
        problems += check_document(doc, vocab, today)
    problems += check_collection(docs)
    return docs, sorted(problems)
