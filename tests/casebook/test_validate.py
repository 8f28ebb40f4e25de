"""The validator: one rule per test, each with a bad file and the exact line it prints."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from casebook import vocabulary
from casebook.validate import check_files

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 24)

VALID = """\
---
id: {id}
title: Air France ends Twitter DM support
summary: Air France stopped answering customers by Twitter direct message.
date: 2023-04-28
date_precision: day
brands: [air-france]
platform: twitter
channel: direct-message
event_type: channel-closure
status: ongoing
sources:
  - url: https://news.test/air-france
    title: Air France drops Twitter DMs
    publisher: Example News
    published: 2023-04-28
    lang: en
related: []
lang: en
updated: 2026-11-24
---
Air France said its direct-message service on Twitter was no longer available.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def problems_for(tmp_path: Path, text: str, name: str = "case-a", extra: dict | None = None):
    paths = [write(tmp_path, name, text)]
    for other, other_text in (extra or {}).items():
        paths.append(write(tmp_path, other, other_text))
    _, problems = check_files(paths, vocabulary.load(), today=TODAY)
    return [str(p).replace(str(tmp_path) + "/", "") for p in problems]


def valid(name: str = "case-a") -> str:
    return VALID.format(id=name)


def test_a_valid_case_has_no_problem(tmp_path):
    assert problems_for(tmp_path, valid()) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "date: 2023-04-28\n",
            "",
            "case-a.md:1: date: is missing; write the date as YYYY-MM-DD, YYYY-MM or YYYY, "
            "e.g. 'date: 2023-04-28'",
        ),
        (
            "brands: [air-france]",
            "brands: [air-frnace]",
            "case-a.md:7: brands[0]: unknown brand 'air-frnace' (did you mean 'air-france'?); "
            "use a key from brands.yaml in data/vocab/, or add the brand there in the same "
            "pull request",
        ),
        (
            "url: https://news.test/air-france",
            "url: ftp://news.test/air-france",
            "case-a.md:13: sources[0].url: 'ftp://news.test/air-france' is not in the "
            "expected form; give the full address, starting with https:// or http://",
        ),
        (
            "related: []",
            "related: [no-such-case]",
            "case-a.md:18: related[0]: no case has the id 'no-such-case'; use the id of an "
            "existing case, or remove it",
        ),
        (
            "date: 2023-04-28\n",
            "date: 2023-02-30\n",
            "case-a.md:5: date: '2023-02-30' is not a real date; write the date as YYYY-MM-DD, "
            "YYYY-MM or YYYY, e.g. 'date: 2023-04-28'",
        ),
        (
            "date: 2023-04-28\n",
            "date: 2027-01-05\n",
            "case-a.md:5: date: 2027-01-05 is in the future; check the year; the tracker "
            "records past events only",
        ),
        (
            "date_precision: day",
            "date_precision: month",
            "case-a.md:6: date_precision: is 'month' but the date 2023-04-28 has day "
            "precision; write 'date_precision: day'",
        ),
        (
            "event_type: channel-closure",
            "event_type: channel-closed",
            "case-a.md:10: event_type: unknown event type 'channel-closed' (did you mean "
            "'channel-closure'?); use a key from event_types.yaml in data/vocab/, or add the "
            "event type there in the same pull request",
        ),
        (
            "sources:\n  - url: https://news.test/air-france\n    title: Air France drops "
            "Twitter DMs\n    publisher: Example News\n    published: 2023-04-28\n    lang: en\n",
            "sources: []\n",
            "case-a.md:12: sources: is empty; list at least one source with url, title, "
            "publisher and lang",
        ),
        (
            "Air France said",
            "<script>alert(1)</script> Air France said",
            "case-a.md:22: text: contains raw HTML or a script; write plain Markdown; raw HTML "
            "and scripts are not allowed in case text",
        ),
        (
            "title: Air France ends Twitter DM support",
            "title: Air France <b>ends</b> Twitter DM support",
            "case-a.md:3: title: contains raw HTML or a script; write plain Markdown; raw HTML "
            "and scripts are not allowed in case text",
        ),
        (
            "status: ongoing",
            "status: ongoing\nmood: grumpy",
            "case-a.md:12: mood: unknown field (known fields: id, aliases, title, summary, date, "
            "date_precision, brands, platform, channel, event_type, status, ended, disagreement, "
            "sources, related, lang, translation_of, draft, added, updated, changes, "
            "brand_response); see the case schema in CONTRIBUTING.md",
        ),
    ],
    ids=[
        "missing-date",
        "unknown-brand",
        "bad-url",
        "unknown-related",
        "unreal-date",
        "future-date",
        "precision-mismatch",
        "unknown-event-type",
        "no-source",
        "script-in-text",
        "html-in-title",
        "unknown-field",
    ],
)
def test_each_rule_names_file_line_field_and_fix(tmp_path, old, new, expected):
    text = valid()
    assert old in text
    assert problems_for(tmp_path, text.replace(old, new, 1)) == [expected]


def test_id_must_equal_the_file_name(tmp_path):
    assert problems_for(tmp_path, valid("other-name")) == [
        "case-a.md:2: id: 'other-name' differs from the file name 'case-a.md'; rename the file "
        "to other-name.md or write 'id: case-a'"
    ]


def test_ids_are_unique_across_folders(tmp_path):
    (tmp_path / "fr").mkdir()
    paths = [write(tmp_path, "case-a", valid()), write(tmp_path / "fr", "case-a", valid())]
    _, problems = check_files(paths, vocabulary.load(), today=TODAY)
    assert [p.message for p in problems] == [
        "'case-a' is already used by " + str(paths[0]) + ", published earlier"
    ]


def test_translation_must_point_to_an_original_in_another_language(tmp_path):
    french = valid("cas-a").replace(
        "lang: en\nupdated", "lang: fr\ntranslation_of: case-b\nupdated"
    )
    assert problems_for(tmp_path, french, name="cas-a", extra={"case-a": valid()}) == [
        "cas-a.md:20: translation_of: no case has the id 'case-b'; write the id of the original "
        "case"
    ]
    same_lang = french.replace("lang: fr", "lang: en").replace("case-b", "case-a")
    assert problems_for(tmp_path, same_lang, name="cas-a", extra={"case-a": valid()}) == [
        "cas-a.md:20: translation_of: 'case-a' is in the same language; set 'lang' to the "
        "language this file is written in"
    ]


def test_invalid_yaml_is_one_line_not_a_traceback(tmp_path):
    broken = valid().replace("brands: [air-france]", "brands: [air-france")
    lines = problems_for(tmp_path, broken)
    assert len(lines) == 1
    assert lines[0].startswith("case-a.md:")
    assert ": front matter: not valid YAML (" in lines[0]
    assert lines[0].endswith(
        "; check indentation and quote values that contain ': ' or start with a symbol"
    )


def test_missing_front_matter(tmp_path):
    assert problems_for(tmp_path, "Just text\n") == [
        "case-a.md:1: front matter: the file does not start with front matter; begin the file "
        "with a line '---'"
    ]


def test_a_year_written_without_quotes_is_accepted(tmp_path):
    text = valid().replace(
        "date: 2023-04-28\ndate_precision: day", "date: 2013\ndate_precision: year"
    )
    assert problems_for(tmp_path, text) == []


def test_all_problems_of_all_files_in_one_run(tmp_path):
    """The acceptance case of the foundation issue: four problems, four lines, one file."""
    bad = (
        valid()
        .replace("date: 2023-04-28\n", "")
        .replace("[air-france]", "[air-frnace]")
        .replace("https://news.test/air-france", "not-a-url")
        .replace("related: []", "related: [ghost-case]")
    )
    write(tmp_path, "case-a", bad)
    write(tmp_path, "case-b", valid("case-b").replace("brands: [air-france]", "brands: [nobody]"))
    result = subprocess.run(
        [sys.executable, "-m", "casebook", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if ".md:" in line]
    assert len(lines) == 5
    assert sum(line.startswith(str(tmp_path / "case-a.md") + ":") for line in lines) == 4
    assert [line.split(": ")[1] for line in lines[:4]] == [
        "date",
        "brands[0]",
        "sources[0].url",
        "related[0]",
    ]
    assert "5 problem(s) in 2 file(s)" in result.stderr


def test_the_shipped_cases_validate():
    result = subprocess.run(
        [sys.executable, "-m", "casebook", "validate"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    count = int(result.stdout.split()[0])
    assert count >= 13  # ten English cases and at least three French translations


def test_the_small_documents_kept_for_the_checks_between_files_give_the_same_problems(tmp_path):
    from casebook.validate import check_collection, for_collection, read_all

    (tmp_path / "fr").mkdir()
    texts = {
        "case-a": valid().replace("related: []", "related:\n  - case-a\n  - case-old\n  - nobody"),
        "case-b": valid("case-b").replace("related: []", "aliases: [case-old, case-a]"),
        "fr/cas-a": valid("cas-a").replace(
            "lang: en\nupdated", "lang: fr\ntranslation_of: case-old\nupdated"
        ),
        "fr/case-a": valid().replace(
            "updated: 2026-11-24", "added: 2026-01-01\nupdated: 2026-11-24"
        ),
    }
    paths = [write(tmp_path, name, text) for name, text in texts.items()]
    docs, _ = read_all(paths)
    small = [for_collection(doc) for doc in docs]
    problems = check_collection(docs)
    assert len(problems) >= 5
    assert check_collection(small) == problems
    assert all(not doc.body and len(doc.lines) < 12 for doc in small)
