"""The invoke tasks as a contributor runs them: from any folder, arguments intact, builds atomic.

Each test runs `invoke` on a scratch copy of the repository, so the real content/ and
output/ are never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casebook.frontmatter import read

ROOT = Path(__file__).resolve().parents[2]
PARTS = [
    "tasks.py",
    "pelicanconf.py",
    "publishconf.py",
    "casebook",
    "plugins",
    "theme",
    "data/vocab",
    "data/published-ids.yaml",
    "content",
]


@pytest.fixture
def repo(tmp_path) -> Path:
    """A copy of what the tasks need, in tmp_path/repo (so ../shared does not exist)."""
    copy = tmp_path / "repo"
    for part in PARTS:
        source, target = ROOT / part, copy / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target)
    return copy


def invoke(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`invoke ARGS` typed in folder `cwd`, each argument passed as it is (no shell here)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


TITLES = [
    'United charges $50 to talk to an "agent" `touch pwned`',
    "Quotes ' and \" and $(touch pwned) and ; touch pwned && \\ back",
]


@pytest.mark.parametrize("title", TITLES)
def test_new_case_keeps_any_title_and_writes_into_content_cases(repo, title):
    before = set((repo / "content" / "cases").glob("*.md"))
    result = invoke("new-case", title, cwd=repo / "content" / "cases" / "fr")
    assert result.returncode == 0, result.stderr
    written = sorted(set((repo / "content" / "cases").glob("*.md")) - before)
    assert len(written) == 1, result.stdout
    assert read(written[0]).meta["title"] == title
    assert not list(repo.rglob("pwned"))
    assert not (repo / "content" / "cases" / "fr" / "content").exists()


def test_validate_works_from_a_subfolder_and_names_the_problem(repo):
    good = invoke("validate", cwd=repo / "content" / "cases")
    assert good.returncode == 0, good.stderr
    assert "case file(s) valid" in good.stdout
    brands = repo / "data" / "vocab" / "brands.yaml"
    brands.write_text(
        brands.read_text("utf-8").replace("industry: airlines", "industry: airline", 1), "utf-8"
    )
    bad = invoke("validate", cwd=repo / "content" / "pages" / "fr")
    assert bad.returncode == 1
    assert "brands.yaml:" in bad.stderr
    assert (
        "air-france.industry: unknown industry 'airline' (did you mean 'airlines'?)" in bad.stderr
    )
    assert "Traceback" not in bad.stderr


def test_a_failed_build_leaves_the_previous_output_as_it_was(repo):
    first = invoke("build", cwd=repo / "theme")
    assert first.returncode == 0, first.stderr
    output = repo / "output"
    home = (output / "index.html").read_bytes()
    assert (output / "pagefind").is_dir()
    files = sorted(p.relative_to(output) for p in output.rglob("*"))

    # a template that cannot render: Pelican fails after writing part of the site
    data = repo / "theme" / "templates" / "data.html"
    data.write_text(data.read_text("utf-8") + "{% include 'no-such-template.html' %}", "utf-8")
    (repo / "content" / "cases" / "ba-promoted-tweet-complaint-hasan-syed.md").touch()
    failed = invoke("build", cwd=repo)
    assert failed.returncode != 0
    assert (output / "index.html").read_bytes() == home
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == files
    assert not (repo / "output.new").exists()

    # invalid content stops the build before Pelican, with the validator's lines
    case = repo / "content" / "cases" / "klm-ends-twitter-customer-service.md"
    case.write_text(case.read_text("utf-8").replace("status: ", "status: x", 1), "utf-8")
    refused = invoke("build", cwd=repo)
    assert refused.returncode == 1
    assert "klm-ends-twitter-customer-service.md:" in refused.stderr
    assert "Traceback" not in refused.stdout + refused.stderr
    assert (output / "index.html").read_bytes() == home


def test_a_successful_build_replaces_output_completely(repo):
    output = repo / "output"
    output.mkdir()
    (output / "stale.html").write_text("old", "utf-8")
    built = invoke("build", cwd=repo / "content")
    assert built.returncode == 0, built.stderr
    assert (output / "index.html").exists() and (output / "pagefind").is_dir()
    assert not (output / "stale.html").exists()


def test_evaluate_extraction_without_the_saved_pages_is_one_clear_message(repo):
    result = invoke("evaluate-extraction", cwd=repo)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "evaluate-extraction: no saved pages in" in result.stdout + result.stderr


def test_a_page_without_slug_stops_the_build_with_one_line(repo):
    about = repo / "content" / "pages" / "about.md"
    about.write_text(about.read_text("utf-8").replace("slug: about\n", ""), "utf-8")
    result = invoke("build", cwd=repo)
    assert result.returncode == 1
    assert "about.md:1: slug: is missing;" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (repo / "output").exists()


def test_archive_passes_its_arguments_to_curation_archive():
    result = invoke("archive", "--args", "--help", cwd=ROOT / "content")
    assert result.returncode == 0, result.stderr
    assert "usage: python -m curation.archive" in result.stdout
    assert "--check-links" in result.stdout


def test_validate_under_github_actions_annotates_the_file_and_line(repo):
    target = sorted((repo / "content" / "cases").glob("*.md"))[0]
    text = target.read_text("utf-8")
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("status:"))
    target.write_text(text.replace(lines[number - 1], "status: ongoin", 1), "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "validate"],
        cwd=repo / "content",
        env={**env, "GITHUB_ACTIONS": "true"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1
    relative = target.relative_to(repo).as_posix()
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert annotations == [
        f"::error file={relative},line={number}::status: unknown status 'ongoin' "
        "(did you mean 'ongoing'?); " + annotations[0].split("; ", 1)[1]
    ]
    assert f"{relative}:{number}: status: unknown status 'ongoin'" in result.stderr


def test_a_renamed_case_keeps_its_old_id_and_reusing_it_is_refused(repo):
    cases = repo / "content" / "cases"
    registry = repo / "data" / "published-ids.yaml"
    old = sorted(cases.glob("*.md"))[0]
    old_id, new_id = old.stem, old.stem + "-renamed"
    text = old.read_text("utf-8").replace(
        f"id: {old_id}\n", f"id: {new_id}\naliases: [{old_id}]\n", 1
    )
    (cases / f"{new_id}.md").write_text(text, "utf-8")
    old.unlink()
    ids = registry.read_text("utf-8").replace(f"{old_id}: {old_id}\n", f"{old_id}: {new_id}\n")
    registry.write_text(ids + f"{new_id}: {new_id}\n", "utf-8")
    renamed = invoke("validate", cwd=repo)
    # other cases that name the old id are told the new one
    referring = [c for c in cases.rglob("*.md") if f"{old_id}" in c.read_text("utf-8")]
    for other in referring:
        if other.stem != new_id:
            assert f"'{old_id}' is a former id of '{new_id}'; write" in renamed.stderr
            fixed = other.read_text("utf-8").replace(old_id, new_id)
            other.write_text(fixed, "utf-8")
    text = (cases / f"{new_id}.md").read_text("utf-8")
    renamed = invoke("validate", cwd=repo)
    assert renamed.returncode == 0, renamed.stderr
    built = invoke("build", cwd=repo)
    assert built.returncode == 0, built.stderr
    redirect = (repo / "output" / "cases" / old_id / "index.html").read_text("utf-8")
    assert f'url=../../cases/{new_id}/"' in redirect
    # a new case that takes the retired id is refused
    reused = text.replace(f"id: {new_id}\naliases: [{old_id}]\n", f"id: {old_id}\n", 1)
    (cases / f"{old_id}.md").write_text(reused, "utf-8")
    refused = invoke("validate", cwd=repo)
    assert refused.returncode == 1
    assert (
        f"{old_id}.md:2: id: '{old_id}' was published before and now answers for the case "
        f"'{new_id}'"
    ) in refused.stderr
