"""Untrusted text never runs as script, and the site asks no third party for anything."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from pelican.settings import DEFAULT_CONFIG

from plugins.tracker import safe_markdown
from plugins.tracker.reader import FrontMatterReader
from tasks import pagefind_command
from tests.site.sitelib import (
    FIXTURE_CONTENT,
    ROOT,
    SITE_HOST,
    file_of,
    html_files,
    pelican,
    resolve,
    run,
    serve_folder,
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


# -- hostile input: every contributor- or feed-controlled field -------------------------------
#
# Each field gets strings meant to break out of HTML, attributes, JSON, CSV or XML. A string
# is either refused by the validator, with the file's line and the field, or accepted: then
# the site builds, and in Chromium nothing executes, no element appears, no request leaves
# the site, and every data output still parses.

REFUSED = {
    "raw tag": "<img src=x onerror=alert(1)>",
    "closing tag": "</title><script>alert(1)</script>",
    "script URL": "javascript:alert(1)",
    "entity-hidden tag": "&lt;img src=x onerror=alert(1)&gt;",
    "numeric entity": "&#60;script&#62;",
    "control character": "bell \x07 and backspace \x08",
    "direction override": "evil \u202egnp.exe",
    "C1 control": "next line \x85 here",
}
# where each field sits in the fixture case (delta-reply-pledge-fixture.md)
FIELD_LINES = {
    "title": 3,
    "summary": 4,
    "sources[0].title": 15,
    "sources[0].publisher": 16,
}


def _case_with(field: str, value: str) -> str:
    """The Delta fixture case with `value` (as a YAML double-quoted string) in `field`."""
    source = (FIXTURE_CONTENT / "cases" / "delta-reply-pledge-fixture.md").read_text("utf-8")
    if field == "summary":  # long enough that only the payload can be wrong
        value += ", and the rest of a summary long enough to be valid"
    quoted = json.dumps(value, ensure_ascii=False)
    patterns = {
        "title": r"(?m)^title: .*$",
        "summary": r"(?m)^summary: >-\n  .*$",
        "sources[0].title": r"(?m)^    title: .*$",
        "sources[0].publisher": r"(?m)^    publisher: .*$",
    }
    prefix = {"title": "title: ", "summary": "summary: "}.get(field, "    " + field[11:] + ": ")
    return re.sub(patterns[field], lambda _: prefix + quoted, source, count=1)


@pytest.mark.parametrize("payload", list(REFUSED.values()), ids=list(REFUSED))
@pytest.mark.parametrize("field", list(FIELD_LINES))
def test_hostile_front_matter_is_refused_with_its_line(tmp_path, field, payload):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "delta-reply-pledge-fixture.md").write_text(_case_with(field, payload), "utf-8")
    result = run([sys.executable, "-m", "casebook", "validate", str(folder)])
    assert result.returncode == 1, result.stdout
    line = FIELD_LINES[field]
    assert f"delta-reply-pledge-fixture.md:{line}: {field}: " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


REFUSED_BODY = {
    "raw tag": "Text <iframe src=https://evil.test/></iframe>",
    "image elsewhere": "![x](https://evil.test/pixel.png)",
    "entity-hidden script link": "[x](javascript&#58;alert(1))",
    "data link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "protocol-relative image": "![x](//evil.test/p.png)",
    "control character": "bell \x07",
    "lone surrogate": b"broken \xed\xa0\x80",
}


@pytest.mark.parametrize("payload", list(REFUSED_BODY.values()), ids=list(REFUSED_BODY))
def test_hostile_narrative_is_refused_with_its_line(tmp_path, payload):
    folder = tmp_path / "cases"
    folder.mkdir()
    source = (FIXTURE_CONTENT / "cases" / "delta-reply-pledge-fixture.md").read_bytes()
    data = payload if isinstance(payload, bytes) else payload.encode()
    (folder / "delta-reply-pledge-fixture.md").write_bytes(source + b"\n" + data + b"\n")
    line = source.count(b"\n") + 2
    result = run([sys.executable, "-m", "casebook", "validate", str(folder)])
    assert result.returncode == 1, result.stdout
    assert f"delta-reply-pledge-fixture.md:{line}: " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


MARK = "Zq7hostile"  # finds the pages that show the hostile case
ACCEPTED = {
    "title": f'{MARK} " onmouseover="alert(1)" x=\' {{{{ 7*7 }}}} ]]> AT&T \u200b & < 3',
    "summary": (
        f"{MARK} '; alert(1); ' ${{alert(1)}} & amp; =HYPERLINK(\"https://evil.test\") "
        "\u200d\u200c ا‌ل end"
    ),
    "disagreement": '" autofocus onfocus="alert(1)" x="',
    "source_title": "' onmouseover='alert(1)' \\\" ]]> --> end",
    "publisher": "Pub & #60;img src=x onerror=alert(1) > x",
    "quote": '"}]} ,"x": 1 } ]]> --> \\u003c end' + "x" * 250,
    "url": "https://news.test/a'onmouseover='alert(1)'?q=1&r=%22%3E%3Cscript%3E",
    "archived": "https://archive.test/web/2015/https://news.test/a'?x=1&y=2",
    "brand": 'Evil & Co " onmouseover="alert(1) ]]> Air',
}
HOSTILE_BODY = f"""\
{MARK} &lt;script&gt;alert(1)&lt;/script&gt; {{{{ 7*7 }}}} {{% raw %}} ${{alert(1)}}

[looks fine](https://news.test/x?a=1&b="onmouseover="alert(1)) and
[titled](https://news.test/y "title\\" onmouseover=\\"alert(1)") and
[intra]({{filename}}/cases/delta-reply-pledge-fixture.md).

| a | b |
|---|---|
| `&lt;b&gt; {{ x }}` | ]]> |

{"w" * 20000}
"""


def _hostile_case() -> str:
    a = ACCEPTED
    return f"""\
---
id: hostile-input-probe
title: {json.dumps(a["title"], ensure_ascii=False)}
summary: {json.dumps(a["summary"], ensure_ascii=False)}
date: 2016-02-03
date_precision: day
brands: [evil-air, delta]
platform: twitter
channel: public-reply
event_type: response-pledge
status: disputed
disagreement: {json.dumps(a["disagreement"], ensure_ascii=False)}
sources:
  - url: {json.dumps(a["url"])}
    title: {json.dumps(a["source_title"], ensure_ascii=False)}
    publisher: {json.dumps(a["publisher"], ensure_ascii=False)}
    published: 2016-02-03
    lang: en
    archived: {json.dumps(a["archived"])}
    quote: {json.dumps(a["quote"], ensure_ascii=False)}
related: [delta-reply-pledge-fixture]
lang: en
added: 2024-01-10
updated: 2024-01-10
---
{HOSTILE_BODY}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The fixture site plus the hostile case and a hostile brand, validated and built."""
    base = tmp_path_factory.mktemp("hostile")
    content, vocab = base / "content", base / "vocab"
    shutil.copytree(FIXTURE_CONTENT, content)
    shutil.copytree(ROOT / "data" / "vocab", vocab)
    (content / "cases" / "hostile-input-probe.md").write_text(_hostile_case(), "utf-8")
    brands = vocab / "brands.yaml"
    brands.write_text(
        brands.read_text("utf-8")
        + f"evil-air:\n  name: {json.dumps(ACCEPTED['brand'])}\n  industry: airlines\n"
        f'  label: {{en: {json.dumps(ACCEPTED["brand"])}, fr: "Évil ]]> \' \\""}}\n',
        "utf-8",
    )
    checked = run(
        [sys.executable, "-m", "casebook", "validate", str(content), "--vocab", str(vocab)]
    )
    assert checked.returncode == 0, "the accepted probes must validate:\n" + checked.stderr
    output = base / "output"
    built = pelican(content, output, extra=[f"VOCABULARY_PATH={json.dumps(str(vocab))}"])
    assert built.returncode == 0, built.stdout + built.stderr
    indexed = run(pagefind_command(output))
    assert indexed.returncode == 0, indexed.stderr
    return output


@pytest.fixture(scope="module")
def server(hostile_site):
    """Overrides the session server for this module's browser tests: the hostile build."""
    with serve_folder(hostile_site) as base:
        yield base


WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""
# what a reader does to a page, as events: any handler an attacker slipped in would run
TOUCH = """() => {
  for (const el of document.querySelectorAll('body *')) {
    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'pointerover'])
      el.dispatchEvent(new MouseEvent(type, {bubbles: true}));
    if (el.focus) el.focus();
  }
}"""
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) found.push(el.parentElement.outerHTML);
    }
    if (['IFRAME', 'OBJECT', 'EMBED', 'FRAME'].includes(el.tagName)) found.push(el.tagName);
    if (['BASE', 'META', 'STYLE'].includes(el.tagName) && !el.closest('head'))
      found.push(el.tagName);
    if (el.tagName === 'LINK' && !el.closest('head') && new URL(el.href).origin !== location.origin)
      found.push('link ' + el.href);
    // Pagefind's own search form submits nowhere (javascript:void(0)); any other form stays
    const pagefindForm = el.matches('form.pagefind-ui__form');
    if (el.tagName === 'FORM' && !pagefindForm
        && new URL(el.action, location.href).origin !== location.origin)
      found.push('form ' + el.action);
    if (el.tagName === 'svg' && !el.classList.contains('chart')) found.push('svg');
    if (el.tagName === 'SCRIPT' && !el.src && el.type !== 'application/ld+json')
      found.push('inline script');
    if (el.tagName === 'IMG' && new URL(el.src, location.href).origin !== location.origin)
      found.push('img ' + el.src);
    const href = el.getAttribute('href') || '';
    if (/^\\s*(javascript|data|vbscript):/i.test(href)) found.push(el.tagName + ' ' + href);
  }
  return found;
}"""


def _hostile_pages(site: Path) -> list[str]:
    return [url_of(site, p) for p in html_files(site) if MARK in p.read_text(encoding="utf-8")]


@pytest.mark.browser
def test_hostile_input_runs_nothing_injects_nothing_and_stays_on_site(hostile_site, browse, server):
    pages = _hostile_pages(hostile_site)
    assert "/cases/hostile-input-probe/" in pages and "/timeline/" in pages, pages
    context = browse()
    context.add_init_script(WATCH)
    tab = context.new_page()
    dialogs, errors, failed = [], [], []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    for url in [*pages, "/search/?q=" + MARK]:
        tab.goto(server + url)
        if url.startswith("/search/"):
            tab.locator(".pagefind-ui__result-link").first.wait_for()
        tab.evaluate(TOUCH)
        injected = tab.evaluate(INJECTED)
        assert injected == [], (url, injected)
        assert tab.evaluate("() => window.__violations") == [], url
    tab.goto(server + "/cases/hostile-input-probe/")
    assert tab.locator("h1").inner_text() == ACCEPTED["title"]
    assert dialogs == [] and errors == [] and failed == []


def test_hostile_input_keeps_every_data_output_well_formed(hostile_site):
    site = hostile_site
    cases = json.loads((site / "data" / "cases.json").read_text("utf-8"))
    records = cases if isinstance(cases, list) else cases.get("cases", cases)
    probe = next(r for r in records if r["id"] == "hostile-input-probe")
    assert probe["title"] == ACCEPTED["title"]
    assert probe["sources"][0]["quote"] == ACCEPTED["quote"]
    json.loads((site / "data" / "vocabularies.json").read_text("utf-8"))
    with open(site / "data" / "cases.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert any(row.get("title") == ACCEPTED["title"] for row in rows)
    assert len({len(row) for row in rows}) == 1
    with open(site / "data" / "sources.csv", newline="", encoding="utf-8") as handle:
        sources = list(csv.reader(handle))
    assert len({len(row) for row in sources}) == 1
    xml_files = [
        site / "sitemap.xml",
        *site.glob("feeds/**/*.xml"),
        *site.glob("fr/feeds/**/*.xml"),
    ]
    assert len(xml_files) > 3
    strict = etree.XMLParser(resolve_entities=False, recover=False)
    for path in xml_files:
        etree.parse(str(path), strict)  # raises on anything not well-formed
    feed = (site / "feeds" / "all.atom.xml").read_bytes()
    entry_titles = etree.fromstring(feed).findall(".//{http://www.w3.org/2005/Atom}title")
    assert ACCEPTED["title"] in [t.text for t in entry_titles]


CSP = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
    "manifest-src 'self'; base-uri 'none'; form-action 'self'"
)


def test_every_page_carries_the_policy_and_an_icon_of_its_own(site):
    for path in html_files(site):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        policy = doc.head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None and policy["content"] == CSP, path
        icon = doc.head.find("link", rel="icon")
        assert icon is not None, path
        target = resolve(url_of(site, path), icon["href"])
        if path.name == "404.html":
            target = icon["href"]
        assert file_of(site, target).is_file(), (path, icon["href"])


def test_titles_are_plain_text(site):
    for path in html_files(site):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert doc.title is not None and doc.title.find(True) is None, path
        assert "<" not in doc.title.get_text(), path
        og = doc.find("meta", property="og:title")
        assert og is None or "<" not in og["content"], path
    data = BeautifulSoup(file_of(site, "/data/").read_text(encoding="utf-8"), "lxml")
    assert data.title.get_text().strip() == "Open data · Complaint & Channel Tracker"


def test_contributed_links_are_marked_and_intra_site_links_resolve(hostile_site):
    doc = BeautifulSoup(
        file_of(hostile_site, "/cases/hostile-input-probe/").read_text(encoding="utf-8"), "lxml"
    )
    narrative = doc.find("a", string="looks fine")
    assert narrative["href"].startswith("https://news.test/x?a=1")
    assert narrative["rel"] == ["nofollow", "ugc", "noopener"]
    intra = doc.find("a", string="intra")
    page = "/cases/hostile-input-probe/"
    assert resolve(page, intra["href"]) == "/cases/delta-reply-pledge-fixture/"
    assert "rel" not in intra.attrs


def test_an_image_from_elsewhere_becomes_a_link(tmp_path):
    html = safe_markdown.render("![the tweet](https://elsewhere.example/pixel.png) ![own](/x.png)")
    doc = BeautifulSoup(html, "lxml")
    assert [img["src"] for img in doc.find_all("img")] == ["/x.png"]
    link = doc.find("a", string="the tweet")
    assert link["href"] == "https://elsewhere.example/pixel.png"
