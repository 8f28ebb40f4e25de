"""The open data set: every case as JSON and CSV, with the schema the validator uses."""

from __future__ import annotations

import csv
import io
import json

from casebook.schema import case_schema
from casebook.vocabulary import Vocabulary

CASE_COLUMNS = [
    "id",
    "lang",
    "translation_of",
    "title",
    "summary",
    "date",
    "date_precision",
    "brands",
    "industries",
    "platform",
    "channel",
    "event_type",
    "status",
    "disagreement",
    "related",
    "source_count",
    "added",
    "updated",
    "url",
]
SOURCE_COLUMNS = [
    "case_id",
    "position",
    "url",
    "title",
    "publisher",
    "published",
    "lang",
    "archived",
    "quote",
]


def records(cases) -> list[dict]:
    """One record per case file, exactly as the schema describes it."""
    return [dict(c.case) for c in cases]


def case_rows(cases, vocab: Vocabulary, base_url: str) -> list[dict]:
    rows = []
    for case in cases:
        r = case.case
        industries = vocab.industries_of(r.get("brands", []))
        rows.append(
            {
                **{k: r.get(k, "") for k in CASE_COLUMNS},
                "brands": ";".join(r.get("brands", [])),
                "industries": ";".join(industries),
                "related": ";".join(r.get("related", [])),
                "source_count": len(r["sources"]),
                "url": f"{base_url}/{case.url}",
            }
        )
    return rows


def source_rows(cases) -> list[dict]:
    rows = []
    for case in cases:
        for position, source in enumerate(case.case["sources"], start=1):
            rows.append(
                {
                    "case_id": case.case["id"],
                    "position": position,
                    **{k: source.get(k, "") for k in SOURCE_COLUMNS[2:]},
                }
            )
    return rows


def _csv(rows: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


STATIC_FILES = ("case.schema.json", "vocabularies.json")  # they do not depend on the cases


def files(cases, vocab: Vocabulary, base_url: str) -> dict:
    """Name -> function returning the text of cases.json, cases.csv, sources.csv, the schema
    and the vocabularies.

    `cases` come oldest first (date, then id), so diffs between builds stay small. The texts
    are made only when called, so an unchanged file costs nothing.
    """

    def cases_json() -> str:
        data = {
            "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
            "schema": "case.schema.json",
            "count": len(cases),
            "cases": records(cases),
        }
        return json.dumps(data, ensure_ascii=False, indent=1)

    return {
        "cases.json": cases_json,
        "cases.csv": lambda: _csv(case_rows(cases, vocab, base_url), CASE_COLUMNS),
        "sources.csv": lambda: _csv(source_rows(cases), SOURCE_COLUMNS),
        "case.schema.json": lambda: json.dumps(case_schema(), ensure_ascii=False, indent=1),
        "vocabularies.json": lambda: json.dumps(vocab.terms, ensure_ascii=False, indent=1),
    }
