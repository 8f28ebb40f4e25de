"""Untrusted text never runs as script, and the site asks no third party for anything."""

from __future__ import annotations

import re
import shutil
import sys
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from pelican.settings import DEFAULT_CONFIG

from plugins.tracker import safe_markdown
from plugins.tracker.reader import FrontMatterReader
from tests.site.sitelib import (
    FIXTURE_CONTENT,
    SITE_HOST,
    file_of,
    html_files,
    pelican,
    resolve,
    run,
    url_of,
)

HOSTILE_MARKDOWN = """\
Intro paragraph.

<script>alert("block")</script>

Inline <script>alert("inline")</script> and <img src=x onerror=alert("img")>.

<a href="#" onclick="alert('click')">raw link</a>

[plain](javascript:alert("link")) [upper](JaVaScRiPt:alert(1)) [entity](jav&#x61;script:alert(1))
[data](data:text/html,<script>alert(1)</script>) [ref][evil] ![pic](javascript:alert("src"))

[evil]: javascript:alert("reference")

<iframe src="https://evil.example/"></iframe>

[fine](https://example.org/ok)
"""


def assert_inert(html: str) -> BeautifulSoup:
    doc = BeautifulSoup(html, "lxml")
    assert doc.find_all(["script", "iframe", "object", "embed", "style"]) == []
    for element in doc.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), f"<{element.name} {name}={value!r}>"
            if name in ("href", "src", "action", "formaction"):
                scheme = re.sub(r"\s", "", str(value)).lower()
                assert not scheme.startswith(("javascript:", "data:", "vbscript:")), str(element)
    return doc


def test_safe_markdown_renders_raw_html_as_text():
    doc = assert_inert(safe_markdown.render(HOSTILE_MARKDOWN))
    assert "<script>alert(" in doc.get_text()  # shown to the reader as text
    assert doc.find("a", href="https://example.org/ok").get_text() == "fine"


def test_reader_keeps_script_out_of_a_case_body(tmp_path):
    """The validator refuses such a file; the reader must be safe even without it."""
    source = (FIXTURE_CONTENT / "cases" / "delta-reply-pledge-fixture.md").read_text("utf-8")
    path = tmp_path / "delta-reply-pledge-fixture.md"
    path.write_text(source + "\n" + HOSTILE_MARKDOWN, encoding="utf-8")
    html, metadata = FrontMatterReader(dict(DEFAULT_CONFIG)).read(str(path))
    assert metadata["case"]["id"] == "delta-reply-pledge-fixture"
    assert_inert(html)
    assert "Delta said it aimed" in html


def test_validator_refuses_script_in_a_case_body(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    source = (FIXTURE_CONTENT / "cases" / "delta-reply-pledge-fixture.md").read_text("utf-8")
    (folder / "delta-reply-pledge-fixture.md").write_text(
        source + "\n<script>alert(1)</script>\n", encoding="utf-8"
    )
    result = run([sys.executable, "-m", "casebook", "validate", str(folder)])
    assert result.returncode != 0
    assert "text: contains raw HTML or a script" in result.stdout + result.stderr


def test_built_pages_are_inert(site):
    for path in html_files(site):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for script in doc.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", path
        for element in doc.find_all(True):
            assert not any(a.lower().startswith("on") for a in element.attrs), (path, element)


def test_no_page_loads_anything_from_a_third_party(site):
    """Scripts, styles, images, frames and forms are same-site; links out to sources are fine."""
    fetching = {
        "script": "src",
        "link": "href",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "video": "src",
        "audio": "src",
        "embed": "src",
        "object": "data",
        "form": "action",
    }
    for path in html_files(site):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for tag, attribute in fetching.items():
            for element in doc.find_all(tag):
                for value in [element.get(attribute), element.get("srcset")]:
                    host = urlsplit(value or "").netloc
                    assert host in ("", SITE_HOST), f"{path}: <{tag} {attribute}={value!r}>"
    css = (site / "theme" / "css" / "site.css").read_text(encoding="utf-8")
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css)
    for script in (site / "theme" / "js").glob("*.js"):
        assert not re.search(r"https?://", script.read_text(encoding="utf-8")), script


@pytest.mark.parametrize("build", ["site", "real_site"])
def test_every_internal_link_resolves(build, request):
    """Every same-site href, src and action points at a file of the build (works offline)."""
    site = request.getfixturevalue(build)
    broken = []
    for path in html_files(site):
        url = url_of(site, path)
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for element in doc.find_all(["a", "link", "script", "img", "form"]):
            value = element.get("href") or element.get("src") or element.get("action")
            if not value or value.startswith("#") or urlsplit(value).scheme:
                continue
            target = resolve(url, value)
            if path.name == "404.html" and value.startswith("/"):
                target = value  # served from the root whatever the address
            if not file_of(site, target).exists():
                broken.append(f"{url}: {value}")
    assert broken == []


REJECTED_PROBES = {
    "title": "Delta promises replies <img src=x onerror=alert(1)//",
    "url": 'https://biz.example.com/a"onmouseover="alert(2)',
}
# Text the validator accepts (no tag, no bad URL) that would still break out of an
# attribute if a template printed it unescaped.
ACCEPTED_PROBE = {"summary": 'He said " onmouseover="alert(3)" data-x=" and then left it there.'}


def _probe_site(tmp_path, title=None, url=None, summary=None):
    content = tmp_path / "content"
    (content / "cases").mkdir(parents=True)
    source = (FIXTURE_CONTENT / "cases" / "delta-reply-pledge-fixture.md").read_text("utf-8")
    if title:
        source = re.sub(r"(?m)^title: .*$", f"title: {title}", source)
    if url:
        source = source.replace("https://biz.example.com/delta-hour", url, 1)
    if summary:
        source = re.sub(r"(?m)^summary: .*(\n  .*)*$", "summary: '" + summary + "'", source)
    (content / "cases" / "delta-reply-pledge-fixture.md").write_text(source, encoding="utf-8")
    shutil.copytree(FIXTURE_CONTENT / "pages", content / "pages")
    return content


def test_validator_refuses_markup_in_front_matter(tmp_path):
    content = _probe_site(tmp_path, title=REJECTED_PROBES["title"], url=REJECTED_PROBES["url"])
    checked = run([sys.executable, "-m", "casebook", "validate", str(content / "cases")])
    assert checked.returncode == 1
    assert ": title: contains raw HTML or a script;" in checked.stderr
    assert ": sources[0].url: " in checked.stderr


def test_front_matter_cannot_inject_markup(tmp_path):
    content = _probe_site(tmp_path, summary=ACCEPTED_PROBE["summary"])
    checked = run([sys.executable, "-m", "casebook", "validate", str(content / "cases")])
    assert checked.returncode == 0, "the probe must pass validation to test the templates"
    output = tmp_path / "output"
    built = pelican(content, output)
    assert built.returncode == 0, built.stderr
    for path in html_files(output):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for element in doc.find_all(True):
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            assert handlers == [], f"{path.relative_to(output)}: <{element.name} {handlers}>"
