"""Contributed Markdown: what a reader sees, and what it can never do to the reader."""

from __future__ import annotations

import html
import random
import re

import pytest
from bs4 import BeautifulSoup

from casebook import links
from plugins.tracker import safe_markdown, typography
from plugins.tracker.safe_markdown import render

# What rendered Markdown may contain at all: no embedding, no form, no script, no style.
ELEMENTS = {
    "p", "a", "img", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "hr",
    "br", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    "sup", "section",
}  # fmt: skip
# (no inline style: the site's policy, style-src 'self', would refuse it)
ATTRIBUTES = {"href", "src", "alt", "title", "rel", "id", "class", "start"}

# Targets a contributor may use, and targets that must never become a link or an image:
# other schemes, the same written in mixed case, hidden by entities or by an escape,
# broken by white space, protocol-relative addresses, bare names.
SAFE = [
    "https://news.example/a?b=1&c=2#d", "http://old.example/", "mailto:press@x.example",
    "/cases/x/", "#note", "{filename}/cases/x.md", "{static}/images/a.png", "../fr/",
]  # fmt: skip
HOSTILE = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "jav&#x61;script:alert(1)",
    "&#106;avascript:alert(1)", "javascript&#58;alert(1)", "&#x6A;&#x61;vascript:alert(1)",
    "java\\script:alert(1)", "vbscript:msgbox(1)", "VBScript:x",
    "data:text/html,<script>x</script>", "data:image/png;base64,iVBORw0KGgo=",
    "DATA:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
    "<javascript:alert(1)>", "<java\tscript:alert(1)>", " javascript:alert(1)", "//evil.example/x",
    "\\\\evil.example/x", "evil.example", "x.html", "",
]  # fmt: skip
RAW_HTML = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:x">a</a>',
    "<iframe src=https://evil.example/></iframe>", "<svg onload=alert(1)>", "<style>p{}</style>",
    '<div onclick="alert(1)">d</div>', "<!-- comment -->", "<form action=//evil.example>",
    "<object data=x>", "<base href=//evil.example/>", "<meta http-equiv=refresh content=0>",
]  # fmt: skip
WORDS = ["word", "it's", '"quoted"', "--", "...", "**bold**", "*it*", "a_b", "&amp;", "|", ":"]
BLOCKS = ["", "", "- ", "1. ", "> ", "## ", "| a | b |\n|---|---|\n| "]


def hostile_text(rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """Markdown mixing every kind of target, raw HTML and ordinary words; and the
    (kind, label or target) of each piece a reader must find in the page."""
    pieces, expected, definitions = [], [], []
    for n in range(rng.randint(3, 25)):
        roll = rng.random()
        target = rng.choice(SAFE + HOSTILE * 2)
        label = f"label{n}"
        if roll < 0.25:
            pieces.append(f"[{label}]({target})")
            expected.append(("link", label, target))
        elif roll < 0.35:
            pieces.append(f"![{label}]({target})")
            expected.append(("image", label, target))
        elif roll < 0.45:
            pieces.append(f"[{label}][ref{n}]")
            definitions.append(f"[ref{n}]: {target}")
            expected.append(("link", label, target))
        elif roll < 0.5:
            pieces.append(f"<{target.strip('<>')}>")
        elif roll < 0.55:
            pieces.append(f"[^{n}]")
            definitions.append(f"[^{n}]: note [{label}]({target}) {rng.choice(RAW_HTML)}")
        elif roll < 0.75:
            pieces.append(rng.choice(RAW_HTML))
        else:
            pieces.append(rng.choice(WORDS))
    lines, line = [], []
    for piece in pieces:
        line.append(piece)
        if rng.random() < 0.3:
            lines.append(rng.choice(BLOCKS) + " ".join(line))
            line = []
    lines.append(" ".join(line))
    body = rng.choice(["\n", "\n\n"]).join(lines)
    return body + "\n\n" + "\n\n".join(definitions) + "\n", expected


def straight(text: str) -> str:
    """Text as typed: the typography's quotes, dashes and ellipses undone."""
    for typed, typeset in [("'", "‘’"), ('"', "“”"), ("--", "–")]:
        text = re.sub(f"[{typeset}]", typed, text)
    return text.replace("—", "---").replace("…", "...")


def safe_target(value: str) -> bool:
    return links.kind(value) in ("web", "site")


def assert_inert(output: str) -> BeautifulSoup:
    doc = BeautifulSoup(output, "lxml")
    for element in doc.body.find_all(True) if doc.body else []:
        assert element.name in ELEMENTS, element
        assert set(element.attrs) <= ATTRIBUTES, element
        href = element.get("href")
        if href is not None:
            assert safe_target(href), element
            leaves = links.kind(href) == "web" and not href.lower().startswith("mailto:")
            assert (element.get("rel") == ["nofollow", "ugc", "noopener"]) == leaves, element
        if element.name == "img":
            assert links.kind(element["src"]) == "site", element
    return doc


def found_link(doc: BeautifulSoup, label: str):
    return next((a for a in doc.find_all("a") if a.get_text() == label), None)


@pytest.mark.parametrize("seed", range(40))
def test_generated_hostile_text_renders_inert_and_keeps_the_good_links(seed):
    rng = random.Random(seed)
    for _ in range(25):
        text, expected = hostile_text(rng)
        doc = assert_inert(render(text))
        shown = straight(doc.get_text())
        for raw in RAW_HTML:
            if raw in text.replace("\n", " "):
                assert raw in shown, (raw, text)  # raw HTML is shown to the reader as text
        for kind, label, target in expected:
            link = found_link(doc, label)
            image = doc.find("img", alt=label)
            address = html.unescape(target.strip())
            if kind == "image" and links.kind(address) == "site":
                assert image is not None and link is None, (label, text)
                continue
            assert image is None, (label, text)
            if safe_target(address):
                # a safe target is kept (an image from elsewhere becomes a link to it)
                assert link is not None and link.get("href") is not None, (label, text)
            elif address:
                # an unsafe one is no link: its text shows, as written
                assert link is None, (label, text)
                assert label in shown, (label, text)
            else:  # [label](): a link to nothing, without an href
                assert link is None or link.get("href") is None, (label, text)
                assert label in shown, (label, text)


def test_raw_html_is_shown_as_text():
    text = "Before <script>alert(1)</script> after.\n\n<div onclick=x()>block</div>\n"
    doc = assert_inert(render(text))
    assert doc.get_text().split() == [
        "Before", "<script>alert(1)</script>", "after.", "<div", "onclick=x()>block</div>"
    ]  # fmt: skip


def test_unsafe_targets_are_not_links():
    """Not a link without an href: no link at all, the Markdown shows as it was written."""
    unsafe = [
        "javascript:alert(1)", "JAVASCRIPT:alert(1)", "jav&#x61;script:alert(1)",
        "data:image/png;base64,AAAA", "//evil.example/x", "evil.example", "ftp://x.example/",
    ]  # fmt: skip
    for target in unsafe:
        output = render(f"[click]({target}) and <{target}>\n\n[ref][r]\n\n[r]: {target}\n")
        doc = assert_inert(output)
        assert doc.find("a") is None, output
        assert "[click](" in doc.get_text() and "[ref][r]" in doc.get_text()
        assert "[r]:" in doc.get_text()


def test_links_leaving_the_site_are_marked_and_others_are_not():
    doc = assert_inert(
        render(
            "[out](https://news.example/a) <https://auto.example/> [mail](mailto:a@b.example) "
            "<c@d.example> [case]({filename}/cases/x.md) [top](#top) [page](/data/)"
        )
    )
    rel = {a.get_text(): a.get("rel") for a in doc.find_all("a")}
    contributed = ["nofollow", "ugc", "noopener"]
    assert rel == {
        "out": contributed, "https://auto.example/": contributed, "mail": None,
        "c@d.example": None, "case": None, "top": None, "page": None,
    }  # fmt: skip


def test_an_image_from_elsewhere_is_a_link_to_it():
    doc = assert_inert(
        render("![the tweet](https://elsewhere.example/p.png) ![own](/images/x.png) ![](//e.x/p)")
    )
    assert [img["src"] for img in doc.find_all("img")] == ["/images/x.png"]
    tweet = found_link(doc, "the tweet")
    assert tweet["href"] == "https://elsewhere.example/p.png"
    assert tweet["rel"] == ["nofollow", "ugc", "noopener"]


def test_pelican_link_markers_stay_literal():
    doc = assert_inert(
        render(
            "[a]({filename}/cases/x.md) [b]({filename}../pages/about.md#team) "
            "[c]({static}/images/a b.png) [d](<{static}/images/a b.png>) [e](|filename|x.md) "
            "[f]({filename}/cases/fr/café.md)\n\n[g][r]\n\n[r]: {filename}/cases/y.md"
        )
    )
    hrefs = {a.get_text(): a.get("href") for a in doc.find_all("a")}
    assert hrefs == {
        "a": "{filename}/cases/x.md",
        "b": "{filename}../pages/about.md#team",
        "d": "{static}/images/a%20b.png",  # Pelican also looks the path up unquoted
        "e": "|filename|x.md",
        "f": "{filename}/cases/fr/caf%C3%A9.md",
        "g": "{filename}/cases/y.md",
    }  # c: a destination with a space must be written in <...> (CommonMark)


def test_typography_curls_quotes_and_makes_dashes_and_ellipses():
    assert render("It's \"quoted\" -- and... 'single' --- end") == (
        "<p>It\u2019s \u201cquoted\u201d \u2013 and\u2026 \u2018single\u2019 \u2014 end</p>\n"
    )
    assert render("in the '90s, a--b") == "<p>in the \u201990s, a\u2013b</p>\n"
    # a quotation over two paragraphs opens each with a curly quote
    assert render('"First paragraph.\n\n"Second one."') == (
        "<p>\u201cFirst paragraph.</p>\n<p>\u201cSecond one.\u201d</p>\n"
    )


def test_typography_changes_nothing_else_people_wrote():
    written = "(c) (C) (tm) (r) +- .. ???? !!!!! ,, ---- .... a->b 1/2 <3"
    assert render(written) == f"<p>{html.escape(written, quote=False)}</p>\n"
    assert render("Plain text: no quote, no dash.") == "<p>Plain text: no quote, no dash.</p>\n"


def test_code_and_addresses_keep_their_straight_quotes_and_hyphens():
    output = render("`it's -- \"x\"...` <https://a.example/it's--x...>\n\n    'code' -- \"x\"\n")
    doc = BeautifulSoup(output, "lxml")
    assert [c.get_text() for c in doc.find_all("code")] == ['it\'s -- "x"...', "'code' -- \"x\"\n"]
    assert doc.find("a").get_text() == "https://a.example/it's--x..."


def test_french_text_gets_curly_quotes_then_french_spacing():
    output = render('Il a dit « non » : l\'avion "restera" au sol !')
    assert output == (
        "<p>Il a dit « non » : l\u2019avion \u201crestera\u201d au sol !</p>\n"
    )  # guillemets are kept as written
    spaced = typography.french(output)
    assert "«\u202fnon\u202f»\u202f: l\u2019avion" in spaced and "sol\u202f!" in spaced


def test_breaks_and_rules_are_html_not_xhtml():
    assert render("line  \nnext\n\n---\n") == "<p>line<br>\nnext</p>\n<hr>\n"


def test_tables():
    doc = assert_inert(
        render(
            "| Brand | Channel |\n|:---|---:|\n"
            "| Air France | [DM](https://x.example) |\n| KLM | `@KLM` |\n"
        )
    )
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in doc.find_all("tr")]
    assert rows == [["Brand", "Channel"], ["Air France", "DM"], ["KLM", "@KLM"]]
    alignment = [[cell.get("class") for cell in row.find_all(["th", "td"])] for row in doc("tr")]
    assert alignment == [[["align-left"], ["align-right"]]] * 3


def test_footnotes_link_to_their_note_and_back():
    doc = assert_inert(
        render(
            "A claim[^src] and another[^2].\n\n"
            "[^src]: [The source](https://s.example/).\n[^2]: Two.\n"
        )
    )
    refs = doc.select("sup a")
    assert [a.get_text() for a in refs] == ["[1]", "[2]"]
    notes = doc.select("section.footnotes li")
    assert [note.get("id") for note in notes] == [a["href"][1:] for a in refs]
    assert notes[0].find("a", string="The source")["rel"] == ["nofollow", "ugc", "noopener"]
    back = notes[0].find("a", class_="footnote-backref")
    assert doc.find(id=back["href"][1:]) is refs[0]
    assert render("Not a note: ^[inline].") == "<p>Not a note: ^[inline].</p>\n"


def test_lists_a_numbered_list_after_bullets_is_a_new_list():
    doc = BeautifulSoup(render("- one\n- two\n\n1. first\n2. second\n\n3. third\n"), "lxml")
    assert [list_.name for list_ in doc.find_all(["ul", "ol"])] == ["ul", "ol"]
    items = [li.get_text().strip() for li in doc.find("ol").find_all("li")]
    assert items == ["first", "second", "third"]
    doc = BeautifulSoup(render("Steps:\n\n4. four\n5. five\n   - nested\n"), "lxml")
    assert doc.find("ol")["start"] == "4" and doc.select_one("ol li ul li").get_text() == "nested"


def test_a_hashtag_at_the_start_of_a_line_is_text_not_a_heading():
    assert render("using\n#QantasLuxury, for a chance") == (
        "<p>using\n#QantasLuxury, for a chance</p>\n"
    )


def test_one_converter_is_built_once():
    assert safe_markdown._converter() is safe_markdown._converter()
    render("[^1]\n\n[^1]: note")  # a document's footnotes do not leak into the next one
    assert "footnote" not in render("plain")


def test_the_validator_accepts_a_footnote_and_checks_the_links_in_it():
    body = "A claim[^src].\n\n[^src]: Reported by [the paper](https://news.example/a).\n"
    assert links.body_problems(body) == []
    assert found_link(assert_inert(render(body)), "the paper") is not None
    hostile = "A claim[^1].\n\n[^1]: See [x](javascript:alert(1)).\n"
    assert [line for line, _, _ in links.body_problems(hostile)] == [2]
