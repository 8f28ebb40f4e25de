"""Check case files against the schema, the vocabularies and the rules a schema cannot say.

Every problem is reported as one line, `PATH:LINE: field: what is wrong; what to do`,
and every problem of every file is reported in one run.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from slugify import slugify

from casebook import characters, dates, links
from casebook.diagnostics import Problem, field_name
from casebook.frontmatter import Document, FrontMatterError, read
from casebook.record import normalise
from casebook.schema import case_schema, schema_problems
from casebook.vocabulary import FIELD_VOCABULARY, Vocabulary

__all__ = [
    "Problem",
    "field_name",
    "check_document",
    "check_collection",
    "check_files",
    "for_collection",
]

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
    "ended": "write when the state ended as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 'ended: 2024-05-03', "
    "or remove the line while it lasts",
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
    "draft": "write 'draft: true' for an unfinished case, or remove the line",
    "added": "write the date as YYYY-MM-DD",
    "updated": "write the date of the last substantive change as YYYY-MM-DD",
    "aliases": "list the case's former ids, e.g. 'aliases: [klm-ends-twitter-service]'",
    "changes": "list each substantive change as '- {date: YYYY-MM-DD, what: ..., pr: 123}'",
    "what": "say in one sentence what changed",
    "pr": "write the pull request's number, e.g. 'pr: 123', or its full address",
    "brand_response": "write 'brand_response: {asked: YYYY-MM-DD, answered: did not answer}' or "
    "'answered: {quote: ..., url: https://...}'",
    "asked": "write the day the brand was asked (YYYY-MM-DD), 'true' if the day is unknown, or "
    "'false'",
    "answered": "write 'answered: did not answer', or the answer as '{quote: ..., url: https://...}'",
}

# what a date in the future means, by field
FUTURE_FIXES = {
    "date": "check the year; the tracker records past events only",
    "ended": "write the day the state ended, today at the latest, or remove the line while it "
    "lasts",
    "added": "write the day the case was first published here, today at the latest",
    "updated": "write the day of the last substantive change, today at the latest",
    "published": "check the source's publication date; it cannot be later than today",
}

TEXT_FIELDS = ("title", "summary", "disagreement")
SOURCE_TEXT_FIELDS = ("title", "publisher", "quote")
_HTML = characters.RAW_HTML
# text left from a template or marked unfinished
# (in capitals only: 'todo' and 'draft' are also ordinary words)
_PLACEHOLDER = re.compile(r"\b(?:TODO|TBD|FIXME|DRAFT)\b|\b[Ll]orem ipsum\b")
_PLACEHOLDER_FIX = (
    "replace it with the real text, or add 'draft: true' while the case is unfinished "
    "(a draft is never published)"
)
# vocabularies small enough to list in full when a key is unknown
_LISTED = 8


def _fix_for(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return FIXES.get(names[-1] if names else "", "see the case schema in CONTRIBUTING.md")


def _schema_problems(doc: Document, schema: dict) -> list[Problem]:
    return schema_problems(doc, schema, _fix_for, "see the case schema in CONTRIBUTING.md")


def _finding_problems(doc: Document) -> list[Problem]:
    """What the reader noticed: keys written twice, forbidden characters in the file."""
    return [Problem(doc.path, f.line, field_name(f.path), f.message, f.fix) for f in doc.findings]


def _character_problems(doc: Document) -> list[Problem]:
    """Forbidden characters written as YAML escapes ("\\b", "\\u202e") in a value."""
    problems = []
    for path, text in characters.text_values(doc.meta):
        problem = characters.problem_in(text)
        if problem:
            problems.append(
                Problem(doc.path, doc.line_of(path), field_name(path), problem, characters.FIX)
            )
    return problems


def _sources(meta: dict) -> list:
    """The sources list, or [] when `sources` is not a list (the schema reports that)."""
    sources = meta.get("sources")
    return sources if isinstance(sources, list) else []


def _value_at(meta, path: tuple):
    for part in path:
        in_list = isinstance(meta, list) and isinstance(part, int) and part < len(meta)
        if in_list or (isinstance(meta, dict) and part in meta):
            meta = meta[part]
        else:
            return None
    return meta


def _text_paths(meta: dict) -> list[tuple]:
    paths = [(name,) for name in TEXT_FIELDS]
    for index in range(len(_sources(meta))):
        paths += [("sources", index, name) for name in SOURCE_TEXT_FIELDS]
    return paths


def _comment_problems(doc: Document, text_paths: list[tuple]) -> list[Problem]:
    """Unquoted text cut short by ' #', which YAML reads as the start of a comment."""
    problems = []
    for path in text_paths:
        if path in doc.commented:
            name = field_name(path).rsplit(".", 1)[-1]
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    field_name(path),
                    f"the text after ' #' is read as a comment and dropped (only "
                    f"{doc.plain[path]!r} is kept)",
                    f"put the whole value in quotes: '{name}: \"{doc.plain[path]} #...\"'",
                )
            )
    return problems


def _placeholder_problems(doc: Document) -> list[Problem]:
    """Text left from the scaffold or marked unfinished, unless the case is a draft."""
    if doc.meta.get("draft") is True:
        return []
    found = []  # (line, field, message, fix)
    for path, text in characters.text_values(doc.meta):
        if path[-1] in ("url", "archived"):
            if links.is_placeholder_address(text):
                found.append(
                    (
                        doc.line_of(path),
                        field_name(path),
                        f"{text!r} is a placeholder address, not a source",
                        "give the address of the article you read, or add 'draft: true' "
                        "while the case is unfinished (a draft is never published)",
                    )
                )
            continue
        match = _PLACEHOLDER.search(text)
        if match:
            found.append((doc.line_of(path), field_name(path), match.group(), None))
    # line by line only when the body has one (no line matches if the whole body does not)
    for offset, text in enumerate(doc.body.splitlines() if _PLACEHOLDER.search(doc.body) else []):
        match = _PLACEHOLDER.search(text)
        if match:
            found.append((doc.body_line + offset, "text", match.group(), None))
    return [
        Problem(doc.path, line, name, message, fix)
        if fix
        else Problem(
            doc.path, line, name, f"is placeholder text ('{message}')", _placeholder_fix(name)
        )
        for line, name, message, fix in found
    ]


def _placeholder_fix(name: str) -> str:
    last = name.rsplit(".", 1)[-1]
    if last in ("date", "published", "added", "updated"):
        return FIXES[last] + ", or add 'draft: true' while the case is unfinished"
    return _PLACEHOLDER_FIX


def _source_url_problems(doc: Document, bad: set[tuple]) -> list[Problem]:
    problems = []
    for index, source in enumerate(_sources(doc.meta)):
        url = source.get("url") if isinstance(source, dict) else None
        path = ("sources", index, "url")
        if not isinstance(url, str) or path in bad:
            continue
        clean, removed = links.without_tracking(url)
        if removed:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    field_name(path),
                    f"carries tracking or AMP parameters ({', '.join(removed)})",
                    f"cite the clean address: 'url: {clean}'",
                )
            )
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
            report(path, f"{value} is in the future", FUTURE_FIXES[path[-1]])
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
    ended = check(("ended",), meta.get("ended"))
    if start and ended and ended < start:
        report(
            ("ended",),
            f"{meta['ended']} is before the event date {meta['date']}",
            "write when the state the event began ended, on or after the event date",
        )
    if ended and meta.get("status") == "ongoing" and ("status",) not in bad:
        report(
            ("ended",),
            "is set but the status is 'ongoing'",
            "remove 'ended' while the state lasts, or set the status that ended it "
            "(e.g. 'status: reversed')",
        )
    updated = check(("updated",), meta.get("updated"))
    check(("added",), meta.get("added"))
    if start and updated and updated < start:
        report(
            ("updated",),
            f"{meta['updated']} is before the event date {meta['date']}",
            "write the date of the file's last substantive change",
        )
    for index, source in enumerate(_sources(meta)):
        if isinstance(source, dict) and "published" in source:
            check(("sources", index, "published"), source["published"])
    problems += _changes_problems(doc, today, bad, updated)
    problems += _response_problems(doc, today, bad)
    return problems


def _day(doc: Document, path: tuple, value, today: dt.date, bad: set[tuple], fix: str):
    """(date or None, problems) for a YYYY-MM-DD value that must be real and not in the future."""
    if path in bad or not isinstance(value, str):
        return None, []
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None, [
            Problem(
                doc.path,
                doc.line_of(path),
                field_name(path),
                f"{value!r} is not a real date",
                "write the date as YYYY-MM-DD",
            )
        ]
    if day > today:
        return None, [
            Problem(doc.path, doc.line_of(path), field_name(path), f"{value} is in the future", fix)
        ]
    return day, []


def _changes_problems(doc: Document, today: dt.date, bad: set[tuple], updated) -> list[Problem]:
    """The corrections log: real days, oldest first, none in the future, the last = updated."""
    changes = doc.meta.get("changes")
    if not isinstance(changes, list) or ("changes",) in bad:
        return []
    problems, previous, last = [], None, None
    for index, entry in enumerate(changes):
        if not isinstance(entry, dict):
            continue
        path = ("changes", index, "date")
        day, found = _day(
            doc,
            path,
            entry.get("date"),
            today,
            bad,
            "write the day the change was made, today at the latest",
        )
        problems += found
        if day is None:
            last = None
            continue
        if previous and day < previous[1]:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    field_name(path),
                    f"{entry['date']} is before the previous entry's date {previous[0]}",
                    "list the changes oldest first, the latest at the end",
                )
            )
        previous, last = (entry["date"], day), entry["date"]
    if last and updated and doc.meta.get("updated") != last:
        problems.append(
            Problem(
                doc.path,
                doc.line_of(("updated",)),
                "updated",
                f"is {doc.meta['updated']} but the last entry of changes is dated {last}",
                f"write 'updated: {last}', or add the change of {doc.meta['updated']} to changes",
            )
        )
    return problems


def _response_problems(doc: Document, today: dt.date, bad: set[tuple]) -> list[Problem]:
    """Right of reply: the days it names are real and past; an answer needs a question."""
    response = doc.meta.get("brand_response")
    if not isinstance(response, dict) or ("brand_response",) in bad:
        return []
    asked_day, problems = None, []
    asked = response.get("asked")
    if isinstance(asked, str):
        asked_day, problems = _day(
            doc,
            ("brand_response", "asked"),
            asked,
            today,
            bad,
            "write the day the brand was asked, today at the latest",
        )
    answered = response.get("answered")
    if asked is False and answered is not None:
        path = ("brand_response", "asked")
        problems.append(
            Problem(
                doc.path,
                doc.line_of(path),
                field_name(path),
                "is false but an answer is recorded",
                "write the day the brand was asked, or 'asked: true' if it is not known",
            )
        )
    if isinstance(answered, dict) and "date" in answered:
        path = ("brand_response", "answered", "date")
        day, found = _day(
            doc,
            path,
            answered["date"],
            today,
            bad,
            "write the day the brand answered, today at the latest",
        )
        problems += found
        if day and asked_day and day < asked_day:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    field_name(path),
                    f"{answered['date']} is before the day the brand was asked ({asked})",
                    "check both dates",
                )
            )
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
            close = _closest_key(key, known)
            hint = f" (did you mean '{close}'?)" if close else ""
            what = name.rstrip("s") if name == "brands" else name.replace("_", " ")
            where = f"{vocab.file_of(vocab_name).name} in data/vocab/"
            if len(known) <= _LISTED:
                fix = f"write one of {', '.join(known)} (from {where}), or add the {what} there"
            else:
                fix = f"use a key from {where}, or add the {what} there in the same pull request"
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    field_name(path),
                    f"unknown {what} '{key}'{hint}",
                    fix,
                )
            )
    return problems


def _closest_key(key: str, known: dict[str, dict]) -> str | None:
    """The known key meant by `key`: a close spelling, a name or alias, or its first words."""
    names = {}
    for other, entry in known.items():
        if isinstance(entry, dict):
            for name in [entry.get("name"), *(entry.get("aliases") or [])]:
                if isinstance(name, str):
                    names.setdefault(slugify(name), other)
    if key in names:
        return names[key]
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.8)
    if close:
        return close[0]
    words = key.split("-")
    for size in range(len(words) - 1, 0, -1):
        if "-".join(words[:size]) in known:
            return "-".join(words[:size])
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.8)
    if close:
        return names[close[0]]
    close = difflib.get_close_matches(key, list(known), n=1)
    return close[0] if close else None


def _html_problems(doc: Document) -> list[Problem]:
    problems = []
    fix = "write plain Markdown; raw HTML and scripts are not allowed in case text"
    for path in _text_paths(doc.meta):
        value = _value_at(doc.meta, path)
        if isinstance(value, str) and _HTML.search(value):
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    field_name(path),
                    "contains raw HTML or a script",
                    fix,
                )
            )
        elif isinstance(value, str) and characters.ENTITY.search(value):
            entity = characters.ENTITY.search(value).group()
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    field_name(path),
                    f"contains the HTML entity '{entity}'",
                    f"write the character itself; {field_name(path)} is plain text, not HTML",
                )
            )
    for offset, text in enumerate(doc.body.splitlines() if _HTML.search(doc.body) else []):
        if _HTML.search(text):
            problems.append(
                Problem(
                    doc.path, doc.body_line + offset, "text", "contains raw HTML or a script", fix
                )
            )
    return problems


def _link_problems(doc: Document) -> list[Problem]:
    """Links in the narrative: full addresses or intra-site links; images only from the site."""
    return [
        Problem(doc.path, doc.body_line + offset, "text", message, fix)
        for offset, message, fix in links.body_problems(doc.body, doc.path)
    ]


def _id_problems(doc: Document, bad: set[tuple]) -> list[Problem]:
    case_id, stem = doc.meta.get("id"), doc.path.stem
    if not isinstance(case_id, str) or ("id",) in bad or case_id == stem:
        return []
    suggestion = slugify(stem, max_length=80, word_boundary=True)
    if suggestion == stem:
        fix = f"rename the file to {case_id}.md or write 'id: {stem}'"
    elif suggestion:
        fix = (
            f"rename the file to {case_id}.md, or rename it to {suggestion}.md and write "
            f"'id: {suggestion}'"
        )
    else:
        fix = f"rename the file to {case_id}.md"
    return [
        Problem(
            doc.path,
            doc.line_of(("id",)),
            "id",
            f"'{case_id}' differs from the file name '{doc.path.name}'",
            fix,
        )
    ]


def check_document(doc: Document, vocab: Vocabulary, today: dt.date) -> list[Problem]:
    """Every problem of one case file taken alone."""
    problems = _finding_problems(doc) + _character_problems(doc) + _placeholder_problems(doc)
    flagged = {tuple(_path_of(p)) for p in problems}
    problems += [
        p for p in _schema_problems(doc, case_schema()) if tuple(_path_of(p)) not in flagged
    ]
    bad = {tuple(_path_of(p)) for p in problems}
    problems += _id_problems(doc, bad)
    problems += _comment_problems(doc, _text_paths(doc.meta))
    problems += _date_problems(doc, today, bad)
    problems += _vocabulary_problems(doc, vocab, bad)
    problems += _source_url_problems(doc, bad)
    problems += _html_problems(doc)
    problems += _link_problems(doc)
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


def _age(doc: Document) -> tuple:
    """Sort key: the case published first (by 'added', then 'updated') keeps a shared id."""
    added, updated = doc.meta.get("added"), doc.meta.get("updated")
    return (str(added) if added else "9999", str(updated) if updated else "9999", str(doc.path))


# what check_collection reads of a record
COLLECTION_FIELDS = ("id", "aliases", "related", "translation_of", "lang", "added", "updated")


def for_collection(doc: Document) -> Document:
    """The part of `doc` that check_collection reads: the fields it compares and their
    lines, without the body (the build keeps one per case in its cache, so it is small)."""
    return Document(
        doc.path,
        {name: doc.meta[name] for name in COLLECTION_FIELDS if name in doc.meta},
        "",
        doc.body_line,
        {path: line for path, line in doc.lines.items() if path[0] in COLLECTION_FIELDS},
    )


def check_collection(docs: list[Document]) -> list[Problem]:
    """Problems between files: duplicate ids, unknown related cases and translations."""
    problems = []
    by_id: dict[str, Document] = {}
    for doc in sorted(docs, key=_age):
        case_id = doc.meta.get("id")
        if not isinstance(case_id, str):
            continue
        if case_id in by_id:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(("id",)),
                    "id",
                    f"'{case_id}' is already used by {by_id[case_id].path}, published earlier",
                    "choose another id for this file and rename the file to match",
                )
            )
        else:
            by_id[case_id] = doc
    problems += _alias_problems(docs, by_id)
    renamed = {  # former id -> the case's id now
        alias: doc.meta["id"]
        for doc in docs
        if isinstance(doc.meta.get("id"), str) and isinstance(doc.meta.get("aliases"), list)
        for alias in doc.meta["aliases"]
        if isinstance(alias, str)
    }
    for doc in docs:
        related = doc.meta.get("related")
        for index, other in enumerate(related if isinstance(related, list) else []):
            if not isinstance(other, str):
                continue
            if other not in by_id and other in renamed:
                wrong = (
                    f"'{other}' is a former id of '{renamed[other]}'",
                    f"write '{renamed[other]}'",
                )
            elif other not in by_id:
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
            new_id = renamed.get(original_id)
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    "translation_of",
                    f"'{original_id}' is a former id of '{new_id}'"
                    if new_id
                    else f"no case has the id '{original_id}'",
                    f"write 'translation_of: {new_id}'" if new_id else _fix_for(path),
                )
            )
        elif original is doc:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(path),
                    "translation_of",
                    "a case cannot be a translation of itself",
                    "write the id of the original case",
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


def _alias_problems(docs: list[Document], by_id: dict[str, Document]) -> list[Problem]:
    """A former id answers for one case only, and is nobody's current id."""
    problems, owner = [], {}
    for doc in sorted(docs, key=_age):
        aliases = doc.meta.get("aliases")
        for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
            if not isinstance(alias, str):
                continue
            path = ("aliases", index)
            if alias == doc.meta.get("id"):
                wrong = "is the case's own id", "remove it; aliases are former ids"
            elif alias in by_id:
                wrong = (
                    f"'{alias}' is the id of {by_id[alias].path}",
                    "remove it: an id in use cannot redirect to another case",
                )
            elif alias in owner:
                wrong = (
                    f"'{alias}' is already a former id of {owner[alias].path}",
                    "remove it: a former id redirects to one case only",
                )
            else:
                owner[alias] = doc
                continue
            problems.append(Problem(doc.path, doc.line_of(path), field_name(path), *wrong))
    return problems


def read_all(paths: Iterable[Path]) -> tuple[list[Document], list[Problem]]:
    """Read files; return the readable documents and one problem per unreadable file."""
    docs, problems = [], []
    for path in sorted(Path(p) for p in paths):
        try:
            doc = read(path)
        except FrontMatterError as exc:
            problems.append(Problem(path, exc.line, "front matter", exc.message, exc.fix))
            continue
        normalise(doc.meta)
        docs.append(doc)
    return docs, problems


def check_files(
    paths: Iterable[Path], vocab: Vocabulary, today: dt.date | None = None
) -> tuple[list[Document], list[Problem]]:
    """Read and check case files and the vocabularies they use; return documents and problems."""
    today = today or dt.date.today()
    docs, problems = read_all(paths)
    for doc in docs:
        problems += check_document(doc, vocab, today)
    problems += check_collection(docs)
    problems += vocab.problems
    return docs, sorted(set(problems))
