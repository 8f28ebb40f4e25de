"""The fixture is valid; bad content stops the build with the validator's own messages."""

from __future__ import annotations

import re
import shutil
import sys

import pytest

from tests.site.sitelib import FIXTURE_CONTENT, INVALID_CONTENT, pelican, run

PROBLEM = re.compile(r"(?P<file>[\w./-]+\.md):(?P<line>\d+): (?P<field>[\w.\[\]]+): (?P<rest>.+)")


def problems(text: str) -> list[tuple[str, int, str, str]]:
    """(file name, line, field, message) of every `PATH:LINE: field: ...` line."""
    out = []
    for line in text.splitlines():
        match = PROBLEM.search(line)
        if match:
            name = match["file"].rsplit("/", 1)[-1]
            out.append((name, int(match["line"]), match["field"], match["rest"].strip()))
    return out


def test_fixture_content_validates():
    result = run([sys.executable, "-m", "casebook", "validate", str(FIXTURE_CONTENT / "cases")])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    """A site with the fixture's valid cases plus one case with four mistakes."""
    content = tmp_path_factory.mktemp("invalid") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    shutil.copy(INVALID_CONTENT / "cases" / "broken-case-fixture.md", content / "cases")
    validated = run([sys.executable, "-m", "casebook", "validate", str(content / "cases")])
    output = content.parent / "output"
    return validated, pelican(content, output), output


def test_validator_names_file_line_and_field(refused):
    validated, _, _ = refused
    assert validated.returncode != 0
    found = problems(validated.stdout + validated.stderr)
    assert [(name, line, field) for name, line, field, _ in found] == [
        ("broken-case-fixture.md", 1, "date"),
        ("broken-case-fixture.md", 7, "brands[0]"),
        ("broken-case-fixture.md", 13, "sources[0].url"),
        ("broken-case-fixture.md", 17, "related[0]"),
    ]
    messages = [rest for *_, rest in found]
    assert messages[0].startswith("is missing;")
    assert messages[1].startswith("unknown brand 'no-such-brand'")
    assert messages[2].startswith("'not-a-web-address' is not in the expected form")
    assert messages[3].startswith("no case has the id 'no-such-case'")


def test_build_refuses_invalid_content(refused):
    _, built, output = refused
    assert built.returncode != 0
    assert not (output / "cases" / "broken-case-fixture" / "index.html").exists()
    assert not output.exists() or not list(output.rglob("*.html"))


def test_build_prints_every_problem_like_the_validator(refused):
    validated, built, _ = refused
    expected = problems(validated.stdout + validated.stderr)
    assert len(expected) == 4
    assert problems(built.stdout + built.stderr) == expected
