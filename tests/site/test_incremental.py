"""Development builds are incremental: an edit rewrites exactly the files it changes, and the
result is the same, byte for byte, as a build from scratch."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.site.sitelib import FIXTURE_CONTENT, pelican

EDITED = "cases/delta-reply-pledge-fixture.md"
UNRELATED_PAGE = "cases/ba-promoted-tweet-fixture/index.html"
# Pelican copies the theme's CSS and JS on every build (same bytes, new dates).
COPIED_EVERY_TIME = ("theme/",)
# with the share images a published build draws: an edit replaces its case's card
CARDS = ["TRACKER_SHARE_IMAGES=true"]
PARALLEL = ["TRACKER_PROCESSES=2", "TRACKER_PARALLEL_FROM=1"]  # fork even for a tiny site
COUNTS = re.compile(r"(\d+) rendered, (\d+) unchanged, (\d+) removed")
ENTRIES = re.compile(r"listing entries: (\d+) rendered")
NOTHING_CHANGED = "nothing changed since the last build of this folder"


def snapshot(output: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of a build: (modification time in ns, bytes)."""
    return {
        p.relative_to(output).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(output.rglob("*"))
        if p.is_file() and not p.relative_to(output).as_posix().startswith(COPIED_EVERY_TIME)
    }


def build(content: Path, output: Path, cache: Path) -> tuple[int, int, int]:
    return build_counting_entries(content, output, cache)[:3]


def build_counting_entries(content: Path, output: Path, cache: Path) -> tuple[int, ...]:
    """Pages and files rendered, unchanged, removed; listing entries rendered."""
    result = pelican(content, output, cache=cache, extra=CARDS)
    assert result.returncode == 0, result.stdout + result.stderr
    found, entries = COUNTS.search(result.stdout), ENTRIES.search(result.stdout)
    assert found and entries, result.stdout
    return (*(int(n) for n in found.groups()), int(entries.group(1)))


def rewritten(before: dict, after: dict) -> set[str]:
    return {name for name in after if name not in before or after[name][0] != before[name][0]}


def differing(a: dict, b: dict) -> set[str]:
    return {n for n in set(a) | set(b) if n not in a or n not in b or a[n][1] != b[n][1]}


@pytest.fixture
def site_copy(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    return content


def cold(content: Path, folder: Path) -> dict:
    """A build from scratch: new output folder, new cache."""
    build(content, folder / "output", folder / "cache")
    return snapshot(folder / "output")


def test_no_change_rebuild_renders_nothing(site_copy, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    about = site_copy / "pages" / "about.md"
    link = "See [the Delta case]({filename}/cases/delta-reply-pledge-fixture.md).\n"
    about.write_text(about.read_text(encoding="utf-8") + "\n" + link, encoding="utf-8")
    first_counts = build(site_copy, output, cache)
    assert first_counts[0] > 50 and first_counts[1] == 0
    before = snapshot(output)
    # Same inputs: the build stops at the stamp, before reading a case ...
    result = pelican(site_copy, output, cache=cache, extra=CARDS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert NOTHING_CHANGED in result.stdout
    assert rewritten(before, snapshot(output)) == set()
    # ... and a page that links to a case with {filename} keeps its link.
    page = (output / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="../cases/delta-reply-pledge-fixture/"' in page


def test_touched_file_or_missing_output_means_a_real_build(site_copy, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    total = build(site_copy, output, cache)[0]
    before = snapshot(output)
    # A saved file with the same text: read again, nothing rewritten.
    (site_copy / EDITED).touch()
    assert build(site_copy, output, cache) == (0, total, 0)
    # A page deleted from the output folder by hand comes back, the same.
    (output / UNRELATED_PAGE).unlink()
    assert build(site_copy, output, cache) == (1, total - 1, 0)
    # the same site; only the record of the inputs holds the touched file's new time
    assert differing(before, snapshot(output)) == {".tracker-last-build.json"}


def test_one_edit_rewrites_only_what_shows_it_and_equals_a_cold_build(site_copy, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    total, _, _, all_entries = build_counting_entries(site_copy, output, cache)
    before = snapshot(output)

    path = site_copy / EDITED
    text = path.read_text(encoding="utf-8")
    new_title = "Delta promises to answer tweets within sixty minutes"
    path.write_text(
        re.sub(r"(?m)^title: .*$", f"title: {new_title}", text)
        + "\nA sentence added by the incremental-build test.\n",
        encoding="utf-8",
    )
    rendered, unchanged, _, entries = build_counting_entries(site_copy, output, cache)
    after = snapshot(output)
    # the other cases' listing entries come from the last build: only the edited case's
    # (once per interface language) are rendered again
    assert 0 < entries <= 2 < all_entries
    changed = rewritten(before, after)

    # Exactly the files whose bytes changed were written, nothing else; the only file
    # removed is the edited case's old share image (its title changed, so its card did) ...
    removed = set(before) - set(after)
    assert changed | removed == differing(before, after)
    assert len(removed) == 1 and next(iter(removed)).startswith("images/share/")
    new_cards = {name for name in changed if name.startswith("images/share/")}
    assert len(new_cards) == 1
    # ... and that is the case page, and what lists or links it, not the rest of the site.
    assert "cases/delta-reply-pledge-fixture/index.html" in changed
    assert {"timeline/index.html", "fr/timeline/index.html", "brands/delta/index.html"} <= changed
    assert {"feeds/all.atom.xml", "data/cases.json"} <= changed
    assert UNRELATED_PAGE not in changed or new_title in after[UNRELATED_PAGE][1].decode()
    assert "about/index.html" not in changed and "data/case.schema.json" not in changed
    assert rendered < total / 2 and unchanged > total / 2
    records = {".tracker-manifest.json", ".tracker-last-build.json", ".tracker-search-keys.json"}
    for name in changed - {*records, "data/sources.csv", *new_cards}:
        assert new_title.encode() in after[name][1] or "delta" in name, name

    assert differing(after, cold(site_copy, tmp_path / "cold")) == set()


def test_a_removed_case_leaves_no_page_behind(site_copy, tmp_path):
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(site_copy, output, cache)
    (site_copy / "cases" / "ba-promoted-tweet-fixture.md").unlink()
    _, _, removed = build(site_copy, output, cache)
    assert removed >= 3  # its page, its brand page and feed (the only British Airways case)
    assert not (output / UNRELATED_PAGE).exists()
    assert not (output / "brands" / "british-airways").exists()
    assert differing(snapshot(output), cold(site_copy, tmp_path / "cold")) == set()


def test_parallel_reading_and_rendering_build_the_same_site(site_copy, tmp_path):
    one = cold(site_copy, tmp_path / "one")
    folder = tmp_path / "two"
    result = pelican(
        site_copy, folder / "output", cache=folder / "cache", extra=[*CARDS, *PARALLEL]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert differing(one, snapshot(folder / "output")) == set()


def test_a_new_search_index_replaces_the_old_one(site_copy, tmp_path):
    from invoke import Config, Context

    from tasks import build_site

    context = Context(Config(overrides={"run": {"in_stream": False}}))  # no stdin in tests
    output, cache = tmp_path / "output", tmp_path / "cache"
    build_site(context, content=site_copy, output=output, cache=cache, quiet=True)
    first = {p.relative_to(output) for p in (output / "pagefind").rglob("*") if p.is_file()}
    path = site_copy / EDITED
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
    build_site(context, content=site_copy, output=output, cache=cache, quiet=True)
    files = {p.relative_to(output) for p in (output / "pagefind").rglob("*") if p.is_file()}
    metas = [p for p in files if p.suffix == ".pf_meta"]
    assert len(metas) == len([p for p in first if p.suffix == ".pf_meta"])  # one per language
    assert len(files) <= len(first) + 2  # not the old index plus the new one


def test_the_cache_of_other_vocabularies_is_removed(site_copy, tmp_path):
    """A vocabulary (or code) change makes a new case cache; the old one goes, whatever else
    the build reads again, so the cache folder does not grow with every change."""
    vocab = tmp_path / "vocab"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data" / "vocab", vocab)
    settings = [f"VOCABULARY_PATH={json.dumps(str(vocab))}"]
    output, cache = tmp_path / "output", tmp_path / "cache"
    for round_ in range(3):
        result = pelican(site_copy, output, cache=cache, extra=[*CARDS, *settings])
        assert result.returncode == 0, result.stdout + result.stderr
        assert len(list(cache.glob("CaseGenerator-*"))) == 1, round_
        statuses = vocab / "statuses.yaml"
        statuses.write_text(statuses.read_text("utf-8") + f"\n# change {round_}\n", "utf-8")
        edited = site_copy / EDITED  # and one case read again each time
        edited.write_text(edited.read_text("utf-8") + f"\nChange {round_}.\n", "utf-8")
