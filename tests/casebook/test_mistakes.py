"""The ordinary mistakes of a contributor: each gets one clear line, none is lost silently."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from casebook import vocabulary
from casebook.validate import check_files
from tests.casebook.test_validate import ROOT, TODAY, problems_for, valid, write


def only(lines: list[str]) -> str:
    assert len(lines) == 1, lines
    return lines[0]


def validate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "casebook", "validate", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


# -- text YAML would lose ------------------------------------------------------------------


def test_a_hash_in_an_unquoted_title_is_not_cut_silently(tmp_path):
    text = valid().replace(
        "title: Air France ends Twitter DM support", "title: Lufthansa #1 airline moves off Twitter"
    )
    assert only(problems_for(tmp_path, text)) == (
        "case-a.md:3: title: the text after ' #' is read as a comment and dropped (only "
        "'Lufthansa' is kept); put the whole value in quotes: 'title: \"Lufthansa #...\"'"
    )
    quoted = text.replace(
        "title: Lufthansa #1 airline moves off Twitter",
        'title: "Lufthansa #1 airline moves off Twitter"',
    )
    assert problems_for(tmp_path, quoted) == []


def test_a_key_written_twice_is_an_error(tmp_path):
    text = valid().replace(
        "related: []",
        "sources:\n  - url: https://news.test/other\n    title: Other\n    publisher: Pub\n"
        "    lang: en\nrelated: []",
    )
    assert only(problems_for(tmp_path, text)) == (
        "case-a.md:18: sources: is written twice (also on line 12); only the last one would be "
        "kept; merge the two into one"
    )


def test_a_source_field_written_twice_is_an_error(tmp_path):
    text = valid().replace("    lang: en\n", "    lang: en\n    title: Second title\n", 1)
    line = only(problems_for(tmp_path, text))
    assert line.startswith("case-a.md:18: sources[0].title: is written twice (also on line 14)")


# -- links and images in the narrative ----------------------------------------------------


def test_a_link_without_a_scheme_is_an_error_with_the_fix(tmp_path):
    text = valid().replace(
        "Air France said", "Air France [said](www.airfrance.fr/news/dm) on its site that"
    )
    assert only(problems_for(tmp_path, text)) == (
        "case-a.md:22: text: the link 'www.airfrance.fr/news/dm' has no scheme, so it would "
        "point inside this site; write the full address: 'https://www.airfrance.fr/news/dm'"
    )


def test_an_image_from_another_site_is_refused(tmp_path):
    text = valid() + "\n![x](https://elsewhere.example/pixel.png)\n"
    assert only(problems_for(tmp_path, text)) == (
        "case-a.md:24: text: the image 'https://elsewhere.example/pixel.png' would be loaded "
        "from another site; link to it instead, e.g. '[photo of the tweet](https://...)'; the "
        "site loads nothing from elsewhere"
    )


def test_script_and_data_links_are_refused(tmp_path):
    text = valid() + "\n[a](data:text/html,hello) and [b](vbscript:x)\n"
    lines = problems_for(tmp_path, text)
    assert [line.split(": ", 2)[2] for line in lines] == [
        "the link 'data:text/html,hello' is not a web address; link only to https://, "
        "http:// or mailto: addresses",
        "the link 'vbscript:x' is not a web address; link only to https://, http:// or mailto: "
        "addresses",
    ]


def test_intra_site_links_must_name_a_file(tmp_path):
    cases = tmp_path / "content" / "cases"
    cases.mkdir(parents=True)
    write(cases, "case-b", valid("case-b"))
    text = valid() + "\nSee [the other case]({filename}/cases/case-b.md) and [top](#top).\n"
    assert problems_for(cases, text) == []
    broken = valid() + "\nSee [the other case]({filename}/cases/case-x.md).\n"
    assert problems_for(cases, broken) == [
        "case-a.md:24: text: the link '{filename}/cases/case-x.md' names no file of the site; "
        "link to an existing case as '{filename}/cases/ID.md' ('{filename}/cases/fr/ID.md' "
        "for a French one)"
    ]


# -- placeholders, drafts, tracking parameters ---------------------------------------------


def test_a_draft_marker_is_an_error_unless_the_case_is_a_draft(tmp_path):
    text = valid().replace("summary: Air France", "summary: DRAFT, to edit. Air France")
    assert only(problems_for(tmp_path, text)) == (
        "case-a.md:4: summary: is placeholder text ('DRAFT'); replace it with the real text, "
        "or add 'draft: true' while the case is unfinished (a draft is never published)"
    )
    draft = text.replace("lang: en\nupdated", "lang: en\ndraft: true\nupdated")
    assert problems_for(tmp_path, draft) == []


def test_an_example_org_source_is_a_placeholder(tmp_path):
    text = valid().replace("https://news.test/air-france", "https://www.example.org/article")
    assert only(problems_for(tmp_path, text)).startswith(
        "case-a.md:13: sources[0].url: 'https://www.example.org/article' is a placeholder "
        "address, not a source;"
    )


def test_ordinary_words_are_not_placeholders(tmp_path):
    text = valid().replace(
        "Air France said", "Air France said it had a todo list and a draft plan;"
    )
    assert problems_for(tmp_path, text) == []


def test_tracking_parameters_are_refused_with_the_clean_address(tmp_path):
    for dirty, removed, clean in [
        (
            "https://news.test/a?id=7&utm_source=feed&utm_medium=rss",
            "utm_source, utm_medium",
            "https://news.test/a?id=7",
        ),
        ("https://news.test/a?fbclid=IwAR0x", "fbclid", "https://news.test/a"),
        ("https://news.test/a?gclid=1&mc_cid=2", "gclid, mc_cid", "https://news.test/a"),
        ("https://news.test/a-uc85?plantilla=1685&proceso=amp", "proceso=amp",
         "https://news.test/a-uc85?plantilla=1685"),
        ("https://news.test/story/amp/", "/amp", "https://news.test/story/"),
        ("https://news.test/a?outputType=amp", "outputType=amp", "https://news.test/a"),
    ]:  # fmt: skip
        text = valid().replace("https://news.test/air-france", dirty)
        assert only(problems_for(tmp_path, text)) == (
            f"case-a.md:13: sources[0].url: carries tracking or AMP parameters ({removed}); "
            f"cite the clean address: 'url: {clean}'"
        )


def test_ordinary_query_strings_are_kept(tmp_path):
    text = valid().replace("https://news.test/air-france", "https://news.test/a?id=7&page=2")
    assert problems_for(tmp_path, text) == []


# -- characters HTML and XML cannot carry --------------------------------------------------


def test_a_control_character_is_refused_with_its_line(tmp_path):
    raw = valid().replace("Air France ends", "Air France\x08 ends")
    assert only(problems_for(tmp_path, raw)) == (
        "case-a.md:3: title: contains the control character U+0008, which HTML and XML cannot "
        "carry; delete it (it often comes with pasted text); write only visible characters"
    )
    escaped = valid().replace("publisher: Example News", 'publisher: "Example\\b News"')
    assert only(problems_for(tmp_path, escaped)).startswith(
        "case-a.md:15: sources[0].publisher: contains the control character U+0008"
    )
    body = valid() + "\nA bell \x07 in the text.\n"
    assert only(problems_for(tmp_path, body)).startswith(
        "case-a.md:24: text: contains the control character U+0007"
    )


def test_direction_overrides_and_broken_characters_are_refused(tmp_path):
    override = valid().replace("Example News", "Example \u202enews")
    assert only(problems_for(tmp_path, override)).startswith(
        "case-a.md:15: sources[0].publisher: contains an invisible text-direction control (U+202E)"
    )
    path = tmp_path / "case-b.md"
    path.write_bytes(valid("case-b").encode() + b"\nbroken \xed\xa0\x80 surrogate\n")
    _, problems = check_files([path], vocabulary.load(), today=TODAY)
    assert [(p.line, p.field, p.message) for p in problems] == [
        (24, "front matter", "is not UTF-8 text (or carries a broken character)")
    ]


# -- wrong shapes ----------------------------------------------------------------------------


def test_a_single_value_where_a_list_is_expected_is_one_line(tmp_path):
    text = valid().replace("related: []", "related: some-id")
    assert only(problems_for(tmp_path, text)) == (
        "case-a.md:18: related: should be a list, not a single value; write it in brackets: "
        "'related: [some-id]'"
    )
    text = valid().replace("brands: [air-france]", "brands: air-france")
    assert only(problems_for(tmp_path, text)) == (
        "case-a.md:7: brands: should be a list, not a single value; write it in brackets: "
        "'brands: [air-france]'"
    )


def test_a_language_yaml_reads_as_false_says_to_quote_it(tmp_path):
    text = valid().replace("    lang: en\n", "    lang: no\n")
    assert only(problems_for(tmp_path, text)) == (
        "case-a.md:17: sources[0].lang: YAML reads the unquoted no as false; put it in quotes: "
        "'lang: \"no\"'"
    )
    assert problems_for(tmp_path, text.replace("lang: no", 'lang: "no"')) == []


def test_misspelt_field_names_get_did_you_mean(tmp_path):
    text = (
        valid()
        .replace("sources:", "sorces:")
        .replace("event_type:", "event-type:")
        .replace("publisher:", "publsher:")
    )
    lines = problems_for(tmp_path, text)
    assert (
        "case-a.md:10: event-type: unknown field (did you mean 'event_type'?); write 'event_type'"
        in lines
    )
    assert "case-a.md:12: sorces: unknown field (did you mean 'sources'?); write 'sources'" in lines
    text = valid().replace("publisher:", "publsher:")
    assert problems_for(tmp_path, text) == [
        "case-a.md:13: sources[0].publisher: is missing; name the outlet, e.g. 'publisher: "
        "Business Insider'",
        "case-a.md:15: sources[0].publsher: unknown field (did you mean 'publisher'?); write "
        "'publisher'",
    ]


def test_an_unknown_status_lists_the_valid_ones(tmp_path):
    text = valid().replace("status: ongoing", "status: resolve")
    assert only(problems_for(tmp_path, text)) == (
        "case-a.md:11: status: unknown status 'resolve' (did you mean 'resolved'?); write one of "
        "ongoing, resolved, reversed, disputed, ended, unknown (from statuses.yaml in "
        "data/vocab/), or add the status there"
    )


def test_a_future_added_date_is_explained(tmp_path):
    text = valid().replace("lang: en\nupdated", "lang: en\nadded: 2027-01-01\nupdated")
    assert only(problems_for(tmp_path, text)) == (
        "case-a.md:20: added: 2027-01-01 is in the future; write the day the case was first "
        "published here, today at the latest"
    )


# -- files -----------------------------------------------------------------------------------


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "case-a.md"
    path.write_bytes(b"\xef\xbb\xbf" + valid().encode())
    assert check_files([path], vocabulary.load(), today=TODAY)[1] == []


def test_an_empty_file_says_it_is_empty(tmp_path):
    assert only(problems_for(tmp_path, "")) == (
        "case-a.md:1: front matter: the file is empty; start from 'invoke new-case \"Title\"', "
        "or copy an existing file"
    )


def test_the_suggested_id_is_itself_valid(tmp_path):
    path = write(tmp_path, "Lufthansa WhatsApp", valid("lufthansa-whatsapp-support"))
    _, problems = check_files([path], vocabulary.load(), today=TODAY)
    assert [p.fix for p in problems] == [
        "rename the file to lufthansa-whatsapp-support.md, or rename it to lufthansa-whatsapp.md "
        "and write 'id: lufthansa-whatsapp'"
    ]


def test_a_duplicate_id_blames_the_newcomer_only(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "fr").mkdir()
    old = valid().replace("lang: en\nupdated", "lang: en\nadded: 2023-05-01\nupdated")
    new = valid().replace("lang: en\nupdated", "lang: en\nadded: 2026-11-20\nupdated")
    french = valid("cas-a").replace(
        "lang: en\nupdated", "lang: fr\ntranslation_of: case-a\nupdated"
    )
    paths = [
        write(tmp_path / "a", "case-a", new),  # sorts first, but arrived last
        write(tmp_path, "case-a", old),
        write(tmp_path / "fr", "cas-a", french),
    ]
    _, problems = check_files(paths, vocabulary.load(), today=TODAY)
    assert [(p.path, p.field) for p in problems] == [(paths[0], "id")]
    assert problems[0].message == f"'case-a' is already used by {paths[1]}, published earlier"


def test_files_the_build_would_skip_are_reported(tmp_path):
    content = tmp_path / "content"
    (content / "cases" / "fr").mkdir(parents=True)
    (content / "pages").mkdir()
    write(content / "cases", "case-a", valid())
    (content / "cases" / "case-b.markdown").write_text(valid("case-b"), encoding="utf-8")
    (content / "cases" / "fr" / "case-c.txt").write_text(valid("case-c"), encoding="utf-8")
    (content / "case").mkdir()
    write(content / "case", "case-d", valid("case-d"))
    result = validate(content)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{content}/case/case-d.md:1: file: warning: looks like a case but is outside cases/, "
        f"so it is not published; move it to {content}/cases/",
        f"{content}/cases/case-b.markdown:1: file: is not read: only .md files are cases; "
        "rename it to case-b.md",
        f"{content}/cases/fr/case-c.txt:1: file: is not read: only .md files are cases; "
        "rename it to case-c.md",
        "2 problem(s) in 2 file(s)",
    ]


def test_pages_are_validated_too(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    (content / "cases").mkdir()
    about = content / "pages" / "about.md"
    about.write_text(re.sub(r"(?m)^slug: about\n", "", about.read_text("utf-8")), "utf-8")
    result = validate(content)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if ".md:" in line]
    assert lines == [
        f"{about}:1: slug: is missing; write the page's address in lower-case words, e.g. "
        "'slug: about'",
        f"{content}/pages/fr/a-propos.md:5: translation_of: no original page has the slug "
        "'about'; write one of contribute, methodology",
    ]


def test_a_case_saved_among_the_pages_is_named(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "cases").mkdir()
    write(content / "pages", "case-a", valid())
    result = validate(content)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{content}/pages/case-a.md:1: file: is a case, but site pages are read from here; "
        "move it to content/cases/case-a.md"
    )


# -- vocabularies --------------------------------------------------------------------------


def copy_vocab(tmp_path: Path) -> Path:
    folder = tmp_path / "vocab"
    shutil.copytree(ROOT / "data" / "vocab", folder)
    return folder


def test_the_shipped_vocabularies_are_valid():
    assert vocabulary.load().problems == []


def test_a_brand_with_an_unknown_industry_is_one_line(tmp_path):
    folder = copy_vocab(tmp_path)
    brands = folder / "brands.yaml"
    text = brands.read_text("utf-8")
    brands.write_text(text.replace("  industry: airlines\n", "  industry: airline\n", 1), "utf-8")
    line = text[: text.index("  industry: airlines\n")].count("\n") + 1
    problems = vocabulary.load(folder).problems
    assert [str(p) for p in problems] == [
        f"{brands}:{line}: air-france.industry: unknown industry 'airline' (did you mean "
        "'airlines'?); use a key of industries.yaml, or add it there"
    ]
    result = validate(ROOT / "content" / "cases", "--vocab", folder)
    assert result.returncode == 1
    assert str(problems[0]) in result.stderr


def test_vocabulary_mistakes_each_get_a_line(tmp_path):
    folder = copy_vocab(tmp_path)
    (folder / "statuses.yaml").write_text(
        "ongoing:\n  label: {en: Ongoing}\nresolved:\n  label: {en: Resolved, fr: Résolu}\n"
        "resolved:\n  label: {en: Resolved, fr: Résolu}\nNot A Key:\n"
        "  label: {en: X, fr: X}\n  colour: red\n",
        encoding="utf-8",
    )
    (folder / "platform.yaml").write_text("x:\n  label: {en: X, fr: X}\n", encoding="utf-8")
    lines = [str(p).replace(str(folder) + "/", "") for p in vocabulary.load(folder).problems]
    assert lines == [
        "platform.yaml:1: file: is not a vocabulary file, so it is not read; name it one of "
        "brands.yaml, channels.yaml, event_types.yaml, industries.yaml, platforms.yaml, "
        "statuses.yaml",
        "statuses.yaml:2: ongoing.label.fr: is missing; write the French text",
        "statuses.yaml:5: resolved: is written twice (also on line 3); only the last one would "
        "be kept; merge the two into one",
        "statuses.yaml:7: Not A Key: the key 'Not A Key' is not lower-case words joined by "
        "hyphens; write the key like 'air-france'; keys are permanent once used",
        "statuses.yaml:9: Not A Key.colour: unknown field (known fields: label, description, "
        "synonyms); check the spelling; inside '{en: ..., fr: ...}' put a text that contains a "
        "comma in quotes",
    ]


def test_broken_vocabulary_yaml_is_one_line(tmp_path):
    folder = copy_vocab(tmp_path)
    (folder / "channels.yaml").write_text("phone:\n  label: {en: Phone, fr: [\n", "utf-8")
    problems = vocabulary.load(folder).problems
    assert len(problems) == 1
    assert problems[0].field == "file"
    assert problems[0].message.startswith("not valid YAML (")


MALFORMED = {
    "binary": b"\x00\x01\x02\xff\xfe",
    "list-front-matter": b"---\n- a\n- b\n---\ntext\n",
    "scalar-front-matter": b"---\njust words\n---\ntext\n",
    "never-closed": b"---\nid: x\n",
    "wrong-shapes": (
        b"---\nid: [1, 2]\ntitle: 12\nsummary: {a: b}\ndate: [2023]\ndate_precision: 3\n"
        b"brands: [1, {a: b}]\nplatform: null\nevent_type: []\nstatus: true\n"
        b"sources: [1, x, {url: 5, title: [], publisher: {}, lang: 1, published: 2023-99-99}]\n"
        b"related: [null, 3]\nlang: 7\ntranslation_of: 5\ndraft: 'yes'\nadded: 2023\n"
        b"updated: [x]\n---\ntext\n"
    ),
    "sources-mapping": b"---\nsources: {url: https://news.test/a}\nrelated: x\n---\n",
    "unreal-dates": b"---\ndate: 2023-13-45\nupdated: 0000-00-00\nadded: 9999-99-99\n---\nx\n",
    "aliases": b"---\na: &x [1, 2, 3]\nb: [*x, *x, *x]\nc: [*x, *x]\n---\nbody\n",
    "tabs": b"---\n\tid: x\n---\n",
    "deep": b"---\nid: " + b"[" * 200 + b"]" * 200 + b"\n---\n",
    "non-string-keys": b"---\n1: x\n? [a]\n: y\nnull: z\n---\n",
}


def test_malformed_files_get_lines_never_a_traceback(tmp_path):
    for name, data in MALFORMED.items():
        (tmp_path / f"{name}.md").write_bytes(data)
    result = validate(tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    named = {line.split(".md:", 1)[0].rsplit("/", 1)[-1] for line in result.stderr.splitlines()}
    assert set(MALFORMED) <= named
    assert all(
        re.match(r".+\.md:\d+: [^:]+: .+; .+", line) for line in result.stderr.splitlines()[:-1]
    ), result.stderr


def test_yaml_aliases_cannot_blow_up_the_validator(tmp_path):
    lines = ["---", "a0: [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    lines[1] = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"
    text = "\n".join(lines) + "\n---\nbody\n"
    (tmp_path / "laughs.md").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "casebook", "validate", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_markup_in_a_vocabulary_name_or_label_is_refused(tmp_path):
    folder = copy_vocab(tmp_path)
    brands = folder / "brands.yaml"
    brands.write_text(
        brands.read_text("utf-8")
        + "evil-air:\n  name: Evil <img src=x onerror=alert(1)> Air\n  industry: airlines\n"
        + '  label: {en: Evil, fr: "bell \\a"}\n',
        "utf-8",
    )
    lines = [str(p).replace(str(folder) + "/", "") for p in vocabulary.load(folder).problems]
    count = brands.read_text("utf-8").count("\n")
    assert lines == [
        f"brands.yaml:{count - 2}: evil-air.name: contains HTML (a tag or an entity); write "
        "plain text, each character itself; names and labels are not HTML",
        f"brands.yaml:{count}: evil-air.label.fr: contains the control character U+0007, which "
        "HTML and XML cannot carry; delete it (it often comes with pasted text); write only "
        "visible characters",
    ]


def test_html_entities_in_plain_text_fields_are_refused(tmp_path):
    text = valid().replace("Example News", "Example &amp; News &#60;b&#62;")
    assert only(problems_for(tmp_path, text)) == (
        "case-a.md:15: sources[0].publisher: contains the HTML entity '&amp;'; write the "
        "character itself; sources[0].publisher is plain text, not HTML"
    )
    plain = valid().replace("Example News", "AT&T News & Co")
    assert problems_for(tmp_path, plain) == []


def test_a_file_checked_alone_is_checked_against_its_collection():
    one = ROOT / "content" / "cases" / "klm-ends-twitter-customer-service.md"
    result = validate(one)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1 case file(s) valid"
