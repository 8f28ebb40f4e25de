"""The GitHub workflows and issue forms pass the linters GitHub users rely on."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.stem != "config")
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is a dev dependency: pip install -e '.[dev]'"
    return found


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    run = subprocess.run(
        [tool("zizmor"), "--offline", "--format", "json", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    findings = json.loads(run.stdout)
    serious = [
        f"{f['ident']}: {f['desc']} ({f['locations'][0]['symbolic']['key']})"
        for f in findings
        if f["determinations"]["severity"] in {"Medium", "High"} and not f["ignored"]
    ]
    assert serious == []


@pytest.mark.parametrize(
    "schema, files",
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.github-issue-forms", FORMS),
        ("vendor.github-issue-config", [ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml"]),
    ],
)
def test_github_files_match_their_schema(schema, files):
    assert files
    run = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_action_is_pinned_by_commit_with_its_version_named():
    for workflow in WORKFLOWS:
        for number, line in enumerate(workflow.read_text().splitlines(), 1):
            if "uses:" not in line:
                continue
            assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d", line), (
                f"{workflow.name}:{number}: pin the action by commit SHA, version in a comment"
            )


def test_every_job_states_its_permissions():
    for workflow in WORKFLOWS:
        text = workflow.read_text()
        assert re.search(r"^permissions: \{\}$", text, re.M), f"{workflow.name}: no default grant"
        jobs = text.split("\njobs:\n", 1)[1]
        names = re.findall(r"^  ([\w-]+):$", jobs, re.M)
        blocks = re.split(r"^  [\w-]+:$", jobs, flags=re.M)[1:]
        for name, block in zip(names, blocks, strict=True):
            assert "    permissions:" in block, (
                f"{workflow.name}: job {name} grants nothing explicitly"
            )


def test_the_data_set_is_citable():
    import yaml

    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0"
    assert citation["type"] == "dataset"
    assert citation["license"] == "CC-BY-4.0"
    assert citation["title"] and citation["authors"] and citation["repository-code"]
