"""The stamp a development build compares before reading anything (inputs.build_stamp)."""

from __future__ import annotations

import os
import shutil

import pytest
from pelican.settings import read_settings

from plugins.tracker import inputs
from tests.site.sitelib import FIXTURE_CONTENT, ROOT


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    return folder


def settings(content, **override):
    values = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    return {**values, **override}


def test_same_inputs_same_stamp_wherever_the_build_writes(content, tmp_path):
    first = inputs.build_stamp(settings(content), content)
    elsewhere = settings(content, OUTPUT_PATH=str(tmp_path / "o"), CACHE_PATH=str(tmp_path / "c"))
    assert inputs.build_stamp(elsewhere, content) == first
    # how many processes build it does not change what is built
    assert inputs.build_stamp(settings(content, TRACKER_PROCESSES=2), content) == first


def test_a_saved_file_a_new_file_or_a_setting_changes_the_stamp(content):
    base = settings(content)
    first = inputs.build_stamp(base, content)
    case = next((content / "cases").glob("*.md"))
    stat = case.stat()
    os.utime(case, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # saved, same text
    touched = inputs.build_stamp(base, content)
    assert touched != first
    (content / "pages" / "new.md").write_text("---\ntitle: New\n---\nText.\n", encoding="utf-8")
    added = inputs.build_stamp(base, content)
    assert added not in (first, touched)
    assert inputs.build_stamp(settings(content, FEED_MAX_ITEMS=5), content) != added
    assert inputs.build_stamp(settings(content, PAGE_PATHS=["elsewhere"]), content) != added
