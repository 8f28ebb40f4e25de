"""What the documentation shows a contributor is what the tools really do."""

from __future__ import annotations

import re

from tests.casebook.test_validate import ROOT, problems_for, valid


def test_contributing_shows_what_the_validator_really_says(tmp_path):
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = [
        line for line in text.splitlines() if line.startswith("content/cases/klm-ends-dms.md:")
    ]
    assert len(shown) == 2
    case = (
        valid("klm-ends-dms")
        .replace("brands: [air-france]", "brands: [klm-airlines]")
        .replace("status: ongoing", "status: resolve")
    )
    said = problems_for(tmp_path, case, name="klm-ends-dms")
    assert ["content/cases/" + line for line in said] == shown


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = re.search(r"## Quick start.*?```sh\n(.*?)```", readme, re.S).group(1)
    commands = quick_start.strip().splitlines()
    assert len(commands) == 2 and commands[1].endswith("invoke test")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == commands[1]
