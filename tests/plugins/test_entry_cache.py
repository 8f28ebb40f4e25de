"""Listing entries rendered by one development build are there for the next ones."""

from __future__ import annotations

from plugins.tracker.incremental import EntryCache


def test_entries_a_build_did_not_use_are_kept_while_their_cases_are_listed(tmp_path):
    first = EntryCache(tmp_path, "stamp", load=True)
    first["entry:a"], first["entry:b"] = "<li>A</li>", "<li>B</li>"
    first.save({"entry:a", "entry:b"})
    # an edit to A: the pages rendered again list A only
    second = EntryCache(tmp_path, "stamp", load=True)
    assert second.get("entry:a") == "<li>A</li>"
    second["entry:a2"] = "<li>A, edited</li>"
    second.save({"entry:a2", "entry:b"})
    third = EntryCache(tmp_path, "stamp", load=True)
    assert third.get("entry:b") == "<li>B</li>"  # not rendered again for an edit to B
    assert third.get("entry:a2") == "<li>A, edited</li>"
    assert third.get("entry:a") is None  # A's old entry is gone with its old text


def test_other_templates_or_settings_start_afresh(tmp_path):
    cache = EntryCache(tmp_path, "old-stamp", load=True)
    cache["entry:a"] = "<li>A</li>"
    cache.save({"entry:a"})
    newer = EntryCache(tmp_path, "new-stamp", load=True)
    assert newer.get("entry:a") is None
    newer["entry:a"] = "<li>A, new template</li>"
    newer.save({"entry:a"})
    assert [p.name for p in tmp_path.iterdir()] == ["ListingEntries-new-stamp.pickle"]


def test_a_damaged_cache_file_is_ignored(tmp_path):
    (tmp_path / "ListingEntries-stamp.pickle").write_bytes(b"not a pickle")
    cache = EntryCache(tmp_path, "stamp", load=True)
    assert cache.get("entry:a") is None
