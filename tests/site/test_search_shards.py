"""A language's search index split into shards: stable, re-indexed one shard at a time, and
searched as one index (results, count and filters) by the search page in Chromium."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from plugins.tracker import search_index
from tests.site.sitelib import FIXTURE_CONTENT, pelican, serve_folder

SHARD_SIZE = 6  # pages per shard in these tests: the shipped size would make one shard
WORD = "quokkaphone"  # in every synthetic case, in no fixture case
EVENT_TYPES = ["channel-closure", "response-pledge", "viral-complaint"]
BRANDS = ["delta", "klm", "air-france", "british-airways"]
EN_CASES, FR_CASES = 20, 6


def synthetic_case(n: int, lang: str) -> tuple[str, str]:
    """(id, file text) of a valid case that mentions WORD; event types and brands rotate."""
    case_id = f"shard-{lang}-{n:02d}"
    year = 2016 + n % 8
    text = f"""---
id: {case_id}
title: Case {n} about the {WORD} desk
summary: >-
  Number {n} of the synthetic cases that make the index big enough for shards ({WORD}).
date: {year}-0{1 + n % 9}-1{n % 10}
date_precision: day
brands: [{BRANDS[n % len(BRANDS)]}]
platform: twitter
channel: public-reply
event_type: {EVENT_TYPES[n % len(EVENT_TYPES)]}
status: unknown
sources:
  - url: https://news.example.com/{case_id}
    title: Story {n}
    publisher: Example News
    published: {year}
    lang: {lang}
lang: {lang}
added: 2024-01-10
updated: 2024-01-10
---
The {WORD} desk answered case {n} in public
([Example News](https://news.example.com/{case_id})).
"""
    return case_id, text


def write_content(folder: Path) -> dict[str, dict]:
    """The fixture content plus the synthetic cases; id -> {lang, event_type, page}."""
    shutil.copytree(FIXTURE_CONTENT, folder)
    cases = {}
    for lang, count in (("en", EN_CASES), ("fr", FR_CASES)):
        for n in range(count):
            case_id, text = synthetic_case(n, lang)
            target = folder / "cases" / ("fr" if lang == "fr" else "") / f"{case_id}.md"
            target.write_text(text, encoding="utf-8")
            prefix = "fr/" if lang == "fr" else ""
            page = f"{prefix}cases/{case_id}/index.html"
            cases[case_id] = {"lang": lang, "event_type": EVENT_TYPES[n % 3], "page": page}
    return cases


def build(content: Path, output: Path, cache: Path, shard_size: int = SHARD_SIZE) -> None:
    result = pelican(content, output, cache=cache)  # a development build: with its manifest
    assert result.returncode == 0, result.stdout + result.stderr
    assert search_index.index(output, shard_size=shard_size) == 0


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """(folder, synthetic cases): content/, output/ and cache/ of a site with many shards."""
    folder = tmp_path_factory.mktemp("sharded")
    cases = write_content(folder / "content")
    build(folder / "content", folder / "output", folder / "cache")
    return folder, cases


@pytest.fixture
def sharded_copy(sharded, tmp_path):
    folder, cases = sharded
    for part in ("content", "output", "cache"):
        shutil.copytree(folder / part, tmp_path / part, symlinks=True)
    return tmp_path, cases


def shard_lists(output: Path) -> dict[str, list[str]]:
    return {
        bundle: json.loads((output / bundle / search_index.SHARDS).read_text(encoding="utf-8"))
        for _, bundle in search_index.bundles(output)
    }


def searchable_pages(output: Path, prefix: str) -> int:
    pages = (output / prefix).glob("cases/**/*.html")
    return sum("data-pagefind-body" in p.read_text(encoding="utf-8") for p in pages)


def page_count(folder: Path) -> int:
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def shard_of_page(output: Path, page: str) -> str:
    """The folder of the shard that indexes a page, as the search page finds it."""
    bundle = "fr/pagefind" if page.startswith("fr/") else "pagefind"
    count = 1 + len(shard_lists(output)[bundle])
    return search_index.shard_folder(bundle, search_index.shard_of(page, count))


def index_files(output: Path) -> dict[str, str]:
    """Every file of every bundle -> a digest of its bytes."""
    files = {}
    for _, bundle in search_index.bundles(output):
        for path in (output / bundle).rglob("*"):
            if path.is_file():
                files[path.relative_to(output).as_posix()] = hashlib.sha1(
                    path.read_bytes()
                ).hexdigest()
    return files


def folder_of(file: str) -> str:
    """The shard folder a bundle file belongs to ('pagefind/shard-2/index/x' -> its shard)."""
    match = re.match(r"(.*?pagefind(?:/shard-\d+)?)/", file)
    return match.group(1)


def test_each_language_is_split_into_shards_that_hold_every_page_once(sharded):
    folder, _ = sharded
    output = folder / "output"
    lists = shard_lists(output)
    for prefix, bundle in (("", "pagefind"), ("fr/", "fr/pagefind")):
        pages = searchable_pages(output, prefix)
        assert len(lists[bundle]) >= 1  # two shards at least in both languages
        folders = [output / bundle] + [output / bundle / shard for shard in lists[bundle]]
        assert sum(page_count(f) for f in folders) == pages
        for shard in folders[1:]:  # what a merged shard is read for, and nothing else
            names = {p.name for p in shard.iterdir()}
            assert "pagefind.js" not in names and not any(n.startswith("wasm.") for n in names)
            assert {"pagefind-entry.json", "index", "fragment"} <= names
        assert (output / bundle / "pagefind-ui.js").is_file()


def test_a_page_keeps_its_shard_when_cases_are_added():
    pages = [f"cases/case-{n}/index.html" for n in range(40)]

    def assignment(pages: list[str], size: int) -> dict[str, str]:
        shards = search_index.plan("pagefind", dict.fromkeys(pages, "digest"), size, True)
        return {page: shard.folder for shard in shards for page in shard.pages}

    before = assignment(pages, 10)
    assert len(set(before.values())) == 4 and sorted(before) == sorted(pages)
    after = assignment([*pages, "cases/case-new/index.html"], 11)  # 41 pages: four shards
    assert {page: after[page] for page in before} == before
    assert assignment(list(reversed(pages)), 10) == before  # the same pages, the same shards


def test_an_edit_re_indexes_only_the_shard_of_the_edited_case(sharded_copy):
    folder, cases = sharded_copy
    output = folder / "output"
    before = index_files(output)
    edited = "shard-en-07"
    path = folder / "content" / "cases" / f"{edited}.md"
    pages_before = {p: p.read_bytes() for p in (output / "cases").rglob("*.html")}
    text = path.read_text(encoding="utf-8").replace("title: Case", "title: Edited case", 1)
    path.write_text(text + "\nOne more sentence.\n", "utf-8")
    build(folder / "content", output, folder / "cache")
    # a new title shows on the neighbours' pages too (their pager), which the index skips
    pages_changed = [p for p, data in pages_before.items() if p.read_bytes() != data]
    assert len(pages_changed) >= 2
    after = index_files(output)
    changed = {f for f in before.keys() | after.keys() if before.get(f) != after.get(f)}
    assert changed  # the edited case's shard was written again
    assert {folder_of(f) for f in changed} == {shard_of_page(output, cases[edited]["page"])}
    assert len(shard_lists(output)["pagefind"]) >= 1


def test_fewer_pages_per_language_means_fewer_shards_and_no_old_ones(sharded_copy):
    folder, _ = sharded_copy
    output = folder / "output"
    assert search_index.index(output, shard_size=1000) == 0
    assert shard_lists(output) == {"pagefind": [], "fr/pagefind": []}
    assert not list(output.glob("**/pagefind/shard-*"))
    assert page_count(output / "pagefind") == searchable_pages(output, "")


def test_a_build_without_a_manifest_indexes_every_shard(sharded_copy):
    folder, _ = sharded_copy
    output = folder / "output"
    (output / search_index.MANIFEST).unlink()  # as in a published build
    lists = shard_lists(output)
    folders = [output / b for b in lists] + [output / b / s for b in lists for s in lists[b]]
    for shard in folders:
        (shard / "left-from-before").write_text("old", encoding="utf-8")
    assert search_index.index(output, shard_size=SHARD_SIZE) == 0
    assert not any((shard / "left-from-before").exists() for shard in folders)
    assert not any((shard / search_index.STAMP).exists() for shard in folders)


@pytest.fixture
def sharded_server(sharded):
    folder, _ = sharded
    with serve_folder(folder / "output") as base:
        yield base


def result_paths(tab, expected: int) -> list[str]:
    """Every result of the search shown, after asking for more until the UI offers no more
    and the `expected` number of results has loaded (each loads its own data)."""
    more = tab.locator(".pagefind-ui__button")
    while more.count():
        shown = tab.locator(".pagefind-ui__result").count()
        more.click()
        tab.wait_for_function(
            "n => document.querySelectorAll('.pagefind-ui__result').length > n", arg=shown
        )
    tab.wait_for_function(
        "n => document.querySelectorAll('.pagefind-ui__result-link').length >= n", arg=expected
    )
    return tab.locator(".pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )


def url_of(page: str) -> str:
    return "/" + page.removesuffix("index.html")


@pytest.mark.browser
def test_one_search_finds_and_counts_cases_of_every_shard(browse, sharded, sharded_server):
    folder, cases = sharded
    output = folder / "output"
    english = {name: c for name, c in cases.items() if c["lang"] == "en"}
    shards = {shard_of_page(output, c["page"]) for c in english.values()}
    assert len(shards) >= 3  # the cases searched for live in several shards
    context = browse()
    failed, wasm = [], []
    context.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    context.on("request", lambda r: ".pagefind" in r.url and "wasm." in r.url and wasm.append(1))
    tab = context.new_page()
    tab.goto(f"{sharded_server}/search/?q={WORD}")
    tab.locator(".pagefind-ui__result-link").first.wait_for()
    message = tab.locator(".pagefind-ui__message").inner_text()
    assert message.startswith(f"{len(english)} results")
    paths = result_paths(tab, len(english))
    assert sorted(paths) == sorted(url_of(c["page"]) for c in english.values())
    assert failed == [] and len(wasm) == 1  # one WebAssembly for all shards, nothing missing
    tags = tab.locator(".pagefind-ui__result").evaluate_all(
        "results => results.map(r => [...r.querySelectorAll('.pagefind-ui__result-tag')]"
        ".map(t => t.innerText.split(':')[0]))"
    )
    assert tags == [["Brands", "Date", "Event type", "Status"]] * len(english)  # every shard's


@pytest.mark.browser
def test_a_filter_narrows_the_results_of_every_shard(browse, sharded, sharded_server):
    folder, cases = sharded
    output = folder / "output"
    closures = {
        url_of(c["page"])
        for c in cases.values()
        if c["lang"] == "en" and c["event_type"] == "channel-closure"
    }
    assert len({shard_of_page(output, p.strip("/") + "/index.html") for p in closures}) >= 2
    tab = browse().new_page()
    tab.goto(f"{sharded_server}/search/?q={WORD}")
    tab.locator(".pagefind-ui__result-link").first.wait_for()
    block = tab.locator("details.pagefind-ui__filter-block", has_text="Event type")
    block.locator("summary").click()
    option = block.locator("label", has_text="Channel closure")
    assert option.inner_text().strip().endswith(f"({len(closures)})")  # counted in all shards
    option.click()
    tab.wait_for_function(
        "text => document.querySelector('.pagefind-ui__message').innerText.startsWith(text)",
        arg=f"{len(closures)} results",
    )
    assert sorted(result_paths(tab, len(closures))) == sorted(closures)


@pytest.mark.browser
def test_a_shard_that_cannot_load_is_said_plainly(browse, sharded_server):
    context = browse()
    context.route("**/pagefind/shard-1/**", lambda route: route.abort())
    tab = context.new_page()
    tab.goto(f"{sharded_server}/search/?q={WORD}")
    tab.locator(".search-error").wait_for(state="visible")
    assert tab.locator(".pagefind-ui__result-link").count() == 0
