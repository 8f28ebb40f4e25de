"""Ids are forever, the corrections log, right of reply, and annotations on a pull request."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from casebook import registry, vocabulary
from casebook.validate import check_files
from tests.casebook.test_validate import ROOT, TODAY, problems_for, valid, write


def with_lines(text: str, *lines: str) -> str:
    """The case with front-matter lines added before its last one."""
    head, _, body = text.partition("\n---\n")
    return head + "\n" + "\n".join(lines) + "\n---\n" + body


def run(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "casebook", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env={**os.environ, **(env or {})},
    )


def setup(tmp_path: Path, cases: dict[str, str], ids: str) -> tuple[Path, Path]:
    folder = tmp_path / "cases"
    folder.mkdir()
    for name, text in cases.items():
        write(folder, name, text)
    registry_file = tmp_path / "published-ids.yaml"
    registry_file.write_text(registry.HEADER + ids, encoding="utf-8")
    return folder, registry_file


# -- ids are forever ---------------------------------------------------------------------


def test_reusing_a_retired_id_is_refused_naming_the_registry(tmp_path):
    renamed = with_lines(valid("case-new"), "aliases: [case-old]")
    reused = valid("case-old").replace("Air France ends", "Another case ends")
    folder, ids = setup(
        tmp_path,
        {"case-new": renamed, "case-old": reused},
        "case-old: case-new\ncase-new: case-new\n",
    )
    result = run("validate", folder, "--ids", ids)
    assert result.returncode == 1
    assert (
        "case-old.md:2: id: 'case-old' was published before and now answers for the case "
        "'case-new' (published-ids.yaml line 5); ids are forever: choose another id and "
        "rename the file to match"
    ) in result.stderr
    # the current id is taken as an alias by the renamed case: refused there too
    assert "case-new.md:21: aliases[0]: 'case-old' is the id of" in result.stderr


def test_an_alias_that_named_another_case_is_refused(tmp_path):
    folder, ids = setup(
        tmp_path,
        {"case-a": valid("case-a"), "case-b": with_lines(valid("case-b"), "aliases: [case-x]")},
        "case-x: case-a\ncase-a: case-a\ncase-b: case-b\n",
    )
    # case-a would also need case-x as its alias; give it
    (folder / "case-a.md").write_text(with_lines(valid("case-a"), "aliases: [case-x]"), "utf-8")
    result = run("validate", folder, "--ids", ids)
    assert result.returncode == 1
    assert "aliases[0]: 'case-x' is already a former id of" in result.stderr


def test_a_published_id_that_disappeared_is_an_error_on_its_registry_line(tmp_path):
    folder, ids = setup(tmp_path, {"case-b": valid("case-b")}, "case-a: case-a\ncase-b: case-b\n")
    result = run("validate", folder, "--ids", ids)
    assert result.returncode == 1
    assert (
        f"{ids}:5: case-a: the published id 'case-a' no longer answers: no case has it as its "
        "id or as a former id;"
    ) in result.stderr


def test_a_rename_with_its_alias_and_registry_line_is_valid(tmp_path):
    folder, ids = setup(
        tmp_path,
        {"case-b": with_lines(valid("case-b"), "aliases: [case-a]")},
        "case-a: case-b\ncase-b: case-b\n",
    )
    result = run("validate", folder, "--ids", ids)
    assert result.returncode == 0, result.stderr


def test_a_rename_without_updating_the_registry_says_what_to_write(tmp_path):
    folder, ids = setup(
        tmp_path,
        {"case-b": with_lines(valid("case-b"), "aliases: [case-a]")},
        "case-a: case-a\ncase-b: case-b\n",
    )
    result = run("validate", folder, "--ids", ids)
    assert f"{ids}:5: case-a: 'case-a' is now a former id of 'case-b'; write 'case-a: case-b'" in (
        result.stderr
    )


def test_a_new_case_must_be_registered_and_a_draft_need_not(tmp_path):
    folder, ids = setup(
        tmp_path,
        {"case-a": valid("case-a"), "case-d": with_lines(valid("case-d"), "draft: true")},
        "",
    )
    result = run("validate", folder, "--ids", ids)
    assert result.returncode == 1
    assert (
        "case-a.md:2: id: 'case-a' is not in the registry of published ids; add the line "
        "'case-a: case-a' to published-ids.yaml in data/"
    ) in result.stderr
    assert "case-d" not in result.stderr


def test_every_shipped_case_is_registered():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    known = registry.load()
    assert len(known.answers) >= 125


def test_new_case_registers_its_id(tmp_path, monkeypatch):
    from casebook import __main__ as cli

    ids = tmp_path / "ids.yaml"
    monkeypatch.setattr(cli, "CASES_DIR", tmp_path / "cases")
    assert cli.main(["new-case", "Brand X closes its phone line", "--ids", str(ids)]) == 0
    assert registry.load(ids).answers == {
        "brand-x-closes-its-phone-line": "brand-x-closes-its-phone-line"
    }


# -- corrections log ---------------------------------------------------------------------


def test_changes_must_be_ordered_past_and_end_on_updated(tmp_path):
    text = with_lines(
        valid(),
        "changes:",
        "  - {date: 2026-11-20, what: Added the airline's statement}",
        "  - {date: 2026-11-10, what: Corrected the date}",
        "  - {date: 2027-01-01, what: From the future}",
    )
    found = problems_for(tmp_path, text)
    assert (
        "case-a.md:23: changes[1].date: 2026-11-10 is before the previous entry's date "
        "2026-11-20; list the changes oldest first, the latest at the end"
    ) in found
    assert (
        "case-a.md:24: changes[2].date: 2027-01-01 is in the future; write the day the change "
        "was made, today at the latest"
    ) in found


def test_updated_equals_the_last_change(tmp_path):
    text = with_lines(valid(), "changes:", "  - {date: 2026-11-20, what: Added a source, pr: 12}")
    found = problems_for(tmp_path, text)
    assert found == [
        "case-a.md:20: updated: is 2026-11-24 but the last entry of changes is dated 2026-11-20; "
        "write 'updated: 2026-11-20', or add the change of 2026-11-24 to changes"
    ]
    fixed = text.replace("updated: 2026-11-24", "updated: 2026-11-20")
    assert problems_for(tmp_path, fixed) == []


def test_a_change_without_what_is_refused(tmp_path):
    text = with_lines(valid(), "changes:", "  - {date: 2026-11-24}")
    found = problems_for(tmp_path, text)
    assert len(found) == 1 and "changes[0]" in found[0] and "what" in found[0], found


# -- right of reply ----------------------------------------------------------------------


def test_a_brand_response_is_checked(tmp_path):
    good = with_lines(
        valid(),
        "brand_response:",
        "  asked: 2026-11-01",
        "  answered: {quote: We still answer by phone., url: 'https://brand.test/statement'}",
    )
    assert problems_for(tmp_path, good) == []
    silent = with_lines(valid(), "brand_response: {asked: 2026-11-01, answered: did not answer}")
    assert problems_for(tmp_path, silent) == []
    unasked = with_lines(valid(), "brand_response: {asked: false, answered: did not answer}")
    assert problems_for(tmp_path, unasked) == [
        "case-a.md:21: brand_response.asked: is false but an answer is recorded; write the day "
        "the brand was asked, or 'asked: true' if it is not known"
    ]
    unsourced = with_lines(valid(), "brand_response: {asked: 2026-11-01, answered: {quote: Hi}}")
    assert any("brand_response.answered" in line for line in problems_for(tmp_path, unsourced))


# -- annotations -------------------------------------------------------------------------


def test_github_actions_gets_an_annotation_with_file_and_line(tmp_path):
    bad = valid().replace("status: ongoing", "status: ongoin")
    path = write(tmp_path, "case-a", bad)
    result = run("validate", path, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith(f"::error file={path},line=11::status: unknown status 'ongoin'")
    plain = run("validate", path, env={"GITHUB_ACTIONS": ""})
    assert "::error" not in plain.stdout + plain.stderr


def test_documents_read_back_through_check_files(tmp_path):
    # a case with every new field passes the schema as a whole
    text = with_lines(
        valid(),
        "aliases: [case-former]",
        "changes: [{date: 2026-11-24, what: First published with a response}]",
        "brand_response: {asked: true, answered: did not answer}",
    )
    _, problems = check_files([write(tmp_path, "case-a", text)], vocabulary.load(), today=TODAY)
    assert problems == []
