"""One search bundle per interface language, beside that language's case pages."""

from __future__ import annotations

import json

from plugins.tracker import search_index
from tests.site.sitelib import page


def entry_languages(site, bundle: str) -> set[str]:
    entry = json.loads((site / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return set(entry["languages"])


def test_each_language_has_its_own_bundle(site):
    assert search_index.bundles(site) == [
        ("cases/**/*.html", "pagefind"),
        ("fr/cases/**/*.html", "fr/pagefind"),
    ]
    assert entry_languages(site, "pagefind") == {"en"}
    assert entry_languages(site, "fr/pagefind") == {"fr"}


def test_each_search_page_loads_its_languages_bundle(site):
    english = page(site, "/search/").select_one("#search")["data-bundle"]
    french = page(site, "/fr/search/").select_one("#search")["data-bundle"]
    assert english.endswith("/pagefind/") and "/fr/" not in english
    assert french.endswith("/fr/pagefind/")
    scripts = [s["src"] for s in page(site, "/fr/search/").select("script[src]")]
    assert any(src.endswith("fr/pagefind/pagefind-ui.js") for src in scripts)


def test_indexing_again_leaves_no_old_index_behind(site, tmp_path):
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    before = sorted(p.relative_to(copy) for p in copy.rglob("pagefind/**/*") if p.is_file())
    (copy / "cases").joinpath("extra.html").write_text(
        '<html lang="en"><body data-pagefind-body><h1>Extra</h1><p>words</p></body></html>',
        encoding="utf-8",
    )
    assert search_index.index(copy) == 0
    after = sorted(p.relative_to(copy) for p in copy.rglob("pagefind/**/*") if p.is_file())
    stamp = [p for p in before if p.name == ".tracker-indexed"]
    assert len(after) <= len(before) - len(stamp) + 4  # a new index, not the old one plus it


def test_only_the_bundles_whose_case_pages_changed_are_indexed_again(site, tmp_path):
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    pages = [p.relative_to(copy).as_posix() for p in copy.glob("**/cases/**/*.html")]
    manifest = dict.fromkeys([*pages, "index.html"], "1")

    def record(manifest: dict) -> None:
        """What a development build leaves: its manifest and the case pages' search keys."""
        (copy / search_index.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        keys = {page: key for page, key in manifest.items() if page in pages}
        (copy / search_index.SEARCH_KEYS).write_text(json.dumps(keys), encoding="utf-8")

    record(manifest)
    assert search_index.index(copy) == 0  # both indexed and stamped
    bundles = ("pagefind", "fr/pagefind")

    def stamps() -> dict[str, int]:
        return {b: (copy / b / search_index.STAMP).stat().st_mtime_ns for b in bundles}

    first = stamps()
    manifest["index.html"] = "2"  # a page the index does not read
    record(manifest)
    assert search_index.index(copy) == 0
    assert stamps() == first
    french = next(
        p
        for p in sorted(pages)
        if p.startswith("fr/cases/") and "data-pagefind-body" in (copy / p).read_text("utf-8")
    )
    page = copy / french
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (edited)</h1>", 1))
    manifest[french] = "2"  # a French case page changed
    record(manifest)
    assert search_index.index(copy) == 0
    second = stamps()
    assert second["pagefind"] == first["pagefind"]
    assert second["fr/pagefind"] != first["fr/pagefind"]
    assert entry_languages(copy, "fr/pagefind") == {"fr"}


def test_the_shipped_site_keeps_one_bundle_per_language(real_site):
    for _, bundle in search_index.bundles(real_site):
        assert json.loads((real_site / bundle / search_index.SHARDS).read_text("utf-8")) == []
        assert not list((real_site / bundle).glob("shard-*"))
        assert (real_site / bundle / "pagefind-ui.js").is_file()
