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
    "ended",
    "disagreement",
    "related",
    "source_count",
    "added",
    "updated",
    "aliases",
    "change_count",
    "last_change",
    "brand_asked",
    "brand_answer",
    "brand_answer_url",
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


# Columns the schema does not describe (derived at build time), described here once.
DERIVED = {
    "industries": "Industry keys of the case's brands, from the brand vocabulary.",
    "source_count": "How many sources the case cites.",
    "url": "The case's permanent address.",
    "change_count": "How many entries the corrections log (changes) has.",
    "last_change": "The latest entry of the corrections log, as 'YYYY-MM-DD: what'.",
    "brand_asked": "Right of reply: the day the brand was asked, 'yes' (day unknown), 'no', or "
    "empty when not recorded.",
    "brand_answer": "Right of reply: the brand's quoted answer, or 'did not answer'.",
    "brand_answer_url": "Right of reply: where the answer was published.",
    "case_id": "Id of the case citing the source.",
    "position": "Position of the source in the case's list, from 1.",
    "brand": "Brand key, from the brand vocabulary.",
    "industry": "The brand's industry key.",
    "state": "Current state of the channel: closed, open, hours (service hours reported), "
    "pledge (response pledge) or disputed.",
    "since": "Date of the event that set the state (YYYY-MM-DD, YYYY-MM or YYYY).",
    "evidence_case": "Id of the case that shows the state.",
    "evidence_url": "Permanent address of that case.",
}
LISTS = " Several values are joined by ';'."


def _describe(spec: dict) -> tuple[str, str]:
    """(type, description) of a schema property."""
    return _kind(spec), spec.get("description", "")


REF_KINDS = {"#/$defs/day": "date", "#/$defs/http_url": "URL", "#/$defs/key": "key"}


def _kind(spec: dict) -> str:
    if "anyOf" in spec:
        return " or ".join(_kind(s) for s in spec["anyOf"])
    if "const" in spec:
        return repr(spec["const"])
    if "$ref" in spec:
        return REF_KINDS.get(spec["$ref"], "")
    return spec.get("type") or ("enum" if "enum" in spec else "")


def column_docs(schema: dict) -> dict[str, list[tuple[str, str, str]]]:
    """file -> [(column or field, type, description)], from the schema and DERIVED."""
    props = schema["properties"]
    source_props = props["sources"]["items"]["properties"]

    def columns(names: list[str], known: dict) -> list[tuple[str, str, str]]:
        out = []
        for name in names:
            if name in known and name not in DERIVED:
                kind, text = _describe(known[name])
                if kind == "array":
                    text += LISTS
            else:
                kind, text = "", DERIVED[name]
            out.append((name, kind, text))
        return out

    board_props = {"platform": props["platform"], "channel": props["channel"]}
    return {
        "cases.json": [(name, *_describe(spec)) for name, spec in props.items()],
        "cases.csv": columns(CASE_COLUMNS, props),
        "sources.csv": columns(SOURCE_COLUMNS, source_props),
        "board.csv": columns(BOARD_COLUMNS, board_props),
    }


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
                "aliases": ";".join(r.get("aliases", [])),
                **_changes_columns(r.get("changes") or []),
                **_response_columns(r.get("brand_response")),
                "url": f"{base_url}/{case.url}",
            }
        )
    return rows


def _changes_columns(changes: list) -> dict:
    last = changes[-1] if changes else {}
    what = f"{last['date']}: {last['what']}" if last else ""
    return {"change_count": len(changes), "last_change": what}


def _response_columns(response: dict | None) -> dict:
    """Right of reply in three columns: asked (day, yes, no or empty), the answer, its source."""
    if not response:
        return {"brand_asked": "", "brand_answer": "", "brand_answer_url": ""}
    asked = response.get("asked")
    asked = {True: "yes", False: "no"}.get(asked, asked) if isinstance(asked, bool) else asked
    answered = response.get("answered")
    if isinstance(answered, dict):
        return {
            "brand_asked": asked,
            "brand_answer": answered["quote"],
            "brand_answer_url": answered["url"],
        }
    return {"brand_asked": asked, "brand_answer": answered or "", "brand_answer_url": ""}


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


BOARD_COLUMNS = [
    "brand",
    "industry",
    "platform",
    "channel",
    "state",
    "since",
    "evidence_case",
    "evidence_url",
]


def board_rows(board, base_url: str) -> list[dict]:
    """One row per brand and channel on the channel board, with the case that shows it."""
    _, rows = board
    out = []
    for row in rows:
        for state in row.cells.values():
            evidence = state.evidence[-1].case
            out.append(
                {
                    "brand": row.brand,
                    "industry": row.industry or "",
                    "platform": state.platform or "",
                    "channel": state.channel,
                    "state": state.state,
                    "since": state.since,
                    "evidence_case": evidence.case_id,
                    "evidence_url": f"{base_url}/{evidence.url}",
                }
            )
    return out


def _csv(rows: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")  # DictWriter checks every row's keys
    writer.writerow(columns)
    writer.writerows([[row.get(column, "") for column in columns] for row in rows])
    return buffer.getvalue()


def _json_one_per_line(head: dict, key: str, items: list) -> str:
    """`head` with `key` holding `items`, as JSON with one item a line.

    As readable and as easy to diff as indented JSON, and written by the json module's C
    encoder (indented output goes through its Python one: ten times slower on 10,000 cases).
    """
    lines = [json.dumps(item, ensure_ascii=False) for item in items]
    opening = json.dumps({**head, key: []}, ensure_ascii=False, indent=1)
    if not lines:
        return opening
    before, _ = opening.rsplit("[]", 1)
    return before + "[\n  " + ",\n  ".join(lines) + "\n ]\n}"


STATIC_FILES = ("case.schema.json", "vocabularies.json")  # they do not depend on the cases


def files(cases, vocab: Vocabulary, base_url: str, board=([], [])) -> dict:
    """Name -> function returning the text of cases.json, cases.csv, sources.csv, the schema
    and the vocabularies.

    `cases` come oldest first (date, then id), so diffs between builds stay small. The texts
    are made only when called, so an unchanged file costs nothing.
    """

    def cases_json() -> str:
        head = {
            "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
            "schema": "case.schema.json",
            "count": len(cases),
        }
        return _json_one_per_line(head, "cases", records(cases))

    def board_json() -> str:
        head = {
            "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
            "states": ["closed", "open", "hours", "pledge", "disputed"],
        }
        return _json_one_per_line(head, "rows", board_rows(board, base_url))

    return {
        "cases.json": cases_json,
        "board.json": board_json,
        "board.csv": lambda: _csv(board_rows(board, base_url), BOARD_COLUMNS),
        "cases.csv": lambda: _csv(case_rows(cases, vocab, base_url), CASE_COLUMNS),
        "sources.csv": lambda: _csv(source_rows(cases), SOURCE_COLUMNS),
        "case.schema.json": lambda: json.dumps(case_schema(), ensure_ascii=False, indent=1),
        "vocabularies.json": lambda: json.dumps(vocab.terms, ensure_ascii=False, indent=1),
    }
